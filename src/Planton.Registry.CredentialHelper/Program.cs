using Planton.Registry.Cli;

namespace Planton.Registry.CredentialHelper;

/// <summary>
/// <c>docker-credential-planton VERB</c>: the same code as <c>planton-registry credential-helper VERB</c>, under the
/// name docker looks for (<c>docker-credential-</c> + the <c>credsStore</c> or <c>credHelpers</c> value).
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args) =>
        CliApplication.RunAsync(["credential-helper", .. args], Console.Out, Console.Error, Console.In);
}
