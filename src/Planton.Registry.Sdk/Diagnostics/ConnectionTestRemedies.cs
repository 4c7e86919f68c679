using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Providers;
using Planton.Registry.Sdk.Providers.Aws;
using Planton.Registry.Sdk.Providers.Azure;
using Planton.Registry.Sdk.Providers.Gcp;
using Planton.Registry.Sdk.Providers.JFrog;

namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>
/// What to do about a failed connection test, in each provider's own terms (PROVIDERS.md §3): its host names, its
/// credentials, its roles and scopes, and how it treats a repository that does not exist.
/// </summary>
internal static class ConnectionTestRemedies
{
    public static string For(
        IRegistryProvider provider,
        ConnectionTestFailure failure,
        ConnectionTestStage? stage,
        string host,
        string repository)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return failure switch
        {
            ConnectionTestFailure.Host when stage == ConnectionTestStage.Tls => Tls(host),
            ConnectionTestFailure.Host => Host(provider, host),
            ConnectionTestFailure.Credentials => Credentials(provider),
            ConnectionTestFailure.Permission => Permission(provider, repository),
            ConnectionTestFailure.Repository => Repository(provider, repository),
            _ => string.Empty,
        };
    }

    private static string Tls(string host) =>
        $"The TLS certificate of {host} is not trusted here: check that the address names the registry's own host, "
        + "and add the issuing CA certificate to the system's trust store (or to SSL_CERT_DIR) if the registry uses a "
        + "private CA.";

    private static string Host(IRegistryProvider provider, string host)
    {
        var common = $"Check that {host} is the registry's address and that it is reachable from here (DNS, firewall, "
            + "proxy).";
        var specific = provider switch
        {
            GcpArtifactRegistryProvider gar =>
                $" Artifact Registry's Docker host is LOCATION-docker.pkg.dev: check Region ('{gar.Options.Region}'); "
                + "RegistryUrl replaces the host for a private endpoint.",
            EcrRegistryProvider ecr =>
                $" ECR's host is ACCOUNT.dkr.ecr.REGION.amazonaws.com: check AccountId ('{ecr.Options.AccountId}') and "
                + $"Region ('{ecr.Options.Region}'); RegistryUrl replaces the host for a VPC endpoint.",
            AcrRegistryProvider =>
                " ACR's host is NAME.azurecr.io: check RegistryName (or LoginServer), and the registry's network "
                + "rules, which may refuse this address.",
            JFrogRegistryProvider jfrog =>
                $" Check Url and DockerAccessMethod: Subdomain needs a DNS name for the repository key "
                + $"('{jfrog.RepositoryKey}.HOST', or 'INSTANCE-{jfrog.RepositoryKey}.jfrog.io'), Port needs the "
                + "port the Docker repository listens on, given in RegistryUrl.",
            _ when provider.Kind == RegistryProviderKind.GitHubContainerRegistry =>
                " GitHub Container Registry is ghcr.io; for GitHub Enterprise set Host to containers.HOST.",
            _ => " Check the connection's Url: scheme, host and port.",
        };
        return common + specific;
    }

    private static string Credentials(IRegistryProvider provider) => provider switch
    {
        GcpArtifactRegistryProvider gar =>
            "Artifact Registry refused the service account: ServiceAccountKey must be the base64 of a current JSON key "
            + $"(keys can be disabled or deleted in IAM) of a service account in project '{gar.Options.ProjectId}' or "
            + "one granted access to it.",
        EcrRegistryProvider =>
            "Check AccessKeyId and SecretAccessKey: they must be the active keys of an IAM user allowed "
            + "ecr:GetAuthorizationToken, in the registry's account.",
        AcrRegistryProvider acr when AcrRegistryProvider.UsesServicePrincipal(acr.Options) =>
            "Check TenantId, ClientId and ClientSecret (client secrets expire), and that the registry accepts "
            + "Microsoft Entra tokens.",
        AcrRegistryProvider =>
            "Use the admin user with its current password (enable it: az acr update --name NAME --admin-enabled true), "
            + "or a repository-scoped token's name and one of its passwords, as Username and Password.",
        JFrogRegistryProvider =>
            "Check Username and AccessToken: use an identity or access token of that user (API keys are no longer "
            + "accepted), and check that the user is not locked out.",
        _ when provider.Kind == RegistryProviderKind.GitHubContainerRegistry =>
            "Use a classic personal access token with write:packages (GitHub Packages takes classic tokens) as "
            + "PersonalAccessToken, and the GitHub user it belongs to as Username; expired or revoked tokens are "
            + "refused.",
        _ => "Check Username and Password: the registry refused them, or needs credentials and none were given.",
    };

    private static string Permission(IRegistryProvider provider, string repository) => provider switch
    {
        GcpArtifactRegistryProvider gar => GarDenied(gar),
        EcrRegistryProvider =>
            $"The IAM user needs push rights on the repository '{repository}': ecr:BatchCheckLayerAvailability, "
            + "ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:PutImage (the managed "
            + "policy AmazonEC2ContainerRegistryPowerUser holds them), and the repository's policy must not deny them.",
        AcrRegistryProvider =>
            $"The credentials may not push to '{repository}': a repository-scoped token needs a scope map with "
            + "content/write (and content/read) on it, a service principal needs the AcrPush role on the registry; the "
            + "admin user may push everywhere once it is enabled.",
        JFrogRegistryProvider jfrog =>
            $"The user may not deploy to '{repository}': give it Deploy/Cache permission on the repository key "
            + $"'{jfrog.RepositoryKey}', check that the key names a local Docker repository (or a virtual one with a "
            + "default deployment repository), and that DockerAccessMethod (RepositoryPath, Subdomain or Port) "
            + "matches how the instance serves it.",
        _ when provider.Kind == RegistryProviderKind.GitHubContainerRegistry =>
            $"The token may not push to '{repository}': a classic personal access token needs write:packages, and for "
            + "an organisation's package the user needs write access to that package (package settings, Manage "
            + "access) and the organisation must let members create packages.",
        _ => $"The registry accepts the user but not a push to '{repository}': ask its administrator for push rights "
            + "there, or use a repository the user may write to.",
    };

    private static string Repository(IRegistryProvider provider, string repository) => provider switch
    {
        GcpArtifactRegistryProvider gar => GarDenied(gar),
        EcrRegistryProvider ecr =>
            $"Create the repository: aws ecr create-repository --repository-name {repository} --region "
            + $"{ecr.Options.Region} (account {ecr.Options.AccountId}); or set AwsEcr:CreateRepositoryIfMissing to "
            + "true so that it is created before a push; or add a repository creation template for CREATE_ON_PUSH.",
        JFrogRegistryProvider jfrog =>
            $"Check RepositoryKey ('{jfrog.RepositoryKey}'): it must name an existing Docker repository, and "
            + "DockerAccessMethod must match how the instance serves it (RepositoryPath: HOST/KEY/IMAGE, Subdomain: "
            + "KEY.HOST/IMAGE, Port: a port per repository, given in RegistryUrl).",
        _ => $"The registry says '{repository}' does not exist and does not create it on push: create it there, or "
            + "check the image name and the connection's repository prefix.",
    };

    /// <summary>
    /// Artifact Registry answers a push to a missing repository and a push without the writer role with the same
    /// "denied (or it may not exist)": name both causes and both fixes.
    /// </summary>
    private static string GarDenied(GcpArtifactRegistryProvider gar)
    {
        var options = gar.Options;
        var where = $"--location={options.Region} --project={options.ProjectId}";
        return "Artifact Registry gives the same 'denied (or it may not exist)' for two causes, so check both: the "
            + $"repository '{options.RepositoryName}' must exist in project '{options.ProjectId}', location "
            + $"'{options.Region}', in Docker format (gcloud artifacts repositories create {options.RepositoryName} "
            + $"--repository-format=docker {where}); and the service account needs roles/artifactregistry.writer on "
            + $"it (gcloud artifacts repositories add-iam-policy-binding {options.RepositoryName} {where} "
            + "--member=serviceAccount:EMAIL --role=roles/artifactregistry.writer).";
    }
}
