using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.DependencyInjection;
using Planton.Registry.Sdk.Providers.Aws;

namespace Planton.Registry.Sdk.Credentials.Aws;

/// <summary>
/// The ECR API over its JSON 1.1 protocol: <c>POST /</c> with <c>X-Amz-Target:
/// AmazonEC2ContainerRegistry_V20150921.{Operation}</c>, a JSON body, signed with <see cref="SigV4Signer"/> for the
/// connection's region and service <c>ecr</c>. Errors come back as <c>{"__type": ..., "message": ...}</c>.
/// </summary>
internal sealed class EcrApiClient : IEcrApi
{
    /// <summary>The SigV4 signing name of ECR (the FIPS endpoints sign as <c>ecr</c> too).</summary>
    public const string SigningService = "ecr";

    /// <summary>The JSON 1.1 target prefix of the ECR API.</summary>
    public const string TargetPrefix = "AmazonEC2ContainerRegistry_V20150921.";

    /// <summary>The content type of the JSON 1.1 protocol.</summary>
    public const string ContentType = "application/x-amz-json-1.1";

    private static readonly HashSet<string> s_refusalCodes = new(StringComparer.Ordinal)
    {
        "UnrecognizedClientException",
        "InvalidSignatureException",
        "SignatureDoesNotMatch",
        "IncompleteSignatureException",
        "MissingAuthenticationTokenException",
        "InvalidClientTokenId",
        "ExpiredTokenException",
        "AccessDeniedException",
        "AccessDenied",
        "UnauthorizedOperation",
    };

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EcrApiClient> _logger;

    public EcrApiClient(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<EcrApiClient> logger)
    {
        _httpClientFactory = httpClientFactory;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<EcrAuthorizationData> GetAuthorizationTokenAsync(
        AwsEcrOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var document = await CallAsync(options, "GetAuthorizationToken", static _ => { }, cancellationToken)
            .ConfigureAwait(false);
        var endpoint = EcrRegistryProvider.ApiEndpointFor(options);
        if (!document.RootElement.TryGetProperty("authorizationData", out var list)
            || list.ValueKind != JsonValueKind.Array
            || list.GetArrayLength() == 0)
        {
            throw Malformed(endpoint, "GetAuthorizationToken", "no authorizationData");
        }

        var data = list[0];
        var token = data.TryGetProperty("authorizationToken", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;
        if (token is null || !data.TryGetProperty("expiresAt", out var expires)
            || expires.ValueKind != JsonValueKind.Number)
        {
            throw Malformed(endpoint, "GetAuthorizationToken", "no authorizationToken or expiresAt");
        }

        var (username, password) = DecodeToken(token, endpoint);
        var expiresOn = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(expires.GetDouble() * 1000));
        Uri? proxy = null;
        if (data.TryGetProperty("proxyEndpoint", out var p) && p.ValueKind == JsonValueKind.String
            && Uri.TryCreate(p.GetString(), UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp))
        {
            proxy = parsed;
        }

        return new EcrAuthorizationData(username, password, expiresOn, proxy);
    }

    public async Task<EcrRepository?> DescribeRepositoryAsync(
        AwsEcrOptions options, string repositoryName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(repositoryName);
        try
        {
            using var document = await CallAsync(
                options,
                "DescribeRepositories",
                writer =>
                {
                    writer.WriteString("registryId", options.AccountId!.Trim());
                    writer.WriteStartArray("repositoryNames");
                    writer.WriteStringValue(repositoryName);
                    writer.WriteEndArray();
                },
                cancellationToken).ConfigureAwait(false);
            if (document.RootElement.TryGetProperty("repositories", out var list)
                && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    var repository = ReadRepository(item);
                    if (repository is not null
                        && string.Equals(repository.Name, repositoryName, StringComparison.Ordinal))
                    {
                        return repository;
                    }
                }
            }

            return null;
        }
        catch (RegistryRequestFailedException e)
            when (e.Errors.Count > 0 && e.Errors[0].Code == "RepositoryNotFoundException")
        {
            return null;
        }
    }

    public async Task<EcrRepository> CreateRepositoryAsync(
        AwsEcrOptions options, string repositoryName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(repositoryName);
        using var document = await CallAsync(
            options,
            "CreateRepository",
            writer =>
            {
                writer.WriteString("registryId", options.AccountId!.Trim());
                writer.WriteString("repositoryName", repositoryName);
            },
            cancellationToken).ConfigureAwait(false);
        return document.RootElement.TryGetProperty("repository", out var item) && ReadRepository(item) is { } created
            ? created
            : new EcrRepository(repositoryName, null, null);
    }

    private static EcrRepository? ReadRepository(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("repositoryName", out var name)
            || name.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return new EcrRepository(
            name.GetString()!, OptionalString(item, "repositoryUri"), OptionalString(item, "repositoryArn"));
    }

    private static string? OptionalString(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static (string Username, Secret Password) DecodeToken(string token, Uri endpoint)
    {
        var bytes = new byte[token.Length];
        try
        {
            if (!Convert.TryFromBase64String(token, bytes, out var length))
            {
                throw Malformed(endpoint, "GetAuthorizationToken", "an authorizationToken that is not base64");
            }

            var text = Encoding.UTF8.GetString(bytes, 0, length);
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == text.Length - 1)
            {
                throw Malformed(endpoint, "GetAuthorizationToken", "an authorizationToken that is not user:password");
            }

            return (text[..colon], new Secret(text[(colon + 1)..]));
        }
        finally
        {
            Array.Clear(bytes);
        }
    }

    private static RegistryRequestFailedException Malformed(Uri endpoint, string operation, string what) =>
        new("POST", endpoint, HttpStatusCode.OK, [], $"The ECR API answered {operation} with {what}.");

    private async Task<JsonDocument> CallAsync(
        AwsEcrOptions options,
        string operation,
        Action<Utf8JsonWriter> writeBody,
        CancellationToken cancellationToken)
    {
        var endpoint = EcrRegistryProvider.ApiEndpointFor(options);
        var region = options.Region!.Trim();
        var body = WriteBody(writeBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", TargetPrefix + operation);
        SigV4HttpSigner.Sign(
            request,
            body,
            options.AccessKeyId!.Trim(),
            options.SecretAccessKey!,
            region,
            SigningService,
            _timeProvider.GetUtcNow());

        CredentialLog.EcrCall(_logger, operation, endpoint.GetLeftPart(UriPartial.Authority), region);
        var http = _httpClientFactory.CreateClient(PlantonRegistryHttpClients.TokenService);
        var response = await TokenServiceHttp.SendAsync(http, request, "The ECR API", endpoint, cancellationToken)
            .ConfigureAwait(false);

        using (response)
        {
            var bytes = await TokenServiceHttp.ReadBodyAsync(response, endpoint, cancellationToken)
                .ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return JsonDocument.Parse(bytes);
                }
                catch (JsonException)
                {
                    throw Malformed(endpoint, operation, "a body that is not JSON");
                }
            }

            var (code, message) = ReadError(response, bytes);
            if (s_refusalCodes.Contains(code) || TokenServiceHttp.IsRefusal(response.StatusCode))
            {
                CredentialLog.ExchangeRefused(_logger, "AwsEcr", endpoint.Authority, (int)response.StatusCode, code);
                throw new RegistryAuthenticationException(
                    $"The ECR API at {endpoint.Authority} refused {operation} for account {options.AccountId!.Trim()} "
                    + $"in {region} ({(int)response.StatusCode} {code}: {message}). Check AwsEcr:AccessKeyId, "
                    + $"AwsEcr:SecretAccessKey and the IAM permission ecr:{operation}.");
            }

            throw new RegistryRequestFailedException(
                "POST",
                endpoint,
                response.StatusCode,
                [new OciError(code, message)],
                $"The ECR API failed {operation} for account {options.AccountId!.Trim()} in {region}.");
        }
    }

    private static byte[] WriteBody(Action<Utf8JsonWriter> writeBody)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The error code and message of an ECR failure: <c>__type</c> (after any <c>namespace#</c>) or the
    /// <c>x-amzn-ErrorType</c> header (before any <c>:</c>), and <c>message</c> or <c>Message</c>.
    /// </summary>
    internal static (string Code, string Message) ReadError(HttpResponseMessage response, byte[] body)
    {
        string? code = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = OptionalString(document.RootElement, "__type");
                message = OptionalString(document.RootElement, "message")
                    ?? OptionalString(document.RootElement, "Message");
            }
        }
        catch (JsonException)
        {
            message = Encoding.UTF8.GetString(body);
        }

        if (string.IsNullOrEmpty(code)
            && response.Headers.TryGetValues("x-amzn-ErrorType", out var values)
            && values.FirstOrDefault() is { } header)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            code = colon >= 0 ? header[..colon] : header;
        }

        if (!string.IsNullOrEmpty(code))
        {
            var hash = code.LastIndexOf('#');
            code = hash >= 0 ? code[(hash + 1)..] : code;
        }

        if (string.IsNullOrEmpty(code))
        {
            code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }

        return (TokenServiceHttp.Quote(code, 100), TokenServiceHttp.Quote(message));
    }
}
