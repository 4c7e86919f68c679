using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Digests as the OCI image spec writes them, <c>algorithm:hex</c>
/// (<see href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests"/>).
/// Only the registered algorithms the client can verify, <c>sha256</c> and <c>sha512</c>, are accepted.
/// </summary>
internal static class OciDigest
{
    public const string Sha256 = "sha256";
    public const string Sha512 = "sha512";

    /// <summary>Splits a digest into its algorithm and lower-case hex part.</summary>
    public static bool TryParse(
        string? digest, [NotNullWhen(true)] out string? algorithm, [NotNullWhen(true)] out string? hex)
    {
        algorithm = null;
        hex = null;
        if (digest is null)
        {
            return false;
        }

        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var alg = digest[..colon];
        var value = digest[(colon + 1)..];
        var expectedLength = alg switch
        {
            Sha256 => 64,
            Sha512 => 128,
            _ => -1,
        };
        if (value.Length != expectedLength || !value.All(IsLowerHex))
        {
            return false;
        }

        algorithm = alg;
        hex = value;
        return true;
    }

    public static bool IsValid(string? digest) => TryParse(digest, out _, out _);

    /// <summary>Starts a hash for <paramref name="algorithm"/> (one that <see cref="TryParse"/> accepted).</summary>
    public static IncrementalHash CreateHash(string algorithm) => algorithm switch
    {
        Sha256 => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
        Sha512 => IncrementalHash.CreateHash(HashAlgorithmName.SHA512),
        _ => throw new ArgumentOutOfRangeException(
            nameof(algorithm), algorithm, "Only sha256 and sha512 are supported."),
    };

    public static string Format(string algorithm, ReadOnlySpan<byte> hash) =>
        algorithm + ":" + Convert.ToHexStringLower(hash);

    /// <summary>Computes the digest of <paramref name="content"/> with <paramref name="algorithm"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> content, string algorithm = Sha256)
    {
        using var hash = CreateHash(algorithm);
        hash.AppendData(content);
        return Format(algorithm, hash.GetHashAndReset());
    }

    /// <summary>The algorithm of a digest that <see cref="TryParse"/> accepts, or sha256 otherwise.</summary>
    public static string AlgorithmOf(string? digest) =>
        TryParse(digest, out var algorithm, out _) ? algorithm : Sha256;

    private static bool IsLowerHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f');
}
