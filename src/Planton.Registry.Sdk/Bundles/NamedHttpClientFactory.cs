using Amazon.Runtime;

namespace Planton.Registry.Sdk.Bundles;

/// <summary>
/// Lets AWSSDK.S3 take its <see cref="HttpClient"/>s from an <see cref="IHttpClientFactory"/> named client, so
/// that the host app owns handlers, certificates, proxies and pooling. The SDK asks for a client per request and
/// disposes it afterwards, which leaves the factory's pooled handler alive.
/// </summary>
internal sealed class NamedHttpClientFactory : Amazon.Runtime.HttpClientFactory
{
    private readonly IHttpClientFactory _factory;
    private readonly string _name;

    /// <summary>Wraps a factory.</summary>
    /// <param name="factory">The host app's factory.</param>
    /// <param name="name">The named client to ask for.</param>
    public NamedHttpClientFactory(IHttpClientFactory factory, string name)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _factory = factory;
        _name = name;
    }

    /// <inheritdoc />
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _factory.CreateClient(_name);

    /// <inheritdoc />
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    /// <inheritdoc />
    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;

    /// <inheritdoc />
    public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;
}
