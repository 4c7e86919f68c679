using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using static Planton.Registry.Sdk.Tests.Connections.ConnectionSamples;
using static Planton.Registry.Sdk.Tests.Connections.ValidationCases;

namespace Planton.Registry.Sdk.Tests.Connections;

public sealed class JFrogValidationTests
{
    private const string Url = "JFrogArtifactory:Url";
    private const string Key = "JFrogArtifactory:RepositoryKey";
    private const string Username = "JFrogArtifactory:Username";
    private const string AccessToken = "JFrogArtifactory:AccessToken";
    private const string Format = "JFrogArtifactory:Format";
    private const string AccessMethod = "JFrogArtifactory:DockerAccessMethod";
    private const string RegistryUrl = "JFrogArtifactory:RegistryUrl";

    private static Action<RegistryConnectionOptions> E(Action<JFrogArtifactoryOptions> edit) =>
        c => edit(c.JFrogArtifactory!);

    private static Action<RegistryConnectionOptions> Maven(string key) => E(o =>
    {
        o.Format = ArtifactFormat.Maven;
        o.RepositoryKey = key;
    });

    public static IEnumerable<TestCaseData> ValidVariants()
    {
        yield return Row("sample as is", _ => { });
        yield return Row("63-char docker key", E(o => o.RepositoryKey = new string('d', 63)));
        yield return Row("dotted docker key", E(o => o.RepositoryKey = "docker.local"));
        yield return Row("maven key with case and underscore", Maven("Libs_Release-Local"));
        yield return Row("64-char maven key", Maven(new string('m', 64)));
        yield return Row("npm key", E(o =>
        {
            o.Format = ArtifactFormat.Npm;
            o.RepositoryKey = "npm-remote";
        }));
        yield return Row("self-hosted URL with path", E(o => o.Url = "https://example.com/artifactory"));
        yield return Row("loopback URL", E(o => o.Url = "http://127.0.0.1:8081"));
        yield return Row("subdomain method", E(o => o.DockerAccessMethod = JFrogDockerAccessMethod.Subdomain));
        yield return Row("port method with registry", E(o =>
        {
            o.DockerAccessMethod = JFrogDockerAccessMethod.Port;
            o.RegistryUrl = "https://artifactory.example.com:5001";
        }));
        yield return Row("port method ignored for npm", E(o =>
        {
            o.Format = ArtifactFormat.Npm;
            o.DockerAccessMethod = JFrogDockerAccessMethod.Port;
        }));
        yield return Row("email user name", E(o => o.Username = "ci@example.com"));
        yield return Row("insecure allowed", c =>
        {
            c.AllowInsecureHttp = true;
            c.JFrogArtifactory!.Url = "http://artifactory.internal:8081/artifactory";
        });
    }

    public static IEnumerable<TestCaseData> InvalidFields()
    {
        yield return Row("URL missing", E(o => o.Url = null), Url);
        yield return Row("URL no scheme", E(o => o.Url = "acme.jfrog.io"), Url);
        yield return Row("URL plain http", E(o => o.Url = "http://acme.jfrog.io"), Url);
        yield return Row("URL query", E(o => o.Url = "https://acme.jfrog.io/artifactory?x=1"), Url);
        yield return Row("URL user info", E(o => o.Url = "https://me:pw@acme.jfrog.io"), Url);
        yield return Row("key missing", E(o => o.RepositoryKey = null), Key);
        yield return Row("docker key uppercase", E(o => o.RepositoryKey = "Docker-Local"), Key);
        yield return Row("docker key underscore", E(o => o.RepositoryKey = "docker_local"), Key);
        yield return Row("docker key 64 chars", E(o => o.RepositoryKey = new string('d', 64)), Key);
        yield return Row("maven key 65 chars", Maven(new string('m', 65)), Key);
        yield return Row("key slash", E(o => o.RepositoryKey = "docker/local"), Key);
        yield return Row("key backslash", Maven("libs\\release"), Key);
        yield return Row("key colon", Maven("libs:release"), Key);
        yield return Row("key pipe", Maven("libs|release"), Key);
        yield return Row("key question mark", Maven("libs?"), Key);
        yield return Row("key star", Maven("libs*"), Key);
        yield return Row("key quote", Maven("libs\"x"), Key);
        yield return Row("key angle brackets", Maven("<libs>"), Key);
        yield return Row("key space", Maven("libs release"), Key);
        yield return Row("key tab", Maven("libs\trelease"), Key);
        yield return Row("key ends with -cache", E(o => o.RepositoryKey = "docker-remote-cache"), Key);
        yield return Row("maven key ends with -CACHE", Maven("libs-CACHE"), Key);
        yield return Row("user missing", E(o => o.Username = null), Username);
        yield return Row("user with colon", E(o => o.Username = "ci:bot"), Username);
        yield return Row("token missing", E(o => o.AccessToken = null), AccessToken);
        yield return Row("token empty", E(o => o.AccessToken = new Secret("")), AccessToken);
        yield return Row("token with newline", E(o => o.AccessToken = new Secret("abc\ndef")), AccessToken);
        yield return Row("format zero", E(o => o.Format = 0), Format);
        yield return Row(
            "access method undefined",
            E(o => o.DockerAccessMethod = (JFrogDockerAccessMethod)9),
            AccessMethod);
        yield return Row(
            "port method without registry",
            E(o => o.DockerAccessMethod = JFrogDockerAccessMethod.Port),
            RegistryUrl);
        yield return Row(
            "registry with path",
            E(o => o.RegistryUrl = "https://acme.jfrog.io/docker-local"),
            RegistryUrl);
        yield return Row("section missing", c => c.JFrogArtifactory = null, "JFrogArtifactory");
    }

    [TestCaseSource(nameof(ValidVariants))]
    public void Validate_ValidVariant_HasNoProblems(Action<RegistryConnectionOptions> edit) =>
        AssertValid(JFrog, edit);

    [TestCaseSource(nameof(InvalidFields))]
    public void Validate_OneBadField_NamesThatField(Action<RegistryConnectionOptions> edit, string field) =>
        AssertOnlyProblemIn(JFrog, edit, field);

    [Test]
    public void Validate_CacheSuffix_SaysWhyAndWhatIsValid()
    {
        var connection = JFrog();
        connection.JFrogArtifactory!.RepositoryKey = "docker-remote-cache";

        var problem = RegistryConnectionValidator.Validate(connection).Single();

        Assert.That(
            problem.Message,
            Is.EqualTo("ends with -cache, which Artifactory keeps for remote repository caches; it must be a Docker "
                + "repository key of at most 63 characters without uppercase letters, '_', whitespace or any of "
                + "/ \\ : | ? * \" < >, not ending with -cache, e.g. docker-local; got 'docker-remote-cache'."));
    }
}
