using System.Text.Json.Nodes;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using static Planton.Registry.Sdk.Tests.Connections.ConnectionSamples;

namespace Planton.Registry.Sdk.Tests.Connections;

/// <summary>No message of the validator, its exception or the options validator holds a secret's value.</summary>
public sealed class SecretLeakTests
{
    private const string Canary = "Zq9CanaryX7kP2";

    /// <summary>Secret values that break a rule, each carrying the canary.</summary>
    private static IEnumerable<string> BadSecretShapes()
    {
        yield return Canary;
        yield return Canary + " " + Canary;
        yield return "\n" + Canary + "\t";
        yield return string.Concat(Enumerable.Repeat(Canary, 2_000));
        yield return Canary + "\u0000";
    }

    /// <summary>Service-account keys that break a rule, each carrying the canary somewhere.</summary>
    private static IEnumerable<string> BadKeyShapes()
    {
        yield return Canary;
        yield return Canary + "!!";
        yield return "{\"private_key\":\"" + Canary + "\"}";
        yield return Base64(Canary);
        yield return Base64("{\"a\": " + Canary);
        yield return Base64("[\"" + Canary + "\"]");
        yield return Base64("\"" + Canary + "\"");
        yield return KeyBase64(j => j["type"] = Canary);
        yield return KeyBase64(j => j["client_email"] = Canary);
        yield return KeyBase64(j => j["private_key"] = Canary);
        yield return KeyBase64(j => j["private_key"] =
            "-----BEGIN PRIVATE KEY-----\n" + Canary + "\n-----END PRIVATE KEY-----\n");
        yield return KeyBase64(j => j["token_uri"] = "http://" + Canary + ".example.com/token");
        yield return KeyBase64(j => j["token_uri"] = Canary);
        yield return KeyBase64(j => j["token_uri"] = "https://u:" + Canary + "@oauth2.googleapis.com/token");
        yield return KeyBase64(j =>
        {
            j["type"] = "authorized_user";
            j["client_secret"] = Canary;
            j.Remove("private_key");
        });
        yield return KeyBase64(j => j[Canary] = new JsonArray(Canary)) + "=";
    }

    private static IEnumerable<RegistryConnectionOptions> LeakyConnections()
    {
        foreach (var value in BadSecretShapes())
        {
            yield return Edit(Ecr(), c => c.AwsEcr!.SecretAccessKey = new Secret(value));
            yield return Edit(Acr(), c => c.AzureContainerRegistry!.ClientSecret = new Secret(value));
            yield return Edit(Acr(), c =>
            {
                c.AzureContainerRegistry!.Password = new Secret(value);
                c.AzureContainerRegistry.ClientId = null;
            });
            yield return Edit(Acr(), c => c.AzureContainerRegistry!.Password = new Secret(value));
            yield return Edit(JFrog(), c => c.JFrogArtifactory!.AccessToken = new Secret(value));
            yield return Edit(Ghcr(), c => c.GitHubContainerRegistry!.PersonalAccessToken = new Secret(value));
            yield return Edit(GitHubPackages(), c => c.GitHubPackages!.PersonalAccessToken = new Secret(value));
            yield return Edit(R2(), c => c.CloudflareR2!.SecretAccessKey = new Secret(value));
            yield return Edit(Oci(), c =>
            {
                c.OciRegistry!.Password = new Secret(value);
                c.OciRegistry.Username = null;
            });
            yield return Edit(Gcp(), c => c.GcpArtifactRegistry!.ServiceAccountKey = new Secret(value));
        }

        foreach (var key in BadKeyShapes())
        {
            yield return Edit(Gcp(), c => c.GcpArtifactRegistry!.ServiceAccountKey = new Secret(key));
        }

        // A password pasted into a URL: the URL is not a secret field, but is never quoted when it holds '@'.
        string[] urls =
        [
            "https://user:" + Canary + "@registry.example.com",
            "http://user:" + Canary + "@registry.example.com",
            "ftp://user:" + Canary + "@registry.example.com",
            "https://user:" + Canary + "@registry.example.com/path?q=1",
            "https://user:" + Canary + " @registry.example.com",
            "user:" + Canary + "@registry.example.com",
        ];
        foreach (var url in urls)
        {
            yield return Edit(Oci(), c => c.OciRegistry!.Url = url);
            yield return Edit(Ecr(), c => c.AwsEcr!.Endpoint = url);
            yield return Edit(JFrog(), c => c.JFrogArtifactory!.Url = url);
            yield return Edit(GitHubPackages(), c => c.GitHubPackages!.Host = url);
        }
    }

    [Test]
    public void Validate_InvalidSecrets_NeverEchoesThem()
    {
        var invalidConnections = 0;
        foreach (var connection in LeakyConnections())
        {
            var problems = RegistryConnectionValidator.Validate(connection);
            foreach (var problem in problems)
            {
                Assert.That(problem.ToString(), Does.Not.Contain(Canary).IgnoreCase);
            }

            Assert.That(connection.ToString(), Does.Not.Contain(Canary).IgnoreCase);
            if (problems.Count == 0)
            {
                // Some shapes are valid for providers that only require a non-blank secret.
                continue;
            }

            var exception = Assert.Throws<RegistryConfigurationException>(
                () => RegistryConnectionValidator.ThrowIfInvalid(connection));
            Assert.That(exception.Message, Does.Not.Contain(Canary).IgnoreCase);
            invalidConnections++;
        }

        Assert.That(invalidConnections, Is.GreaterThan(60));
    }

    [Test]
    public void OptionsValidator_InvalidSecrets_NeverEchoesThem()
    {
        var options = new PlantonRegistriesOptions();
        var index = 0;
        foreach (var connection in LeakyConnections())
        {
            options.Connections.Add($"c{index++}", connection);
        }

        var result = new RegistryConnectionOptionsValidator().Validate(null, options);

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Not.Contain(Canary).IgnoreCase);
        Assert.That(result.Failures!.Count(), Is.GreaterThan(60));
    }

    private static RegistryConnectionOptions Edit(
        RegistryConnectionOptions connection, Action<RegistryConnectionOptions> edit)
    {
        edit(connection);
        return connection;
    }
}
