using Planton.Registry.Sdk.Connections;

namespace Planton.Registry.Sdk.Tests.Connections;

/// <summary>Builds table rows for the validator tests and checks their outcome.</summary>
internal static class ValidationCases
{
    /// <summary>A row: a label, an edit of a valid sample, and the one field the edit breaks (or null).</summary>
    public static TestCaseData Row(string label, Action<RegistryConnectionOptions> edit, string? field = null) =>
        field is null
            ? new TestCaseData(edit).SetArgDisplayNames(label)
            : new TestCaseData(edit, field).SetArgDisplayNames(label);

    /// <summary>Applies the edit to a fresh sample; asserts that only <paramref name="field"/> is reported.</summary>
    public static void AssertOnlyProblemIn(
        Func<RegistryConnectionOptions> sample, Action<RegistryConnectionOptions> edit, string field)
    {
        var connection = sample();
        edit(connection);

        var problems = RegistryConnectionValidator.Validate(connection);

        Assert.That(problems.Select(p => p.Field), Is.EqualTo(new[] { field }), () => Describe(problems));
        Assert.That(problems[0].Message, Does.EndWith("."));
    }

    /// <summary>Applies the edit to a fresh sample and asserts that no problem is reported.</summary>
    public static void AssertValid(Func<RegistryConnectionOptions> sample, Action<RegistryConnectionOptions> edit)
    {
        var connection = sample();
        edit(connection);

        var problems = RegistryConnectionValidator.Validate(connection);

        Assert.That(problems, Is.Empty, () => Describe(problems));
    }

    private static string Describe(IEnumerable<ConfigurationProblem> problems) =>
        "Problems:" + Environment.NewLine + string.Join(Environment.NewLine, problems);
}
