using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using static Planton.Registry.Sdk.Tests.Connections.ConnectionSamples;
using static Planton.Registry.Sdk.Tests.Connections.ValidationCases;

namespace Planton.Registry.Sdk.Tests.Connections;

public sealed class OciValidationTests
{
    private const string Url = "OciRegistry:Url";
    private const string Username = "OciRegistry:Username";
    private const string Password = "OciRegistry:Password";
    private const string Repository = "OciRegistry:Repository";
    private const string RegistryUrl = "OciRegistry:RegistryUrl";

    private static Action<RegistryConnectionOptions> E(Action<OciRegistryOptions> edit) =>
        c => edit(c.OciRegistry!);

    public static IEnumerable<TestCaseData> ValidVariants()
    {
        yield return Row("sample as is", _ => { });
        yield return Row("anonymous", E(o =>
        {
            o.Username = null;
            o.Password = null;
        }));
        yield return Row("registry URL instead of URL", E(o =>
        {
            o.Url = null;
            o.RegistryUrl = "http://127.0.0.1:5001";
        }));
        yield return Row("localhost URL", E(o => o.Url = "http://localhost:5000"));
        yield return Row("URL with slash", E(o => o.Url = "https://registry.example.com/"));
        yield return Row("no repository", E(o => o.Repository = null));
        yield return Row("one-letter repository", E(o => o.Repository = "a"));
        yield return Row("double underscore", E(o => o.Repository = "a__b"));
        yield return Row("hyphen run", E(o => o.Repository = "a---b"));
        yield return Row("all separators", E(o => o.Repository = "a.b/c_d/e-f/g__h"));
        yield return Row("deep path", E(o => o.Repository = "a/b/c/d/e"));
        yield return Row("255-char repository", E(o => o.Repository = new string('r', 255)));
        yield return Row("insecure allowed", c =>
        {
            c.AllowInsecureHttp = true;
            c.OciRegistry!.Url = "http://registry.internal:5000";
        });
    }

    public static IEnumerable<TestCaseData> InvalidFields()
    {
        yield return Row("no URL at all", E(o => o.Url = null), Url);
        yield return Row("URL bare host", E(o => o.Url = "registry.example.com"), Url);
        yield return Row("URL plain http", E(o => o.Url = "http://registry.example.com"), Url);
        yield return Row("URL with path", E(o => o.Url = "https://registry.example.com/v2/"), Url);
        yield return Row("URL IPv6 not loopback", E(o => o.Url = "http://[fe80::1]:5000"), Url);
        yield return Row("user without password", E(o => o.Password = null), Password);
        yield return Row("password without user", E(o => o.Username = null), Username);
        yield return Row("user with colon", E(o => o.Username = "ci:bot"), Username);
        yield return Row("user too long", E(o => o.Username = new string('u', 257)), Username);
        yield return Row("repository uppercase", E(o => o.Repository = "Team/services"), Repository);
        yield return Row("repository empty component", E(o => o.Repository = "team//services"), Repository);
        yield return Row("repository leading slash", E(o => o.Repository = "/team"), Repository);
        yield return Row("repository trailing slash", E(o => o.Repository = "team/"), Repository);
        yield return Row("repository separator before slash", E(o => o.Repository = "team-/x"), Repository);
        yield return Row("repository double dot", E(o => o.Repository = "team..x"), Repository);
        yield return Row("repository triple underscore", E(o => o.Repository = "team___x"), Repository);
        yield return Row("repository mixed separators", E(o => o.Repository = "team.-x"), Repository);
        yield return Row("repository leading separator", E(o => o.Repository = "-team"), Repository);
        yield return Row("repository trailing separator", E(o => o.Repository = "team_"), Repository);
        yield return Row("repository tag", E(o => o.Repository = "team:latest"), Repository);
        yield return Row("repository 256 chars", E(o => o.Repository = new string('r', 256)), Repository);
        yield return Row("registry with path", E(o => o.RegistryUrl = "https://registry.example.com/x"), RegistryUrl);
        yield return Row("section missing", c => c.OciRegistry = null, "OciRegistry");
    }

    [TestCaseSource(nameof(ValidVariants))]
    public void Validate_ValidVariant_HasNoProblems(Action<RegistryConnectionOptions> edit) =>
        AssertValid(Oci, edit);

    [TestCaseSource(nameof(InvalidFields))]
    public void Validate_OneBadField_NamesThatField(Action<RegistryConnectionOptions> edit, string field) =>
        AssertOnlyProblemIn(Oci, edit, field);

    [Test]
    public void Validate_PasswordWithoutUser_SaysBothOrNeither()
    {
        var connection = Oci();
        connection.OciRegistry!.Username = null;
        connection.OciRegistry.Password = new Secret("registry-password");

        var problem = RegistryConnectionValidator.Validate(connection).Single();

        Assert.That(problem.Message, Does.StartWith("is required with Password; set both"));
    }
}
