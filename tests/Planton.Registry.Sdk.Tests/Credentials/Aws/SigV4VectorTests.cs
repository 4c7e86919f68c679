using System.Globalization;
using System.Text;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Credentials.Aws;

namespace Planton.Registry.Sdk.Tests.Credentials.Aws;

/// <summary>
/// Every case of the AWS SigV4 test suite in ../shared/testdata/sigv4 (found by walking the folder, so that a case
/// added there is tested too): the canonical request, the string to sign and the Authorization header must match the
/// expected files byte for byte.
/// </summary>
public sealed class SigV4VectorTests
{
    private const string AccessKeyId = "AKIDEXAMPLE";
    private const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Region = "us-east-1";
    private const string Service = "service";

    public static IEnumerable<TestCaseData> Cases()
    {
        var root = SharedTestData.Path("testdata", "sigv4");
        var requests = Directory.EnumerateFiles(root, "*.req", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var name = Path.GetRelativePath(root, request)[..^4];
            yield return new TestCaseData(request).SetArgDisplayNames(name);
        }
    }

    [Test]
    public void Cases_FolderHoldsTheSuite_AtLeast25()
    {
        Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(25));
    }

    [TestCaseSource(nameof(Cases))]
    public void Sign_AwsVector_MatchesCanonicalRequestStringToSignAndAuthorization(string requestFile)
    {
        var stem = requestFile[..^4];
        var (request, time) = ParseRequest(File.ReadAllBytes(requestFile));

        var signature = SigV4Signer.Sign(request, AccessKeyId, new Secret(SecretAccessKey), Region, Service, time);

        Assert.Multiple(() =>
        {
            Assert.That(signature.CanonicalRequest, Is.EqualTo(File.ReadAllText(stem + ".creq")), "canonical request");
            Assert.That(signature.StringToSign, Is.EqualTo(File.ReadAllText(stem + ".sts")), "string to sign");
            Assert.That(signature.Authorization, Is.EqualTo(File.ReadAllText(stem + ".authz")), "authorization");
        });
    }

    [Test]
    public void DeriveSigningKey_SuiteInputs_MatchesTheKeyTheReadmeGives()
    {
        var key = SigV4Signer.DeriveSigningKey(new Secret(SecretAccessKey), "20150830", Region, Service);

        Assert.That(
            Convert.ToHexStringLower(key),
            Is.EqualTo("938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75"));
    }

    [Test]
    public void Sign_AnySignature_NeverHoldsTheSecret()
    {
        var (request, time) = ParseRequest(
            File.ReadAllBytes(SharedTestData.Path("testdata", "sigv4", "post-vanilla", "post-vanilla.req")));

        var signature = SigV4Signer.Sign(request, AccessKeyId, new Secret(SecretAccessKey), Region, Service, time);

        Assert.That(
            new[] { signature.CanonicalRequest, signature.StringToSign, signature.Authorization, signature.ToString() },
            Has.None.Contains(SecretAccessKey));
    }

    /// <summary>
    /// Reads a suite .req file: the request line (the target may hold spaces), <c>Name:value</c> headers where a line
    /// that starts with white space continues the previous header as another value (the suite's expected output joins
    /// them with commas), then an optional blank line and the body.
    /// </summary>
    internal static (SigV4Request Request, DateTimeOffset Time) ParseRequest(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = blank < 0 ? text : text[..blank];
        var body = blank < 0 ? string.Empty : text[(blank + 2)..];
        var lines = head.Split('\n');

        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = question < 0 ? string.Empty : target[(question + 1)..];

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]))
            {
                headers.Add(new(headers[^1].Key, line.Trim()));
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..]));
        }

        var date = headers.Single(h => h.Key.Equals("X-Amz-Date", StringComparison.OrdinalIgnoreCase)).Value;
        var time = DateTimeOffset.ParseExact(
            date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var payloadHash = SigV4Signer.HexSha256(Encoding.UTF8.GetBytes(body));
        return (new SigV4Request(method, path, query, headers, payloadHash), time);
    }
}
