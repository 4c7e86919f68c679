using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using static Planton.Registry.Sdk.Tests.Connections.ConnectionSamples;
using static Planton.Registry.Sdk.Tests.Connections.ValidationCases;

namespace Planton.Registry.Sdk.Tests.Connections;

public sealed class AcrValidationTests
{
    private const string Section = "AzureContainerRegistry";
    private const string RegistryName = "AzureContainerRegistry:RegistryName";
    private const string LoginServer = "AzureContainerRegistry:LoginServer";
    private const string Tenant = "AzureContainerRegistry:TenantId";
    private const string Client = "AzureContainerRegistry:ClientId";
    private const string ClientSecret = "AzureContainerRegistry:ClientSecret";
    private const string Username = "AzureContainerRegistry:Username";
    private const string Password = "AzureContainerRegistry:Password";
    private const string AuthorityHost = "AzureContainerRegistry:AuthorityHost";
    private const string RegistryUrl = "AzureContainerRegistry:RegistryUrl";

    private static Action<RegistryConnectionOptions> E(Action<AzureContainerRegistryOptions> edit) =>
        c => edit(c.AzureContainerRegistry!);

    /// <summary>Swaps the service principal for an admin user.</summary>
    private static Action<RegistryConnectionOptions> User(Action<AzureContainerRegistryOptions>? edit = null) => E(o =>
    {
        o.TenantId = null;
        o.ClientId = null;
        o.ClientSecret = null;
        o.Username = "myregistry";
        o.Password = new Secret("admin-password");
        edit?.Invoke(o);
    });

    public static IEnumerable<TestCaseData> ValidVariants()
    {
        yield return Row("sample as is", _ => { });
        yield return Row("admin user", User());
        yield return Row("token user with hyphen", User(o => o.Username = "ci-push-token"));
        yield return Row("login server instead of name", E(o =>
        {
            o.RegistryName = null;
            o.LoginServer = "myregistry.azurecr.cn";
        }));
        yield return Row("name and login server", E(o => o.LoginServer = "myregistry.azurecr.us"));
        yield return Row("login server with port", E(o => o.LoginServer = "localhost:5000"));
        yield return Row("login server IPv4", E(o => o.LoginServer = "127.0.0.1:5000"));
        yield return Row("login server IPv6", E(o => o.LoginServer = "[::1]:5000"));
        yield return Row("5-char name", E(o => o.RegistryName = "abcde"));
        yield return Row("50-char name", E(o => o.RegistryName = new string('R', 50)));
        yield return Row("uppercase GUIDs", E(o =>
        {
            o.TenantId = TenantId.ToUpperInvariant();
            o.ClientId = "ABCDEF01-2345-6789-ABCD-EF0123456789";
        }));
        yield return Row("sovereign authority", E(o => o.AuthorityHost = "https://login.microsoftonline.us/"));
        yield return Row("loopback authority with path", E(o => o.AuthorityHost = "http://127.0.0.1:8080/authority"));
        yield return Row("loopback registry", E(o => o.RegistryUrl = "http://127.0.0.1:5001"));
        yield return Row("blank optional fields", E(o =>
        {
            o.LoginServer = " ";
            o.Username = "";
            o.AuthorityHost = "";
        }));
    }

    public static IEnumerable<TestCaseData> InvalidFields()
    {
        yield return Row("name and login server missing", E(o => o.RegistryName = null), RegistryName);
        yield return Row("name 4 chars", E(o => o.RegistryName = "abcd"), RegistryName);
        yield return Row("name 51 chars", E(o => o.RegistryName = new string('r', 51)), RegistryName);
        yield return Row("name hyphen", E(o => o.RegistryName = "my-registry"), RegistryName);
        yield return Row("name host", E(o => o.RegistryName = "myregistry.azurecr.io"), RegistryName);
        yield return Row("login server URL", E(o => o.LoginServer = "https://myregistry.azurecr.io"), LoginServer);
        yield return Row("login server path", E(o => o.LoginServer = "myregistry.azurecr.io/x"), LoginServer);
        yield return Row("login server empty label", E(o => o.LoginServer = "myregistry..io"), LoginServer);
        yield return Row("login server leading hyphen", E(o => o.LoginServer = "-x.azurecr.io"), LoginServer);
        yield return Row("login server port 0", E(o => o.LoginServer = "x.azurecr.io:0"), LoginServer);
        yield return Row("login server port too big", E(o => o.LoginServer = "x.azurecr.io:70000"), LoginServer);
        yield return Row("login server port letters", E(o => o.LoginServer = "x.azurecr.io:abc"), LoginServer);
        yield return Row("login server empty port", E(o => o.LoginServer = "x.azurecr.io:"), LoginServer);
        yield return Row("login server bad IPv6", E(o => o.LoginServer = "[::1"), LoginServer);
        yield return Row("login server IPv4 in brackets", E(o => o.LoginServer = "[127.0.0.1]"), LoginServer);
        yield return Row("tenant not a GUID", E(o => o.TenantId = "contoso.onmicrosoft.com"), Tenant);
        yield return Row("tenant in braces", E(o => o.TenantId = "{" + TenantId + "}"), Tenant);
        yield return Row("client not a GUID", E(o => o.ClientId = "123"), Client);
        yield return Row("client secret missing", E(o => o.ClientSecret = null), ClientSecret);
        yield return Row("tenant missing", E(o => o.TenantId = null), Tenant);
        yield return Row("client missing", E(o => o.ClientId = "  "), Client);
        yield return Row("password missing", User(o => o.Password = null), Password);
        yield return Row("username missing", User(o => o.Username = null), Username);
        yield return Row("username with colon", User(o => o.Username = "user:name"), Username);
        yield return Row("username with space", User(o => o.Username = "user name"), Username);
        yield return Row("no credentials", User(o =>
        {
            o.Username = null;
            o.Password = null;
        }), Section);
        yield return Row("both sign-in sets", E(o =>
        {
            o.Username = "myregistry";
            o.Password = new Secret("admin-password");
        }), Section);
        yield return Row("principal plus stray user", E(o => o.Username = "myregistry"), Username);
        yield return Row("user plus stray tenant", User(o => o.TenantId = TenantId), Tenant);
        yield return Row("principal plus stray bad user", E(o => o.Username = "bad:user"), Username);
        yield return Row("user plus stray bad tenant", User(o => o.TenantId = "not-a-guid"), Tenant);
        yield return Row("half of each set", E(o =>
        {
            o.ClientId = null;
            o.ClientSecret = null;
            o.Username = "myregistry";
        }), Section);
        yield return Row("authority plain http", E(o => o.AuthorityHost = "http://login.example.com"), AuthorityHost);
        yield return Row("authority query", E(o => o.AuthorityHost = "https://login.example.com/?a=b"), AuthorityHost);
        yield return Row("registry ftp", E(o => o.RegistryUrl = "ftp://myregistry.azurecr.io"), RegistryUrl);
        yield return Row("section missing", c => c.AzureContainerRegistry = null, Section);
    }

    [TestCaseSource(nameof(ValidVariants))]
    public void Validate_ValidVariant_HasNoProblems(Action<RegistryConnectionOptions> edit) =>
        AssertValid(Acr, edit);

    [TestCaseSource(nameof(InvalidFields))]
    public void Validate_OneBadField_NamesThatField(Action<RegistryConnectionOptions> edit, string field) =>
        AssertOnlyProblemIn(Acr, edit, field);

    [Test]
    public void Validate_OnlyTenantSet_NamesBothMissingPrincipalFields()
    {
        var connection = Acr();
        connection.AzureContainerRegistry!.ClientId = null;
        connection.AzureContainerRegistry.ClientSecret = null;

        var problems = RegistryConnectionValidator.Validate(connection);

        Assert.That(problems.Select(p => p.Field), Is.EqualTo(new[] { Client, ClientSecret }));
        Assert.That(
            problems[1].Message,
            Is.EqualTo("is required for a service principal, which needs TenantId, ClientId and ClientSecret; "
                + "it must be the client secret."));
    }

    [Test]
    public void Validate_NoCredentials_SaysWhichSetsWouldDo()
    {
        var connection = Acr();
        connection.AzureContainerRegistry = new AzureContainerRegistryOptions { RegistryName = "myregistry" };

        var problem = RegistryConnectionValidator.Validate(connection).Single();

        Assert.That(
            problem.ToString(),
            Is.EqualTo("AzureContainerRegistry: needs credentials; set either TenantId, ClientId and ClientSecret "
                + "(a service principal) or Username and Password (the admin user or a repository-scoped token)."));
    }
}
