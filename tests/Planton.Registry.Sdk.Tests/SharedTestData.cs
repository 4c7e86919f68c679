namespace Planton.Registry.Sdk.Tests;

/// <summary>Finds ../shared (read-only reference data beside the repository), or $PLANTON_SHARED.</summary>
internal static class SharedTestData
{
    public static string Directory { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Directory, .. parts]);

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("PLANTON_SHARED") is { Length: > 0 } configured)
        {
            return configured;
        }

        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null
            && !File.Exists(System.IO.Path.Combine(directory.FullName, "Planton.Registry.Sdk.sln")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? throw new InvalidOperationException("Planton.Registry.Sdk.sln not found above the tests.")
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(directory.FullName, "..", "shared"));
    }
}
