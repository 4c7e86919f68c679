namespace Planton.Registry.Cli.Progress;

/// <summary>How <c>push</c> and <c>pull</c> show blob progress on standard error (<c>--progress</c>).</summary>
internal enum ProgressMode
{
    /// <summary>Bars when standard error is a terminal (and <c>--verbose</c> is off), plain lines otherwise.</summary>
    Auto,

    /// <summary>A bar per blob, redrawn in place with ANSI cursor moves.</summary>
    Bar,

    /// <summary>One line per blob state change.</summary>
    Plain,

    /// <summary>No progress output.</summary>
    None,
}
