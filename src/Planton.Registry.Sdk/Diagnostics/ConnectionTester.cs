using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Planton.Registry.Sdk.Credentials.Aws;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Providers;

namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>
/// <see cref="IConnectionTester"/>: runs the checks in order and stops at the first failure, recording every later
/// check as skipped. Registry traffic goes through the OCI client's named <see cref="HttpClient"/>, with the same
/// challenge rules: Basic credentials only to the registry's own scheme, host and port, Bearer credentials only to a
/// realm that <see cref="RealmValidator"/> accepts.
/// </summary>
internal sealed partial class ConnectionTester : IConnectionTester
{
    /// <summary>The image name tested when the caller names none.</summary>
    public const string DefaultImage = "planton-connection-test";

    /// <summary>How long one check may take before it counts as unanswered.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private static readonly ConnectionTestStage[] s_stages = Enum.GetValues<ConnectionTestStage>();

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IReadOnlyList<string> _trustedRealmHosts;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ConnectionTester> _logger;
    private readonly IHostProbe _hostProbe;
    private readonly IEcrApi _ecr;

    public ConnectionTester(
        IHttpClientFactory httpClientFactory,
        IOptions<OciRegistryClientOptions> options,
        TimeProvider timeProvider,
        ILogger<ConnectionTester> logger,
        IEcrApi ecr)
        : this(httpClientFactory, options, timeProvider, logger, ecr, new SocketHostProbe())
    {
    }

    internal ConnectionTester(
        IHttpClientFactory httpClientFactory,
        IOptions<OciRegistryClientOptions> options,
        TimeProvider timeProvider,
        ILogger<ConnectionTester> logger,
        IEcrApi ecr,
        IHostProbe hostProbe)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(ecr);
        ArgumentNullException.ThrowIfNull(hostProbe);
        _httpClientFactory = httpClientFactory;
        _ecr = ecr;
        _trustedRealmHosts = options.Value.TrustedRealmHosts
            .Where(h => !string.IsNullOrWhiteSpace(h))
            .Select(h => h.Trim())
            .ToArray();
        _timeProvider = timeProvider;
        _logger = logger;
        _hostProbe = hostProbe;
    }

    public async Task<ConnectionTestReport> TestAsync(
        IRegistryProvider provider,
        string? image = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (!provider.SupportsImages)
        {
            throw new RegistryConfigurationException(
                "Provider",
                $"The connection '{provider.ConnectionName}' ({provider.Kind}) stores no container images; the "
                + "connection test checks image registries.");
        }

        var endpoint = RegistryEndpoint.Create(
            provider.RegistryUri.GetLeftPart(UriPartial.Authority), provider.AllowInsecureHttp);
        var repository = provider.GetRepositoryPath(image ?? DefaultImage);
        var started = _timeProvider.GetTimestamp();
        var run = new ConnectionTestRun(
            provider,
            endpoint,
            repository,
            image is not null,
            _httpClientFactory.CreateClient(OciRegistryClientOptions.HttpClientName));
        foreach (var stage in s_stages)
        {
            if (run.HasStep(stage))
            {
                continue;
            }

            if (run.Failure != ConnectionTestFailure.None)
            {
                run.Record(stage, StepResult.Skip("not checked after the failure above"), TimeSpan.Zero);
                continue;
            }

            await RunStageAsync(run, stage, cancellationToken).ConfigureAwait(false);
        }

        var report = new ConnectionTestReport(
            provider.ConnectionName,
            provider.Kind,
            endpoint.Host,
            repository,
            run.Steps.ToArray(),
            run.Failure,
            run.Failure == ConnectionTestFailure.None
                ? null
                : ConnectionTestRemedies.For(provider, run.Failure, run.FailedStage, endpoint.Host, repository),
            _timeProvider.GetElapsedTime(started));
        ConnectionTestLog.Finished(_logger, provider.ConnectionName, endpoint.Host, repository, report.Failure);
        return report;
    }

    private async Task RunStageAsync(
        ConnectionTestRun run, ConnectionTestStage stage, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        using var timeout = new CancellationTokenSource(StepTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        StepResult result;
        try
        {
            result = stage switch
            {
                ConnectionTestStage.Dns => await ResolveAsync(run, linked.Token).ConfigureAwait(false),
                ConnectionTestStage.Tcp => await ConnectAsync(run, linked.Token).ConfigureAwait(false),
                ConnectionTestStage.Tls => await HandshakeAsync(run, linked.Token).ConfigureAwait(false),
                ConnectionTestStage.Registry => await CheckRegistryAsync(run, linked.Token).ConfigureAwait(false),
                ConnectionTestStage.Credentials => await CheckCredentialsAsync(run, linked.Token).ConfigureAwait(false),
                ConnectionTestStage.Permission => await CheckPermissionAsync(run, linked.Token).ConfigureAwait(false),
                _ => await CheckRepositoryAsync(run, linked.Token).ConfigureAwait(false),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = StepResult.Fail(
                ConnectionTestFailure.Host,
                $"{run.Endpoint.Host} did not answer within {StepTimeout.TotalSeconds:0} s");
        }

        var duration = _timeProvider.GetElapsedTime(started);
        ConnectionTestLog.Step(_logger, stage, result.Outcome, result.Detail, duration.TotalMilliseconds);
        run.Record(stage, result, duration);
    }

    private async Task<StepResult> ResolveAsync(ConnectionTestRun run, CancellationToken cancellationToken)
    {
        var host = run.HostName;
        try
        {
            run.Addresses = await _hostProbe.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            return StepResult.Fail(ConnectionTestFailure.Host, $"{host} does not resolve: {e.Message}");
        }

        if (run.Addresses.Count == 0)
        {
            return StepResult.Fail(ConnectionTestFailure.Host, $"{host} resolves to no address");
        }

        return run.Addresses.Count == 1 && string.Equals(run.Addresses[0].ToString(), host, StringComparison.Ordinal)
            ? StepResult.Pass($"{host} is an IP address")
            : StepResult.Pass($"{host} resolved to {string.Join(", ", run.Addresses.Take(4))}");
    }

    private async Task<StepResult> ConnectAsync(ConnectionTestRun run, CancellationToken cancellationToken)
    {
        var target = $"{run.HostName}:{run.Port}";
        try
        {
            run.ConnectedAddress = await _hostProbe.ConnectAsync(run.Addresses, run.Port, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            return StepResult.Fail(
                ConnectionTestFailure.Host,
                $"{target} refused or dropped the connection ({e.SocketErrorCode}: {e.Message})");
        }

        var via = string.Equals(run.ConnectedAddress.ToString(), run.HostName, StringComparison.Ordinal)
            ? string.Empty
            : $" at {run.ConnectedAddress}";
        return StepResult.Pass($"{target} connected{via}");
    }

    private async Task<StepResult> HandshakeAsync(ConnectionTestRun run, CancellationToken cancellationToken)
    {
        if (!run.Endpoint.IsHttps)
        {
            return StepResult.Skip($"plain http to {run.Endpoint.Host}: no TLS");
        }

        TlsProbeResult tls;
        try
        {
            tls = await _hostProbe.HandshakeAsync(run.ConnectedAddress!, run.Port, run.HostName, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            return StepResult.Fail(
                ConnectionTestFailure.Host, $"the TLS handshake with {run.Endpoint.Host} failed: {e.Message}");
        }

        var certificate = tls.Subject is null
            ? "no certificate"
            : tls.NotAfter is { } notAfter
                ? $"{tls.Subject}, valid until {notAfter:yyyy-MM-dd}"
                : tls.Subject;
        if (tls.Errors == System.Net.Security.SslPolicyErrors.None)
        {
            return StepResult.Pass($"{ProtocolName(tls.Protocol)}, certificate trusted ({certificate})");
        }

        run.UntrustedCertificate =
            $"{ProtocolName(tls.Protocol)}, certificate {DescribeCertificateErrors(tls.Errors)} ({certificate})";
        return new StepResult(ConnectionTestOutcome.Failed, run.UntrustedCertificate);
    }

    private static string ProtocolName(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLS 1.3",
        SslProtocols.Tls12 => "TLS 1.2",
        _ => protocol.ToString(),
    };

    private static string DescribeCertificateErrors(System.Net.Security.SslPolicyErrors errors)
    {
        var reasons = new List<string>();
        if (errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            reasons.Add("missing");
        }

        if (errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reasons.Add("issued for another host name");
        }

        if (errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors))
        {
            reasons.Add("not trusted by the system (unknown issuer, self-signed or expired)");
        }

        return string.Join(", ", reasons);
    }
}
