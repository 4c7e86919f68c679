using System.Text;

namespace Planton.Registry.Sdk.Tests.Fakes;

/// <summary>One request as a loopback fake received it.</summary>
internal sealed class FakeRequest
{
    public FakeRequest(string method, string target, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
    {
        Method = method;
        Target = target;
        Headers = headers;
        Body = body;
        var question = target.IndexOf('?', StringComparison.Ordinal);
        Path = question < 0 ? target : target[..question];
        Query = question < 0 ? string.Empty : target[(question + 1)..];
    }

    public string Method { get; }

    public string Target { get; }

    public string Path { get; }

    public string Query { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public byte[] Body { get; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Value)
            .FirstOrDefault();

    /// <summary>The body as an application/x-www-form-urlencoded form (last value of a repeated field wins).</summary>
    public IReadOnlyDictionary<string, string> Form()
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in BodyText.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            form[name] = value;
        }

        return form;
    }
}
