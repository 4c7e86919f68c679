using System.Security.Cryptography;
using System.Text;

namespace Planton.Registry.Sdk.Credentials;

/// <summary>
/// What a cached credential belongs to: the provider, the connection's identity and the scope. The identity reads as
/// the account, project or registry followed by a fingerprint: an HMAC, under a key made new in every process, of
/// every field that decides the credential (access key id and secret included), so that two connections share a
/// credential only when they would mint the same one, and no secret nor a stable hash of one is kept.
/// </summary>
/// <param name="Provider">The provider, such as <c>AwsEcr</c>.</param>
/// <param name="Identity">The readable identity and the fingerprint, such as
/// <c>123456789012/us-east-1#3fa2…</c>.</param>
/// <param name="Scope">What the credential is good for; empty for the whole registry.</param>
internal readonly record struct CredentialCacheKey(string Provider, string Identity, string Scope)
{
    private static readonly byte[] s_processKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>Builds a key from the readable identity and every field that decides the credential.</summary>
    public static CredentialCacheKey Create(
        string provider,
        string readableIdentity,
        string scope,
        IEnumerable<string?> fields,
        IEnumerable<Secret?> secrets)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(secrets);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, s_processKey);
        foreach (var field in fields.Append(provider).Append(readableIdentity))
        {
            Add(hmac, field);
        }

        foreach (var secret in secrets)
        {
            Add(hmac, secret?.Reveal());
        }

        var fingerprint = Convert.ToHexStringLower(hmac.GetHashAndReset())[..16];
        return new CredentialCacheKey(provider, readableIdentity + "#" + fingerprint, scope);
    }

    /// <summary>Shows the provider, identity and scope; never a secret.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() =>
        Scope.Length == 0 ? $"{Provider} {Identity}" : $"{Provider} {Identity} ({Scope})";

    private static void Add(IncrementalHash hmac, string? value)
    {
        var bytes = Encoding.UTF8.GetBytes(value ?? "\0null");
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hmac.AppendData(length);
        hmac.AppendData(bytes);
        CryptographicOperations.ZeroMemory(bytes);
    }
}
