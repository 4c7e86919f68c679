using System.Text;
using System.Text.Json.Nodes;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using static Planton.Registry.Sdk.Tests.Connections.ConnectionSamples;
using static Planton.Registry.Sdk.Tests.Connections.ValidationCases;

namespace Planton.Registry.Sdk.Tests.Connections;

public sealed class GcpValidationTests
{
    private const string ProjectId = "GcpArtifactRegistry:ProjectId";
    private const string Region = "GcpArtifactRegistry:Region";
    private const string RepositoryName = "GcpArtifactRegistry:RepositoryName";
    private const string ServiceAccountKey = "GcpArtifactRegistry:ServiceAccountKey";
    private const string Format = "GcpArtifactRegistry:Format";
    private const string CredentialMode = "GcpArtifactRegistry:CredentialMode";
    private const string RegistryUrl = "GcpArtifactRegistry:RegistryUrl";

    private static Action<RegistryConnectionOptions> E(Action<GcpArtifactRegistryOptions> edit) =>
        c => edit(c.GcpArtifactRegistry!);

    private static Action<RegistryConnectionOptions> Key(string base64) =>
        E(o => o.ServiceAccountKey = new Secret(base64));

    private static Action<RegistryConnectionOptions> KeyEdit(Action<JsonObject> edit) => Key(KeyBase64(edit));

    public static IEnumerable<TestCaseData> ValidVariants()
    {
        yield return Row("sample as is", _ => { });
        yield return Row("region europe-west10", E(o => o.Region = "europe-west10"));
        yield return Row("region northamerica-northeast1", E(o => o.Region = "northamerica-northeast1"));
        yield return Row("region me-central2", E(o => o.Region = "me-central2"));
        yield return Row("multi-region us", E(o => o.Region = "us"));
        yield return Row("multi-region europe", E(o => o.Region = "europe"));
        yield return Row("multi-region asia", E(o => o.Region = "asia"));
        yield return Row("6-char project", E(o => o.ProjectId = "abcdef"));
        yield return Row("30-char project", E(o => o.ProjectId = "a" + new string('b', 28) + "1"));
        yield return Row("domain-scoped project", E(o => o.ProjectId = "example.com:my-project"));
        yield return Row("1-char repository", E(o => o.RepositoryName = "a"));
        yield return Row("63-char repository", E(o => o.RepositoryName = "r" + new string('0', 62)));
        yield return Row("key wrapped at 76 columns", Key(Wrap(KeyBase64(), 76, "\n")));
        yield return Row("key wrapped with CRLF and spaces", Key(" " + Wrap(KeyBase64(), 64, "\r\n ") + "\n"));
        yield return Row("key JSON with BOM", Key(Convert.ToBase64String(
            [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(KeyJson().ToJsonString())])));
        yield return Row("key with loopback token_uri", KeyEdit(j => j["token_uri"] = "http://127.0.0.1:8080/token"));
        yield return Row("key with IPv6 loopback token_uri", KeyEdit(j => j["token_uri"] = "http://[::1]:9/token"));
        yield return Row("key with localhost token_uri", KeyEdit(j => j["token_uri"] = "http://localhost/token"));
        yield return Row("key with http token_uri, insecure allowed", c =>
        {
            c.AllowInsecureHttp = true;
            KeyEdit(j => j["token_uri"] = "http://oauth.internal/token")(c);
        });
        yield return Row("format npm", E(o => o.Format = ArtifactFormat.Npm));
        yield return Row("format maven", E(o => o.Format = ArtifactFormat.Maven));
        yield return Row("JSON key mode", E(o => o.CredentialMode = GcpCredentialMode.JsonKey));
        yield return Row("loopback registry", E(o => o.RegistryUrl = "http://127.0.0.1:5001"));
        yield return Row("127/8 registry", E(o => o.RegistryUrl = "http://127.5.6.7:5001/"));
        yield return Row("https proxy", E(o => o.RegistryUrl = "https://proxy.example.com"));
        yield return Row("AWS object present too", c => c.AwsEcr = new AwsEcrOptions());
    }

    public static IEnumerable<TestCaseData> InvalidFields()
    {
        yield return Row("project missing", E(o => o.ProjectId = null), ProjectId);
        yield return Row("project empty", E(o => o.ProjectId = ""), ProjectId);
        yield return Row("project uppercase", E(o => o.ProjectId = "My-Project"), ProjectId);
        yield return Row("project 5 chars", E(o => o.ProjectId = "abcde"), ProjectId);
        yield return Row("project 31 chars", E(o => o.ProjectId = "a" + new string('b', 30)), ProjectId);
        yield return Row("project starts with digit", E(o => o.ProjectId = "1project"), ProjectId);
        yield return Row("project trailing hyphen", E(o => o.ProjectId = "project-"), ProjectId);
        yield return Row("project underscore", E(o => o.ProjectId = "my_project"), ProjectId);
        yield return Row("project trailing newline", E(o => o.ProjectId = "my-project\n"), ProjectId);
        yield return Row("project fullwidth letter", E(o => o.ProjectId = "ｍy-project"), ProjectId);
        yield return Row("project empty domain", E(o => o.ProjectId = ":my-project"), ProjectId);
        yield return Row("project empty after domain", E(o => o.ProjectId = "example.com:"), ProjectId);
        yield return Row("project uppercase domain", E(o => o.ProjectId = "Example.com:my-project"), ProjectId);
        yield return Row("project single-label domain", E(o => o.ProjectId = "example:my-project"), ProjectId);
        yield return Row("project huge", E(o => o.ProjectId = new string('a', 1 << 20)), ProjectId);
        yield return Row("region missing", E(o => o.Region = null), Region);
        yield return Row("region no number", E(o => o.Region = "us-central"), Region);
        yield return Row("region uppercase", E(o => o.Region = "US-CENTRAL1"), Region);
        yield return Row("region no hyphen", E(o => o.Region = "uscentral1"), Region);
        yield return Row("region zone", E(o => o.Region = "us-central1-a"), Region);
        yield return Row("region eu", E(o => o.Region = "eu"), Region);
        yield return Row("region AWS style", E(o => o.Region = "us-east-1"), Region);
        yield return Row("region trailing newline", E(o => o.Region = "us-central1\n"), Region);
        yield return Row("repository missing", E(o => o.RepositoryName = null), RepositoryName);
        yield return Row("repository uppercase", E(o => o.RepositoryName = "Docker"), RepositoryName);
        yield return Row("repository starts with digit", E(o => o.RepositoryName = "1repo"), RepositoryName);
        yield return Row("repository trailing hyphen", E(o => o.RepositoryName = "repo-"), RepositoryName);
        yield return Row("repository 64 chars", E(o => o.RepositoryName = "r" + new string('0', 63)), RepositoryName);
        yield return Row("repository underscore", E(o => o.RepositoryName = "re_po"), RepositoryName);
        yield return Row("repository dot", E(o => o.RepositoryName = "re.po"), RepositoryName);
        yield return Row("key missing", E(o => o.ServiceAccountKey = null), ServiceAccountKey);
        yield return Row("key empty", Key(""), ServiceAccountKey);
        yield return Row("key blank", Key(" \n "), ServiceAccountKey);
        yield return Row("key not base64", Key("!!not-base64!!"), ServiceAccountKey);
        yield return Row("key base64url alphabet", Key("-_8="), ServiceAccountKey);
        yield return Row("key truncated base64", Key(KeyBase64()[..^3]), ServiceAccountKey);
        yield return Row("key raw JSON", Key(KeyJson().ToJsonString()), ServiceAccountKey);
        yield return Row("key not JSON", Key(Base64("hello")), ServiceAccountKey);
        yield return Row("key invalid UTF-8", Key(Convert.ToBase64String([0xC3, 0x28, 0xFF])), ServiceAccountKey);
        yield return Row("key JSON array", Key(Base64("[1,2]")), ServiceAccountKey);
        yield return Row("key JSON string", Key(Base64("\"x\"")), ServiceAccountKey);
        yield return Row("key too long", Key(new string('A', 70_000)), ServiceAccountKey);
        yield return Row("key without type", KeyEdit(j => j.Remove("type")), ServiceAccountKey);
        yield return Row("key of a user", KeyEdit(j => j["type"] = "authorized_user"), ServiceAccountKey);
        yield return Row("key of unknown type", KeyEdit(j => j["type"] = "something"), ServiceAccountKey);
        yield return Row("key type not a string", KeyEdit(j => j["type"] = 5), ServiceAccountKey);
        yield return Row("key without email", KeyEdit(j => j.Remove("client_email")), ServiceAccountKey);
        yield return Row("key email without @", KeyEdit(j => j["client_email"] = "pusher"), ServiceAccountKey);
        yield return Row("key without private key", KeyEdit(j => j.Remove("private_key")), ServiceAccountKey);
        yield return Row("key PKCS#1 header", KeyEdit(j => j["private_key"] = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"
            + "-----END RSA PRIVATE KEY-----\n"), ServiceAccountKey);
        yield return Row("key PEM garbage", KeyEdit(j => j["private_key"] = "-----BEGIN PRIVATE KEY-----\nAAAA\n"
            + "-----END PRIVATE KEY-----\n"), ServiceAccountKey);
        yield return Row("key EC private key", KeyEdit(j => j["private_key"] = EcPrivateKeyPem), ServiceAccountKey);
        yield return Row("key without token_uri", KeyEdit(j => j.Remove("token_uri")), ServiceAccountKey);
        yield return Row("key relative token_uri", KeyEdit(j => j["token_uri"] = "/token"), ServiceAccountKey);
        yield return Row(
            "key http token_uri",
            KeyEdit(j => j["token_uri"] = "http://oauth2.googleapis.com/token"),
            ServiceAccountKey);
        yield return Row(
            "key ftp token_uri",
            KeyEdit(j => j["token_uri"] = "ftp://example.com/token"),
            ServiceAccountKey);
        yield return Row("format zero", E(o => o.Format = 0), Format);
        yield return Row("format undefined", E(o => o.Format = (ArtifactFormat)99), Format);
        yield return Row("mode undefined", E(o => o.CredentialMode = (GcpCredentialMode)7), CredentialMode);
        yield return Row("registry ftp", E(o => o.RegistryUrl = "ftp://registry.example.com"), RegistryUrl);
        yield return Row("registry no scheme", E(o => o.RegistryUrl = "registry.example.com"), RegistryUrl);
        yield return Row("registry bare host:port", E(o => o.RegistryUrl = "localhost:5001"), RegistryUrl);
        yield return Row("registry path", E(o => o.RegistryUrl = "https://registry.example.com/v2"), RegistryUrl);
        yield return Row("registry query", E(o => o.RegistryUrl = "https://registry.example.com?x=1"), RegistryUrl);
        yield return Row("registry fragment", E(o => o.RegistryUrl = "https://registry.example.com#x"), RegistryUrl);
        yield return Row("registry user info", E(o => o.RegistryUrl = "https://u:p@registry.example.com"), RegistryUrl);
        yield return Row("registry plain http", E(o => o.RegistryUrl = "http://registry.example.com"), RegistryUrl);
        yield return Row("registry private address", E(o => o.RegistryUrl = "http://10.0.0.1:5000"), RegistryUrl);
        yield return Row("registry no host", E(o => o.RegistryUrl = "https://"), RegistryUrl);
        yield return Row("registry inner space", E(o => o.RegistryUrl = "https://registry.example.com /"), RegistryUrl);
        yield return Row("registry padded", E(o => o.RegistryUrl = " https://registry.example.com"), RegistryUrl);
        yield return Row("section missing", c => c.GcpArtifactRegistry = null, "GcpArtifactRegistry");
    }

    [TestCaseSource(nameof(ValidVariants))]
    public void Validate_ValidVariant_HasNoProblems(Action<RegistryConnectionOptions> edit) =>
        AssertValid(Gcp, edit);

    [TestCaseSource(nameof(InvalidFields))]
    public void Validate_OneBadField_NamesThatField(Action<RegistryConnectionOptions> edit, string field) =>
        AssertOnlyProblemIn(Gcp, edit, field);

    [Test]
    public void Validate_KeyWithSeveralFaults_ListsEachInOneMessage()
    {
        var connection = Gcp();
        KeyEdit(j =>
        {
            j["type"] = "authorized_user";
            j.Remove("client_email");
            j["token_uri"] = "http://oauth.example.com/token";
        })(connection);

        var problem = RegistryConnectionValidator.Validate(connection).Single();

        Assert.That(problem.Field, Is.EqualTo(ServiceAccountKey));
        Assert.That(
            problem.Message,
            Is.EqualTo(
                "decodes to a key JSON whose type is authorized_user, not service_account (create a key for a "
                + "service account instead), and whose client_email is missing, and whose token_uri uses plain "
                + "http to a host that is not a loopback address (set AllowInsecureHttp to allow it); it must be "
                + "the base64 of a Google service-account key JSON file (type service_account, with client_email, "
                + "private_key and token_uri)."));
    }

    [Test]
    public void Validate_RawJsonKey_SaysToEncodeIt()
    {
        var connection = Gcp();
        Key(KeyJson().ToJsonString())(connection);

        var problem = RegistryConnectionValidator.Validate(connection).Single();

        Assert.That(problem.Message, Does.StartWith("holds the key JSON itself, not its base64"));
    }

    [Test]
    public void Validate_EmptySection_NamesEveryRequiredField()
    {
        var connection = Gcp();
        connection.GcpArtifactRegistry = new GcpArtifactRegistryOptions();

        var fields = RegistryConnectionValidator.Validate(connection).Select(p => p.Field);

        Assert.That(fields, Is.EqualTo(new[] { ProjectId, Region, RepositoryName, ServiceAccountKey }));
    }

    private static string Wrap(string text, int width, string separator) =>
        string.Join(separator, text.Chunk(width).Select(chunk => new string(chunk)));
}
