using System.CommandLine;
using Planton.Registry.Sdk.Guidance;

namespace Planton.Registry.Cli.Commands;

/// <summary>
/// <c>recommend [--target aws|gcp|azure|other|multi-cloud ...] [--existing-jfrog] [--github-actions]</c>: prints the
/// provider to choose on the first line, why on the second, and the alternatives (if any) on a third.
/// </summary>
internal static class RecommendCommand
{
    private static readonly Dictionary<string, DeploymentTargets> s_targets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["aws"] = DeploymentTargets.Aws,
        ["gcp"] = DeploymentTargets.Gcp,
        ["azure"] = DeploymentTargets.Azure,
        ["other"] = DeploymentTargets.OtherCloud,
        ["multi-cloud"] = DeploymentTargets.MultiCloud,
    };

    public static Command Create(CliContext context)
    {
        var target = new Option<string[]>("--target")
        {
            Description = "Where images are deployed: aws, gcp, azure, other or multi-cloud; repeat it for several.",
            AllowMultipleArgumentsPerToken = false,
        };
        target.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => !s_targets.ContainsKey(t.Value)))
            {
                result.AddError(
                    $"--target: '{token.Value}' is not a target; use one of {string.Join(", ", s_targets.Keys)}.");
            }
        });
        var jfrog = new Option<bool>("--existing-jfrog")
        {
            Description = "The organisation already runs JFrog Artifactory.",
        };
        var actions = new Option<bool>("--github-actions")
        {
            Description = "Builds run in GitHub Actions.",
        };
        var command = new Command(
            "recommend",
            "Recommend an image registry for where you deploy: print the provider, why, and the alternatives.");
        command.Options.Add(target);
        command.Options.Add(jfrog);
        command.Options.Add(actions);
        command.SetAction(parseResult =>
        {
            var targets = DeploymentTargets.None;
            foreach (var name in parseResult.GetValue(target) ?? [])
            {
                targets |= s_targets[name];
            }

            if (parseResult.GetValue(jfrog))
            {
                targets |= DeploymentTargets.ExistingJFrog;
            }

            if (parseResult.GetValue(actions))
            {
                targets |= DeploymentTargets.GitHubActions;
            }

            var recommendation = RegistryRecommendation.For(targets);
            context.Stdout.WriteLine(recommendation.Provider.ToString());
            context.Stdout.WriteLine(recommendation.Reason);
            if (recommendation.Alternatives.Count > 0)
            {
                context.Stdout.WriteLine("alternatives: " + string.Join(", ", recommendation.Alternatives));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
