using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Planton.Registry.Sdk.References;

/// <summary>
/// A content digest such as <c>sha256:6c3c…9b3b</c>, checked against the
/// <see href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI image-spec
/// descriptor grammar</see>: an algorithm of lowercase components joined by <c>+</c>, <c>.</c>, <c>_</c> or
/// <c>-</c>, a <c>:</c>, and an encoded part of <c>[a-zA-Z0-9=_-]</c>. The registered algorithms are held to
/// their exact form (<c>sha256</c>: 64 lowercase hexadecimal digits, <c>sha512</c>: 128); other algorithms
/// pass when they follow the grammar, as the spec asks.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class OciDigest : IEquatable<OciDigest>
{
    /// <summary>The identifier of SHA-256, the algorithm every OCI implementation supports.</summary>
    public const string Sha256 = "sha256";

    /// <summary>The identifier of SHA-512.</summary>
    public const string Sha512 = "sha512";

    /// <summary>The identifier of SHA-384.</summary>
    public const string Sha384 = "sha384";

    internal const string DigestRule =
        "a digest is algorithm:encoded with the algorithm matching [a-z0-9]+(?:[+._-][a-z0-9]+)* and the "
        + "encoded part matching [a-zA-Z0-9=_-]+, such as sha256:<64 lowercase hexadecimal digits>";

    private const int Sha256HashBytes = 32;

    private readonly string _value;

    private OciDigest(string value, int colon)
    {
        _value = value;
        Algorithm = value[..colon];
        Encoded = value[(colon + 1)..];
    }

    /// <summary>The algorithm before the <c>:</c>, such as <c>sha256</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The encoded hash after the <c>:</c>; for <c>sha256</c>, 64 lowercase hexadecimal digits.</summary>
    public string Encoded { get; }

    /// <summary>Parses a digest.</summary>
    /// <param name="digest">The text, such as <c>sha256:</c> followed by 64 lowercase hexadecimal digits.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="digest"/> is null.</exception>
    /// <exception cref="ImageReferenceException">The text is not a valid digest; the message says where and
    /// what would be valid.</exception>
    public static OciDigest Parse(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);

        var error = Check(digest, 0, out var colon);
        return error is null ? new OciDigest(digest, colon) : throw error.Value.ToException(digest);
    }

    /// <summary>Parses a digest without throwing.</summary>
    /// <param name="digest">The text; null gives false.</param>
    /// <param name="result">The digest when the text is valid, otherwise null.</param>
    /// <returns>True when the text is a valid digest.</returns>
    public static bool TryParse(string? digest, [NotNullWhen(true)] out OciDigest? result)
    {
        result = digest is not null && Check(digest, 0, out var colon) is null ? new OciDigest(digest, colon) : null;
        return result is not null;
    }

    /// <summary>Computes the <c>sha256</c> digest of some content held in memory.</summary>
    /// <param name="content">The bytes to hash.</param>
    /// <returns>The digest <c>sha256:&lt;hex&gt;</c> of the content.</returns>
    public static OciDigest ComputeSha256(ReadOnlySpan<byte> content) => FromSha256Hash(SHA256.HashData(content));

    /// <summary>Builds the <c>sha256</c> digest from a hash computed elsewhere, such as by an incremental hash
    /// over a streamed blob.</summary>
    /// <param name="hash">The 32-byte SHA-256 hash.</param>
    /// <returns>The digest <c>sha256:&lt;lowercase hex of the hash&gt;</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="hash"/> is not 32 bytes long.</exception>
    public static OciDigest FromSha256Hash(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != Sha256HashBytes)
        {
            throw new ArgumentException(
                $"A SHA-256 hash is 32 bytes long, not {ReferenceGrammar.Count(hash.Length)}.",
                nameof(hash));
        }

        return new OciDigest(Sha256 + ":" + Convert.ToHexStringLower(hash), Sha256.Length);
    }

    /// <summary>Gives the digest as <c>algorithm:encoded</c>, exactly as parsed.</summary>
    /// <returns>The digest text.</returns>
    public override string ToString() => _value;

    /// <summary>Compares two digests by their exact text.</summary>
    /// <param name="other">The other digest.</param>
    /// <returns>True when both have the same algorithm and encoded part.</returns>
    public bool Equals(OciDigest? other) =>
        other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OciDigest other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Compares two digests by their exact text.</summary>
    /// <param name="left">The first digest, or null.</param>
    /// <param name="right">The second digest, or null.</param>
    /// <returns>True when both are null or both have the same text.</returns>
    public static bool operator ==(OciDigest? left, OciDigest? right) => Equals(left, right);

    /// <summary>Compares two digests by their exact text.</summary>
    /// <param name="left">The first digest, or null.</param>
    /// <param name="right">The second digest, or null.</param>
    /// <returns>True when the texts differ.</returns>
    public static bool operator !=(OciDigest? left, OciDigest? right) => !Equals(left, right);

    /// <summary>
    /// Checks a digest inside an image reference: the grammar, and an algorithm that registries implement
    /// (<c>sha256</c>, <c>sha384</c>, <c>sha512</c>), as the distribution project's parser requires.
    /// </summary>
    internal static ReferenceError? CheckInReference(ReadOnlySpan<char> text, int offset)
    {
        var fault = Check(text, offset, out var colon);
        if (fault is not null)
        {
            return fault;
        }

        var algorithm = text[..colon];
        return algorithm is Sha256 or Sha384 or Sha512
            ? null
            : new ReferenceError(offset, $"the digest algorithm '{algorithm}' is not supported; a reference's digest "
                + "uses sha256 (64 lowercase hexadecimal digits), sha384 (96) or sha512 (128)");
    }

    internal static ReferenceError? Check(ReadOnlySpan<char> text, int offset, out int colon)
    {
        colon = text.IndexOf(':');
        if (text.IsEmpty)
        {
            return new(offset, "the digest is empty; " + DigestRule);
        }

        if (colon < 0)
        {
            return new(offset, "the digest has no ':' between algorithm and encoded part; " + DigestRule);
        }

        return CheckAlgorithm(text[..colon], offset)
            ?? CheckEncoded(text[..colon], text[(colon + 1)..], offset + colon + 1);
    }

    private static ReferenceError? CheckAlgorithm(ReadOnlySpan<char> algorithm, int offset)
    {
        if (algorithm.IsEmpty)
        {
            return new(offset, "the digest algorithm before ':' is empty; " + DigestRule);
        }

        var afterSeparator = true;
        for (var i = 0; i < algorithm.Length; i++)
        {
            var c = algorithm[i];
            if (char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c))
            {
                afterSeparator = false;
            }
            else if (c is '+' or '.' or '_' or '-' && !afterSeparator)
            {
                afterSeparator = true;
            }
            else
            {
                var what = c is '+' or '.' or '_' or '-'
                    ? $"may not have {ReferenceGrammar.Describe(c)} at the start or after another separator"
                    : $"contains {ReferenceGrammar.Describe(c)}";
                return new(offset + i, $"the digest algorithm {what}; {DigestRule}");
            }
        }

        return afterSeparator
            ? new(offset + algorithm.Length - 1, "the digest algorithm ends with a separator; " + DigestRule)
            : null;
    }

    private static ReferenceError? CheckEncoded(ReadOnlySpan<char> algorithm, ReadOnlySpan<char> encoded, int offset)
    {
        if (encoded.IsEmpty)
        {
            return new(offset, "the encoded part after ':' is empty; " + DigestRule);
        }

        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('=' or '_' or '-'))
            {
                return new(offset + i, $"the encoded part of the digest contains {ReferenceGrammar.Describe(c)}; "
                    + DigestRule);
            }
        }

        var hexLength = algorithm switch
        {
            Sha256 => 64,
            Sha384 => 96,
            Sha512 => 128,
            _ => 0,
        };
        return hexLength == 0 ? null : CheckLowerHex(algorithm, encoded, hexLength, offset);
    }

    private static ReferenceError? CheckLowerHex(
        ReadOnlySpan<char> algorithm, ReadOnlySpan<char> encoded, int hexLength, int offset)
    {
        var rule = $"a {algorithm} digest has exactly {ReferenceGrammar.Count(hexLength)} lowercase hexadecimal "
            + "digits after ':'";
        for (var i = 0; i < encoded.Length; i++)
        {
            if (!char.IsAsciiHexDigitLower(encoded[i]))
            {
                return new(offset + i, $"{rule}, and {ReferenceGrammar.Describe(encoded[i])} is not one");
            }
        }

        return encoded.Length == hexLength
            ? null
            : new(offset, $"{rule}, not {ReferenceGrammar.Count(encoded.Length)}");
    }
}
