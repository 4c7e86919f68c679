using System.Net;
using System.Net.Http.Headers;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Providers;

namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>The state of one connection test as its checks run: what each check learnt for the next.</summary>
internal sealed class ConnectionTestRun
{
    private readonly List<ConnectionTestStep> _steps = [];

    public ConnectionTestRun(
        IRegistryProvider provider, RegistryEndpoint endpoint, string repository, bool imageGiven, HttpClient http)
    {
        Provider = provider;
        Endpoint = endpoint;
        Repository = repository;
        ImageGiven = imageGiven;
        Http = http;
    }

    public IRegistryProvider Provider { get; }

    public RegistryEndpoint Endpoint { get; }

    public string Repository { get; }

    /// <summary>True when the caller named the image, false when the test uses its default name.</summary>
    public bool ImageGiven { get; }

    public HttpClient Http { get; }

    public IReadOnlyList<ConnectionTestStep> Steps => _steps;

    /// <summary>The host name without brackets, as the resolver takes it.</summary>
    public string HostName => Endpoint.BaseUri.IdnHost.Trim('[', ']');

    public int Port => Endpoint.BaseUri.Port;

    public IReadOnlyList<IPAddress> Addresses { get; set; } = [];

    public IPAddress? ConnectedAddress { get; set; }

    /// <summary>
    /// The detail of a TLS check whose certificate the system store does not trust: the named HTTP client may still
    /// trust it (a custom handler), so the failure stands only if <c>GET /v2/</c> fails on TLS too.
    /// </summary>
    public string? UntrustedCertificate { get; set; }

    /// <summary>True when the unauthenticated <c>GET /v2/</c> answered 2xx: the registry asks nothing there.</summary>
    public bool OpenRegistry { get; set; }

    /// <summary>The challenge of the unauthenticated <c>GET /v2/</c>; null when it answered 200.</summary>
    public AuthenticationChallenge? Challenge { get; set; }

    /// <summary>The challenges' schemes as sent, for the message when none is supported.</summary>
    public string ChallengeSchemes { get; set; } = string.Empty;

    public RegistryCredential? Credential { get; set; }

    /// <summary>
    /// The credential a login is about to store, checked instead of a new exchange (and with a registry-wide token
    /// where the registry wants one); null for a connection test.
    /// </summary>
    public RegistryCredential? LoginCredential { get; init; }

    /// <summary>The authorization the registry accepted at <c>/v2/</c>; null for anonymous access.</summary>
    public AuthenticationHeaderValue? Authorization { get; set; }

    /// <summary>What ECR's <c>DescribeRepositories</c> said of the repository; null when it was not asked.</summary>
    public bool? EcrRepositoryExists { get; set; }

    /// <summary>Set when the token service granted pull but refused push: the permission check reports it.</summary>
    public string? PushRefusal { get; set; }

    public ConnectionTestFailure Failure { get; private set; }

    /// <summary>The stage whose check failed; it picks the remedy (a TLS failure needs another than DNS).</summary>
    public ConnectionTestStage? FailedStage { get; private set; }

    /// <summary>Who the checks act as, for messages: the user name, or anonymous access.</summary>
    public string Who => Credential is null ? "anonymous access" : $"user '{Credential.Username}'";

    public bool HasStep(ConnectionTestStage stage) => _steps.Exists(s => s.Stage == stage);

    public void Record(ConnectionTestStage stage, StepResult result, TimeSpan duration)
    {
        var recordAs = result.RecordAs ?? stage;
        if (recordAs != stage)
        {
            _steps.Add(new ConnectionTestStep(
                stage, ConnectionTestOutcome.Skipped, $"not known: see the {recordAs.ToString().ToLowerInvariant()} "
                + "check below", TimeSpan.Zero));
        }

        _steps.Add(new ConnectionTestStep(recordAs, result.Outcome, result.Detail, duration));
        if (result.Failure != ConnectionTestFailure.None && Failure == ConnectionTestFailure.None)
        {
            Failure = result.Failure;
            FailedStage = recordAs;
        }
    }

    /// <summary>Turns the provisional TLS failure into the test's failure.</summary>
    public void FailOnUntrustedCertificate()
    {
        Failure = ConnectionTestFailure.Host;
        FailedStage = ConnectionTestStage.Tls;
    }

    /// <summary>Turns the provisional TLS failure into a pass: the HTTP client trusts the certificate.</summary>
    public void AcceptUntrustedCertificate(string detail)
    {
        var index = _steps.FindIndex(s => s.Stage == ConnectionTestStage.Tls);
        if (index >= 0)
        {
            _steps[index] = _steps[index] with { Outcome = ConnectionTestOutcome.Passed, Detail = detail };
        }

        UntrustedCertificate = null;
    }

    public Uri V2Uri => new(Endpoint.BaseUri, "v2/");

    /// <summary>The URI of <c>/v2/&lt;repository&gt;/&lt;suffix&gt;</c>.</summary>
    public Uri RepositoryUri(string suffix) => new(Endpoint.BaseUri, $"v2/{Repository}/{suffix}");
}
