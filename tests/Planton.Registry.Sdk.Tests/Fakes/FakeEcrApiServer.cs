using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.Runtime.Internal.Auth;

namespace Planton.Registry.Sdk.Tests.Fakes;

/// <summary>
/// The ECR API as a loopback fake that checks what AWS checks: a known access key id, a SigV4 signature that it
/// recomputes from the secret (its own canonical request from the signed headers, the signature from AWSSDK.Core's
/// signer, so that neither shares code with the SDK's signer), a request time within 15 minutes of its clock, then the
/// JSON 1.1 operation. Refusals answer as ECR does: 400 <c>UnrecognizedClientException</c>, 403
/// <c>InvalidSignatureException</c>.
/// </summary>
internal sealed class FakeEcrApiServer : IAsyncDisposable
{
    public const string TargetPrefix = "AmazonEC2ContainerRegistry_V20150921.";

    private readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly LoopbackHttpServer _server;

    public FakeEcrApiServer(TimeProvider clock, string region = "us-east-1", string accountId = "123456789012")
    {
        _clock = clock;
        Region = region;
        AccountId = accountId;
        _server = LoopbackHttpServer.Start(Handle);
    }

    public Uri Endpoint => _server.BaseUri;

    public string Region { get; }

    public string AccountId { get; }

    public string Password { get; set; } = "ecr-fake-password";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public string? ProxyEndpoint { get; set; }

    public ConcurrentDictionary<string, bool> Repositories { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Refusals { get; } = new();

    public int Calls(string operation) => _calls.GetValueOrDefault(operation);

    public void AddKey(string accessKeyId, string secretAccessKey) => _keys[accessKeyId] = secretAccessKey;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private FakeResponse Handle(FakeRequest request)
    {
        if (request.Method != "POST" || request.Path != "/")
        {
            return Error(404, "UnknownOperationException", request.Method + " " + request.Path);
        }

        var refused = CheckSignature(request);
        if (refused is not null)
        {
            return refused;
        }

        if (request.Header("Content-Type") != "application/x-amz-json-1.1")
        {
            return Error(400, "SerializationException", "wrong content type " + request.Header("Content-Type"));
        }

        var target = request.Header("X-Amz-Target") ?? string.Empty;
        if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal))
        {
            return Error(400, "UnknownOperationException", target);
        }

        var operation = target[TargetPrefix.Length..];
        _calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        using var body = JsonDocument.Parse(request.Body);
        return operation switch
        {
            "GetAuthorizationToken" => AuthorizationToken(),
            "DescribeRepositories" => Describe(body.RootElement),
            "CreateRepository" => Create(body.RootElement),
            _ => Error(400, "UnknownOperationException", operation),
        };
    }

    private FakeResponse AuthorizationToken()
    {
        var expires = _clock.GetUtcNow() + TokenLifetime;
        var data = new Dictionary<string, object>
        {
            ["authorizationToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:" + Password)),
            ["expiresAt"] = expires.ToUnixTimeMilliseconds() / 1000.0,
            ["proxyEndpoint"] = ProxyEndpoint ?? $"https://{AccountId}.dkr.ecr.{Region}.amazonaws.com",
        };
        return FakeResponse.Json(200, new Dictionary<string, object> { ["authorizationData"] = new[] { data } });
    }

    private FakeResponse Describe(JsonElement body)
    {
        if (body.GetProperty("registryId").GetString() != AccountId)
        {
            return Error(400, "InvalidParameterException", "registryId");
        }

        var name = body.GetProperty("repositoryNames")[0].GetString()!;
        return Repositories.ContainsKey(name)
            ? FakeResponse.Json(200, new { repositories = new[] { Repository(name) } })
            : Error(
                400,
                "RepositoryNotFoundException",
                $"The repository with name '{name}' does not exist in the registry with id '{AccountId}'");
    }

    private FakeResponse Create(JsonElement body)
    {
        var name = body.GetProperty("repositoryName").GetString()!;
        return Repositories.TryAdd(name, true)
            ? FakeResponse.Json(200, new { repository = Repository(name) })
            : Error(400, "RepositoryAlreadyExistsException", $"The repository with name '{name}' already exists");
    }

    private Dictionary<string, string> Repository(string name) => new()
    {
        ["repositoryName"] = name,
        ["repositoryUri"] = $"{AccountId}.dkr.ecr.{Region}.amazonaws.com/{name}",
        ["repositoryArn"] = $"arn:aws:ecr:{Region}:{AccountId}:repository/{name}",
    };

    private FakeResponse? CheckSignature(FakeRequest request)
    {
        var authorization = request.Header("Authorization");
        if (authorization is null || !authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
        {
            return Error(400, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        var fields = authorization["AWS4-HMAC-SHA256 ".Length..]
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2))
            .ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        var credential = fields["Credential"].Split('/');
        var (accessKeyId, date, region, service) = (credential[0], credential[1], credential[2], credential[3]);
        if (!_keys.TryGetValue(accessKeyId, out var secret))
        {
            return Error(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        var signedHeaders = fields["SignedHeaders"];
        var names = signedHeaders.Split(';');
        if (!names.Contains("host") || !names.Contains("x-amz-date") || !names.Contains("x-amz-target")
            || region != Region || service != "ecr" || credential[4] != "aws4_request")
        {
            return Error(400, "IncompleteSignatureException", "Credential scope or signed headers are wrong.");
        }

        var amzDate = request.Header("X-Amz-Date") ?? string.Empty;
        var signedAt = DateTime.ParseExact(
            amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        if (date != amzDate[..8] || Math.Abs((_clock.GetUtcNow().UtcDateTime - signedAt).TotalMinutes) > 15)
        {
            return Error(403, "InvalidSignatureException", "Signature expired: " + amzDate);
        }

        var canonical = new StringBuilder("POST\n/\n\n");
        foreach (var name in names)
        {
            var words = (request.Header(name) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var value = string.Join(' ', words);
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n')
            .Append(Convert.ToHexStringLower(SHA256.HashData(request.Body)));
        var expected = AWS4Signer.ComputeSignature(
            accessKeyId, secret, region, signedAt, service, signedHeaders, canonical.ToString()).Signature;
        return expected == fields["Signature"]
            ? null
            : Error(
                403,
                "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method.");
    }

    private FakeResponse Error(int status, string type, string message)
    {
        Refusals.Enqueue(type);
        return FakeResponse.Json(status, new Dictionary<string, string> { ["__type"] = type, ["message"] = message });
    }
}
