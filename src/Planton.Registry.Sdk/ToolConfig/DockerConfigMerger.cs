using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// Merges <c>auths</c> entries into the bytes of a docker <c>config.json</c> by splicing: the value of each entry
/// being replaced, or the place where new entries go, is rewritten; every other byte of the file stays as it was
/// (other hosts, <c>credsStore</c>, <c>credHelpers</c>, unknown keys, their order, spacing and escapes). New text
/// follows the file's own indentation and line ending (docker's tab style for a new file). Other keys that docker reads
/// as the same host (<c>https://host</c>, <c>http://host/v2/</c>, <c>host/</c>) are folded into the host's entry: the
/// first becomes it when the bare key is missing, the rest are removed, since docker would pick one of them at
/// random. Within a replaced entry,
/// unknown fields are kept; <c>auth</c> is set, <c>identitytoken</c> set or dropped, and <c>registrytoken</c>
/// dropped, since docker would prefer a stale one to the new password.
/// </summary>
internal static class DockerConfigMerger
{
    private static readonly byte[] s_bom = [0xEF, 0xBB, 0xBF];

    private static readonly JsonReaderOptions s_readerOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    /// <summary>Merges <paramref name="entries"/> into <paramref name="original"/> (null or blank for a new
    /// file).</summary>
    /// <exception cref="FormatException">The original is not a JSON object; nothing of it is quoted.</exception>
    public static byte[] Merge(byte[]? original, IReadOnlyList<DockerConfigAuth> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var hasBom = original is not null && original.AsSpan().StartsWith(s_bom);
        var body = original is null ? [] : hasBom ? original[3..] : original;
        if (body.All(static b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return NewFile(entries);
        }

        var text = Encoding.UTF8.GetString(body);
        var layout = Scan(body);
        var style = Style.Detect(text, layout);
        var edits = PlanEdits(body, layout, style, entries);
        var merged = Apply(body, edits);
        return hasBom ? [.. s_bom, .. merged] : merged;
    }

    /// <summary>The base64 of <c>user:password</c>, docker's <c>auth</c> value.</summary>
    public static string BasicAuth(string username, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));

    private static byte[] NewFile(IReadOnlyList<DockerConfigAuth> entries)
    {
        var style = new Style("\n", "\t");
        var builder = new StringBuilder();
        builder.Append('{').Append(style.NewLine).Append(style.Unit).Append("\"auths\": ")
            .Append(AuthsObject(entries, style, style.Unit)).Append(style.NewLine).Append('}');
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static List<Edit> PlanEdits(
        byte[] body, Layout layout, Style style, IReadOnlyList<DockerConfigAuth> entries)
    {
        var edits = new List<Edit>();
        var auths = layout.Auths;
        if (auths is null)
        {
            var text = "\"auths\":" + style.Space + AuthsObject(entries, style, style.Unit);
            edits.Add(layout.RootLastValueEnd is { } end
                ? new Edit(end, end, "," + style.NewLine + style.Unit + text)
                : new Edit(layout.RootStart + 1, layout.RootEnd, style.NewLine + style.Unit + text + style.NewLine));
            return edits;
        }

        if (!auths.IsObject)
        {
            edits.Add(new Edit(auths.ValueStart, auths.ValueEnd, AuthsObject(entries, style, auths.KeyIndent)));
            return edits;
        }

        var hostIndent = auths.FirstHostIndent ?? auths.KeyIndent + style.Unit;
        var missing = new List<DockerConfigAuth>();
        var removed = new HashSet<int>();
        foreach (var entry in entries)
        {
            var found = auths.Hosts.Where(h => string.Equals(h.Name, entry.Host, StringComparison.Ordinal)).ToList();
            var aliases = auths.Hosts.Where(h => IsAlias(h.Name, entry.Host)).ToList();
            if (found.Count == 0 && aliases.Count > 0)
            {
                // The first alias becomes the bare host's entry, keeping its place and unknown fields.
                var renamed = aliases[0];
                aliases.RemoveAt(0);
                edits.Add(new Edit(renamed.KeyStart, renamed.KeyEnd, JsonSerializer.Serialize(
                    entry.Host, DockerConfigJson.Options)));
                found.Add(renamed);
            }

            if (found.Count == 0)
            {
                missing.Add(entry);
                continue;
            }

            foreach (var host in found)
            {
                var existing = ParseEntry(body.AsSpan(host.ValueStart, host.ValueEnd - host.ValueStart));
                edits.Add(new Edit(host.ValueStart, host.ValueEnd, EntryText(entry, existing, style, host.Indent)));
            }

            removed.UnionWith(aliases.Select(a => auths.Hosts.IndexOf(a)));
        }

        edits.AddRange(Removals(auths.Hosts, removed));

        if (missing.Count > 0)
        {
            var members = string.Join(
                "," + style.NewLine + hostIndent,
                missing.Select(e => Member(e.Host, style) + EntryText(e, null, style, hostIndent)));
            edits.Add(auths.LastValueEnd is { } end
                ? new Edit(end, end, "," + style.NewLine + hostIndent + members)
                : new Edit(
                    auths.ValueStart + 1,
                    auths.ValueEnd - 1,
                    style.NewLine + hostIndent + members + style.NewLine + auths.KeyIndent));
        }

        return edits;
    }

    /// <summary>
    /// True when docker reads <paramref name="key"/> as <paramref name="host"/> too: the key with an
    /// <c>http://</c> or <c>https://</c> prefix dropped and cut at its first <c>/</c> (a trailing slash, <c>/v1/</c>,
    /// <c>/v2/</c>) is the host. Docker Hub's own key, <c>https://index.docker.io/v1/</c>, is never an alias.
    /// </summary>
    internal static bool IsAlias(string key, string host)
    {
        if (string.Equals(key, host, StringComparison.Ordinal)
            || string.Equals(key, "https://index.docker.io/v1/", StringComparison.Ordinal))
        {
            return false;
        }

        var stripped = key.StartsWith("http://", StringComparison.Ordinal) ? key["http://".Length..]
            : key.StartsWith("https://", StringComparison.Ordinal) ? key["https://".Length..]
            : key;
        var slash = stripped.IndexOf('/', StringComparison.Ordinal);
        return string.Equals(slash < 0 ? stripped : stripped[..slash], host, StringComparison.Ordinal);
    }

    /// <summary>
    /// The edits that remove the members at <paramref name="removed"/> with their separators: the leading ones
    /// from the first key up to the first kept key, each later one from the end of the value before it. At least
    /// one member is kept.
    /// </summary>
    private static IEnumerable<Edit> Removals(List<HostLayout> hosts, HashSet<int> removed)
    {
        if (removed.Count == 0)
        {
            yield break;
        }

        var firstKept = Enumerable.Range(0, hosts.Count).First(i => !removed.Contains(i));
        if (firstKept > 0)
        {
            yield return new Edit(hosts[0].KeyStart, hosts[firstKept].KeyStart, string.Empty);
        }

        foreach (var i in removed.Where(i => i > firstKept))
        {
            yield return new Edit(hosts[i - 1].ValueEnd, hosts[i].ValueEnd, string.Empty);
        }
    }

    private static string AuthsObject(IReadOnlyList<DockerConfigAuth> entries, Style style, string keyIndent)
    {
        var hostIndent = keyIndent + style.Unit;
        var builder = new StringBuilder("{");
        for (var i = 0; i < entries.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ",").Append(style.NewLine).Append(hostIndent)
                .Append(Member(entries[i].Host, style)).Append(EntryText(entries[i], null, style, hostIndent));
        }

        return builder.Append(style.NewLine).Append(keyIndent).Append('}').ToString();
    }

    private static string Member(string name, Style style) =>
        JsonSerializer.Serialize(name, DockerConfigJson.Options) + ":" + style.Space;

    private static JsonObject? ParseEntry(ReadOnlySpan<byte> value)
    {
        try
        {
            return JsonNode.Parse(value) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string EntryText(DockerConfigAuth entry, JsonObject? existing, Style style, string indent)
    {
        var node = existing ?? [];
        foreach (var name in node.Select(p => p.Key).ToList())
        {
            var owned = name.Equals("identitytoken", StringComparison.OrdinalIgnoreCase)
                || name.Equals("registrytoken", StringComparison.OrdinalIgnoreCase)
                || (name.Equals("auth", StringComparison.OrdinalIgnoreCase) && name != "auth");
            if (owned)
            {
                node.Remove(name);
            }
        }

        var credential = entry.Credential;
        node["auth"] = BasicAuth(credential.Username, credential.Password.Reveal());
        if (credential.IsIdentityToken)
        {
            node["identitytoken"] = credential.Password.Reveal();
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, style.WriterOptions))
        {
            node.WriteTo(writer);
        }

        var text = Encoding.UTF8.GetString(buffer.ToArray());
        return style.NewLine.Length == 0
            ? text
            : text.Replace(style.NewLine, style.NewLine + indent, StringComparison.Ordinal);
    }

    private static byte[] Apply(byte[] body, List<Edit> edits)
    {
        edits.Sort(static (a, b) => b.Start.CompareTo(a.Start));
        var result = new List<byte>(body);
        foreach (var edit in edits)
        {
            result.RemoveRange(edit.Start, edit.End - edit.Start);
            result.InsertRange(edit.Start, Encoding.UTF8.GetBytes(edit.Text));
        }

        return [.. result];
    }

    /// <summary>Finds the byte offsets the edits need: the root object, the last <c>auths</c> and its hosts.</summary>
    private static Layout Scan(byte[] body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, s_readerOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException("The file is not a JSON object.");
            }

            var layout = new Layout { RootStart = (int)reader.TokenStartIndex };
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                var keyStart = (int)reader.TokenStartIndex;
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                if (name == "auths" && reader.TokenType == JsonTokenType.StartObject)
                {
                    layout.Auths = ScanAuths(ref reader, body, keyStart, valueStart);
                }
                else
                {
                    reader.Skip();
                    if (name == "auths")
                    {
                        layout.Auths = new AuthsLayout(
                            false, keyStart, valueStart, (int)reader.BytesConsumed, Indent(body, keyStart));
                    }
                }

                layout.RootLastValueEnd = (int)reader.BytesConsumed;
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                throw new FormatException("The file is not a JSON object.");
            }

            layout.RootEnd = (int)reader.TokenStartIndex;
            if (reader.Read())
            {
                throw new FormatException("The file holds more than one JSON value.");
            }

            return layout;
        }
        catch (JsonException)
        {
            throw new FormatException("The file is not valid JSON.");
        }
    }

    private static AuthsLayout ScanAuths(ref Utf8JsonReader reader, byte[] body, int keyStart, int valueStart)
    {
        var auths = new AuthsLayout(true, keyStart, valueStart, 0, Indent(body, keyStart));
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var host = reader.GetString()!;
            var hostKeyStart = (int)reader.TokenStartIndex;
            var hostKeyEnd = hostKeyStart + reader.ValueSpan.Length + 2;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var end = (int)reader.BytesConsumed;
            auths.Hosts.Add(new HostLayout(host, hostKeyStart, hostKeyEnd, start, end, Indent(body, hostKeyStart)));
            auths.FirstHostIndent ??= Indent(body, hostKeyStart);
            auths.LastValueEnd = end;
        }

        auths.ValueEnd = (int)reader.BytesConsumed;
        return auths;
    }

    /// <summary>The white space that starts the line of <paramref name="position"/>, when only white space precedes it
    /// there.</summary>
    private static string Indent(byte[] body, int position)
    {
        var start = position;
        while (start > 0 && body[start - 1] is (byte)' ' or (byte)'\t')
        {
            start--;
        }

        return start == 0 || body[start - 1] == (byte)'\n'
            ? Encoding.ASCII.GetString(body, start, position - start)
            : string.Empty;
    }

    private sealed record Edit(int Start, int End, string Text);

    private sealed record HostLayout(
        string Name, int KeyStart, int KeyEnd, int ValueStart, int ValueEnd, string Indent);

    private sealed class Layout
    {
        public int RootStart { get; set; }

        public int RootEnd { get; set; }

        public int? RootLastValueEnd { get; set; }

        public AuthsLayout? Auths { get; set; }
    }

    private sealed class AuthsLayout(bool isObject, int keyStart, int valueStart, int valueEnd, string keyIndent)
    {
        public bool IsObject { get; } = isObject;

        public int KeyStart { get; } = keyStart;

        public int ValueStart { get; } = valueStart;

        public int ValueEnd { get; set; } = valueEnd;

        public string KeyIndent { get; } = keyIndent;

        public string? FirstHostIndent { get; set; }

        public int? LastValueEnd { get; set; }

        public List<HostLayout> Hosts { get; } = [];
    }

    /// <summary>How the file is laid out: its line ending (empty for one line) and its indentation unit.</summary>
    private sealed class Style
    {
        public Style(string newLine, string unit)
        {
            NewLine = newLine;
            Unit = newLine.Length == 0 ? string.Empty : unit;
            var indentCharacter = Unit.Length > 0 && Unit.All(c => c == ' ') ? ' ' : '\t';
            WriterOptions = new JsonWriterOptions
            {
                Indented = newLine.Length > 0,
                IndentCharacter = indentCharacter,
                IndentSize = Unit.Length is > 0 and <= 127 && Unit.All(c => c == indentCharacter) ? Unit.Length : 1,
                NewLine = newLine.Length > 0 ? newLine : "\n",
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            };
        }

        public string NewLine { get; }

        public string Unit { get; }

        public string Space => NewLine.Length == 0 ? string.Empty : " ";

        public JsonWriterOptions WriterOptions { get; }

        public static Style Detect(string text, Layout layout)
        {
            var newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n"
                : text.Contains('\n', StringComparison.Ordinal) ? "\n"
                : string.Empty;
            var unit = layout.Auths?.KeyIndent is { Length: > 0 } indent ? indent : FirstIndent(text) ?? "\t";
            var mixed = unit.Contains(' ', StringComparison.Ordinal) && unit.Contains('\t', StringComparison.Ordinal);
            if (mixed || unit.Any(c => c is not (' ' or '\t')))
            {
                unit = "\t";
            }

            return new Style(newLine, unit);
        }

        private static string? FirstIndent(string text)
        {
            foreach (var line in text.Split('\n').Skip(1))
            {
                var trimmed = line.TrimStart(' ', '\t');
                if (trimmed.StartsWith('"'))
                {
                    var indent = line[..(line.Length - trimmed.Length)];
                    return indent.Length > 0 ? indent : null;
                }
            }

            return null;
        }
    }
}
