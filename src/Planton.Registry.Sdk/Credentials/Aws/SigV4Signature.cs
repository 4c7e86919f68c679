namespace Planton.Registry.Sdk.Credentials.Aws;

/// <summary>
/// The intermediate and final results of signing one request, kept so that tests can compare each step with the
/// AWS test suite. None of them holds the secret key; the signature is valid for one request only.
/// </summary>
internal sealed class SigV4Signature
{
    public SigV4Signature(
        string canonicalRequest, string stringToSign, string signedHeaders, string signature, string authorization)
    {
        CanonicalRequest = canonicalRequest;
        StringToSign = stringToSign;
        SignedHeaders = signedHeaders;
        Signature = signature;
        Authorization = authorization;
    }

    /// <summary>The canonical request (task 1 of the AWS process).</summary>
    public string CanonicalRequest { get; }

    /// <summary>The string to sign (task 2).</summary>
    public string StringToSign { get; }

    /// <summary>The lowercase, semicolon-separated names of the signed headers.</summary>
    public string SignedHeaders { get; }

    /// <summary>The lowercase hex HMAC-SHA256 of <see cref="StringToSign"/> under the derived key (task 3).</summary>
    public string Signature { get; }

    /// <summary>The value of the <c>Authorization</c> header (task 4).</summary>
    public string Authorization { get; }

    /// <summary>Shows the signed headers only.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"SigV4 ({SignedHeaders})";
}
