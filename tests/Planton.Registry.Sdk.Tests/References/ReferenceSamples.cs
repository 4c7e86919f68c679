namespace Planton.Registry.Sdk.Tests.References;

/// <summary>Digests and long strings shared by the reference tables.</summary>
internal static class ReferenceSamples
{
    /// <summary>The SHA-256 of no bytes.</summary>
    public const string EmptySha256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static readonly string Hex64 = new('f', 64);

    public static readonly string Sha256 = "sha256:" + Hex64;

    public static readonly string Sha512 = "sha512:" + new string('a', 128);

    public static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    public static string Shorten(string text) => text.Length <= 70 ? text : text[..40] + "…(" + text.Length + ")";
}
