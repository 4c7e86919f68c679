using Planton.Registry.Cli.Commands;
using Planton.Registry.Sdk.Diagnostics;

namespace Planton.Registry.Sdk.Tests.Diagnostics;

/// <summary>The exit codes of <c>planton-registry test</c>, per CONTRACT.md.</summary>
public sealed class TestCommandExitCodeTests
{
    [TestCase(ConnectionTestFailure.None, 0)]
    [TestCase(ConnectionTestFailure.Host, 1)]
    [TestCase(ConnectionTestFailure.Credentials, 3)]
    [TestCase(ConnectionTestFailure.Permission, 3)]
    [TestCase(ConnectionTestFailure.Repository, 4)]
    public void ExitCodeOf_Failure_IsTheContractsCode(ConnectionTestFailure failure, int expected) =>
        Assert.That(TestCommand.ExitCodeOf(failure), Is.EqualTo(expected));
}
