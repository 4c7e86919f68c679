using System.CommandLine;
using Planton.Registry.Sdk.Connections;

namespace Planton.Registry.Cli.Commands;

/// <summary>
/// <c>validate --connection FILE</c>: checks a connection offline and prints each problem as <c>Field: message</c>.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var connectionFile = CommonOptions.Connection();
        var command = new Command(
            "validate",
            "Check a connection offline; print each problem as 'Field: what is wrong'.");
        command.Options.Add(connectionFile);
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(connectionFile)!.FullName;
            var connection = ConnectionFile.Read(path);
            var problems = connection.Validate();
            foreach (var problem in problems)
            {
                context.Stdout.WriteLine(problem.ToString());
            }

            if (problems.Count > 0)
            {
                context.Stderr.WriteLine(
                    $"error: the connection '{connection.Name ?? "(unnamed)"}' has {problems.Count} problem(s).");
                return ExitCodes.InvalidInput;
            }

            context.Stdout.WriteLine($"{connection.Name}: valid {connection.Provider} connection");
            return ExitCodes.Success;
        });
        return command;
    }
}
