namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Where a registry's OCI Distribution API answers: a scheme, a host and a port, with <c>/v2/</c> at its root
/// (<see href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md"/>). Built only through
/// <see cref="Create"/>, which refuses plain http to any host but loopback unless that is allowed.
/// </summary>
public sealed class RegistryEndpoint
{
    /// <summary>The configuration field named in errors when the caller names none.</summary>
    public const string DefaultFieldName = "RegistryUrl";

    private RegistryEndpoint(Uri baseUri, string host, bool allowInsecureHttp)
    {
        BaseUri = baseUri;
        Host = host;
        AllowInsecureHttp = allowInsecureHttp;
    }

    /// <summary>The registry's root, <c>scheme://host[:port]/</c>, with no path, query or user info.</summary>
    public Uri BaseUri { get; }

    /// <summary>
    /// The host as image references write it: the host name, with <c>:port</c> when the port is not the scheme's
    /// default (<c>ghcr.io</c>, <c>127.0.0.1:5001</c>, <c>localhost:5443</c>).
    /// </summary>
    public string Host { get; }

    /// <summary>
    /// True when plain http to a host other than loopback was allowed. It also lets a token service on plain http
    /// answer for this registry.
    /// </summary>
    public bool AllowInsecureHttp { get; }

    /// <summary>True when the registry is https.</summary>
    public bool IsHttps => BaseUri.Scheme == Uri.UriSchemeHttps;

    /// <summary>
    /// Checks and builds an endpoint from a URL such as <c>https://registry.example.com</c>,
    /// <c>http://127.0.0.1:5001</c> or a bare <c>host[:port]</c> (taken as https).
    /// </summary>
    /// <param name="url">The registry URL; a trailing <c>/</c> is allowed, any other path is not.</param>
    /// <param name="allowInsecureHttp">
    /// Accept plain <c>http://</c> to hosts other than loopback (127.0.0.0/8, ::1, <c>localhost</c>).
    /// Default false.
    /// </param>
    /// <param name="fieldName">
    /// The configuration field the URL came from, named in the error; default <c>RegistryUrl</c>.
    /// </param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="RegistryConfigurationException">
    /// The URL is empty, not http(s), has user info, a path, a query or a fragment, or is plain http to a host that
    /// is not loopback while <paramref name="allowInsecureHttp"/> is false.
    /// </exception>
    public static RegistryEndpoint Create(
        string? url, bool allowInsecureHttp = false, string fieldName = DefaultFieldName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fieldName);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new RegistryConfigurationException(fieldName, "is required, such as https://registry.example.com.");
        }

        var text = url.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new RegistryConfigurationException(
                fieldName, $"'{Shorten(url)}' is not a URL; use https://host[:port].");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new RegistryConfigurationException(
                fieldName, $"the scheme '{uri.Scheme}' is not supported; use https:// (or http:// for loopback).");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new RegistryConfigurationException(
                fieldName, "must not hold a user name or password; give credentials in their own fields.");
        }

        if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new RegistryConfigurationException(
                fieldName, "must be only scheme://host[:port]; the registry API lives at /v2/ of the host.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !allowInsecureHttp && !HostNames.IsLoopback(uri.Host))
        {
            throw new RegistryConfigurationException(
                fieldName,
                $"plain http to '{uri.Authority}' is refused; use https, or set AllowInsecureHttp to true. "
                + "Plain http is accepted without it only for loopback (127.0.0.0/8, ::1, localhost).");
        }

        var baseUri = new Uri(uri.GetLeftPart(UriPartial.Authority) + "/", UriKind.Absolute);
        var host = baseUri.IsDefaultPort ? baseUri.Host : $"{baseUri.Host}:{baseUri.Port}";
        return new RegistryEndpoint(baseUri, host, allowInsecureHttp);
    }

    /// <summary>Shows the base URI.</summary>
    /// <returns>The base URI as text.</returns>
    public override string ToString() => BaseUri.GetLeftPart(UriPartial.Authority);

    private static string Shorten(string value) => value.Length > 200 ? value[..200] + "..." : value;
}
