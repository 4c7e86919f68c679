using System.CommandLine;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Cli.Progress;

/// <summary>The <c>--progress</c> option of <c>push</c> and <c>pull</c>, and the renderer it chooses.</summary>
internal static class ProgressRendering
{
    public static Option<string> CreateOption()
    {
        var option = new Option<string>("--progress")
        {
            Description = "Blob progress on standard error: bars on a terminal, one line per blob state change "
                + "otherwise (auto), or always bars, always lines, or nothing.",
            HelpName = "auto|bar|plain|none",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "bar", "plain", "none");
        return option;
    }

    /// <summary>Reads the option's value (checked by the parser).</summary>
    public static ProgressMode Parse(string? value) =>
        Enum.TryParse<ProgressMode>(value, ignoreCase: true, out var mode) ? mode : ProgressMode.Auto;

    /// <summary>
    /// The renderer of <paramref name="mode"/> on the context's standard error, or null for none. Auto draws bars
    /// only on a terminal and without <c>--verbose</c> (whose log lines would tear the bars).
    /// </summary>
    public static IProgress<TransferProgress>? Create(ProgressMode mode, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var effective = mode == ProgressMode.Auto
            ? context.StderrIsTerminal && !context.Verbose ? ProgressMode.Bar : ProgressMode.Plain
            : mode;
        return effective switch
        {
            ProgressMode.Bar => new BarProgressRenderer(context.Stderr, TimeProvider.System),
            ProgressMode.Plain => new PlainProgressRenderer(context.Stderr),
            _ => null,
        };
    }
}
