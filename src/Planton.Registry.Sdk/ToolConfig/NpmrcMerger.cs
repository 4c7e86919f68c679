using System.Text;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// Merges an <see cref="NpmrcPlan"/> into the text of an existing <c>.npmrc</c>. Every line whose key the plan does
/// not own is kept byte for byte and in place. The first line of each owned key is replaced in place, later
/// duplicates and owned keys the plan no longer writes are removed, and the remaining lines are appended. Appended
/// lines use the file's dominant line ending, and go before the first <c>[section]</c> header if there is one, so
/// that npm reads them as top-level keys. Merging the result again gives the same text.
/// </summary>
internal static class NpmrcMerger
{
    public static string Merge(string existing, NpmrcPlan plan)
    {
        var newLine = ToolConfigText.DetectNewLine(existing);
        var desired = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in plan.Lines)
        {
            desired[key] = value;
        }

        var written = new HashSet<string>(StringComparer.Ordinal);
        var output = new StringBuilder(existing.Length + 256);
        int? sectionStart = null;
        var start = 0;
        while (start < existing.Length)
        {
            var end = existing.IndexOf('\n', start);
            var next = end < 0 ? existing.Length : end + 1;
            var contentEnd = end < 0 ? existing.Length : end > start && existing[end - 1] == '\r' ? end - 1 : end;
            var content = existing.AsSpan(start, contentEnd - start);
            var terminator = existing.AsSpan(contentEnd, next - contentEnd);
            start = next;

            if (sectionStart is null && content.TrimStart().StartsWith("[", StringComparison.Ordinal))
            {
                sectionStart = output.Length;
            }

            var key = sectionStart is null ? KeyOf(content) : null;
            if (key is null || !plan.OwnedKeys.Contains(key))
            {
                output.Append(content).Append(terminator);
            }
            else if (desired.TryGetValue(key, out var value) && written.Add(key))
            {
                output.Append(key).Append('=').Append(value).Append(terminator);
            }
        }

        var pending = new StringBuilder();
        foreach (var (key, value) in plan.Lines)
        {
            if (written.Add(key))
            {
                pending.Append(key).Append('=').Append(value).Append(newLine);
            }
        }

        if (pending.Length == 0)
        {
            return output.ToString();
        }

        if (sectionStart is { } at)
        {
            return output.Insert(at, pending.ToString()).ToString();
        }

        if (output.Length > 0 && output[^1] != '\n')
        {
            output.Append(newLine);
        }

        return output.Append(pending).ToString();
    }

    /// <summary>The key of a <c>key=value</c> line as npm's ini reader sees it, or null for a blank line, a comment
    /// or a section header.</summary>
    internal static string? KeyOf(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.IsEmpty || trimmed[0] is '#' or ';' or '[')
        {
            return null;
        }

        var equals = trimmed.IndexOf('=');
        var key = (equals < 0 ? trimmed : trimmed[..equals]).Trim();
        return key.IsEmpty ? null : key.ToString();
    }
}
