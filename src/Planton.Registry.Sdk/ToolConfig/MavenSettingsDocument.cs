using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// A Maven <c>settings.xml</c> loaded with all its whitespace, comments and unknown elements, so that merging
/// servers and repositories into it changes only what the merge writes. New elements take the file's namespace and
/// indentation; the XML declaration, a UTF-8 byte order mark and the line ending are kept. Serialising an unchanged
/// document twice gives the same bytes.
/// </summary>
internal sealed class MavenSettingsDocument
{
    private const string SettingsNamespace = "http://maven.apache.org/SETTINGS/1.0.0";
    private const string DefaultDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private const string ExpectContinue = "http.protocol.expect-continue";

    private readonly XDocument _document;
    private readonly XNamespace _namespace;
    private readonly string _indent;
    private readonly string? _declaration;
    private readonly Encoding _encoding;
    private readonly bool _hasBom;
    private readonly string _newLine;

    private MavenSettingsDocument(
        XDocument document, string? declaration, Encoding encoding, bool hasBom, string newLine)
    {
        _document = document;
        _namespace = document.Root!.Name.Namespace;
        _declaration = declaration;
        _encoding = encoding;
        _hasBom = hasBom;
        _newLine = newLine;
        _indent = DetectIndent(document.Root);
    }

    /// <summary>A new settings file in the Maven 1.0.0 namespace, to merge into.</summary>
    public static MavenSettingsDocument CreateNew()
    {
        XNamespace settings = SettingsNamespace;
        var root = new XElement(settings + "settings", new XAttribute("xmlns", SettingsNamespace));
        var document = new XDocument(new XText("\n"), root, new XText("\n"));
        return new MavenSettingsDocument(document, DefaultDeclaration, new UTF8Encoding(false), false, "\n");
    }

    /// <summary>Loads an existing file.</summary>
    /// <exception cref="ToolConfigFileException">The bytes are not well-formed XML, hold a DTD, have another root
    /// than <c>settings</c>, or use an encoding other than UTF-8 or a single-byte one.</exception>
    public static MavenSettingsDocument Parse(byte[] bytes, string path)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException exception)
        {
            if (bytes.AsSpan().IndexOf("<!DOCTYPE"u8) >= 0)
            {
                throw new ToolConfigFileException(path, "it holds a DOCTYPE, which is refused.");
            }

            var reason = exception.LineNumber > 0
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"it is not well-formed XML (line {exception.LineNumber}, position {exception.LinePosition}).")
                : "it is not well-formed XML.";
            throw new ToolConfigFileException(path, reason);
        }

        var root = document.Root!;
        if (root.Name.LocalName != "settings")
        {
            throw new ToolConfigFileException(
                path, $"its root element is <{root.Name.LocalName}>, not the <settings> of a Maven settings file.");
        }

        var encoding = ChooseEncoding(document.Declaration?.Encoding, path);
        var hasBom = ToolConfigText.HasUtf8Bom(bytes);
        string text;
        using (var reader = new StreamReader(new MemoryStream(bytes, writable: false), encoding, true))
        {
            text = reader.ReadToEnd();
        }

        var declaration = text.StartsWith("<?xml", StringComparison.Ordinal)
            ? text[..(text.IndexOf("?>", StringComparison.Ordinal) + 2)]
            : null;
        return new MavenSettingsDocument(document, declaration, encoding, hasBom, ToolConfigText.DetectNewLine(text));
    }

    /// <summary>Upserts every server, the profile's repositories and the active profile.</summary>
    public void Apply(MavenSettingsPlan plan)
    {
        var root = _document.Root!;
        var servers = ChildOrAdd(root, "servers");
        foreach (var server in plan.Servers)
        {
            UpsertServer(servers, server);
        }

        var repositories = plan.Servers.Where(s => s.Entry.IncludeRepository).ToList();
        var pluginRepositories = plan.Servers.Where(s => s.Entry.IncludePluginRepository).ToList();
        if (repositories.Count == 0 && pluginRepositories.Count == 0)
        {
            return;
        }

        var profiles = ChildOrAdd(root, "profiles");
        var profile = profiles.Elements(_namespace + "profile").FirstOrDefault(p => IdOf(p) == plan.ProfileId)
            ?? AddChild(profiles, Element("profile", Element("id", plan.ProfileId)));
        if (repositories.Count > 0)
        {
            var container = ChildOrAdd(profile, "repositories");
            foreach (var server in repositories)
            {
                UpsertRepository(container, "repository", server.Entry);
            }
        }

        if (pluginRepositories.Count > 0)
        {
            var container = ChildOrAdd(profile, "pluginRepositories");
            foreach (var server in pluginRepositories)
            {
                UpsertRepository(container, "pluginRepository", server.Entry);
            }
        }

        var active = ChildOrAdd(root, "activeProfiles");
        if (!active.Elements(_namespace + "activeProfile").Any(a => a.Value.Trim() == plan.ProfileId))
        {
            AddChild(active, Element("activeProfile", plan.ProfileId));
        }
    }

    /// <summary>The document's bytes: byte order mark, declaration as it was, then every node.</summary>
    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        if (_hasBom)
        {
            stream.Write([0xEF, 0xBB, 0xBF]);
        }

        if (_declaration is not null)
        {
            stream.Write(_encoding.GetBytes(_declaration));
        }

        var settings = new XmlWriterSettings
        {
            ConformanceLevel = ConformanceLevel.Fragment,
            Encoding = _encoding,
            OmitXmlDeclaration = true,
            NewLineHandling = NewLineHandling.Replace,
            NewLineChars = _newLine,
            CloseOutput = false,
        };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            foreach (var node in _document.Nodes())
            {
                node.WriteTo(writer);
            }
        }

        return stream.ToArray();
    }

    private static Encoding ChooseEncoding(string? declared, string path)
    {
        if (string.IsNullOrEmpty(declared)
            || declared.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || declared.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return new UTF8Encoding(false);
        }

        try
        {
            var encoding = Encoding.GetEncoding(declared);
            if (encoding.IsSingleByte)
            {
                return encoding;
            }
        }
        catch (ArgumentException)
        {
            // Refused below like any other encoding this writer cannot keep.
        }

        throw new ToolConfigFileException(path, $"its encoding {declared} is not supported; use UTF-8.");
    }

    private static string DetectIndent(XElement root)
    {
        foreach (var node in root.Nodes())
        {
            if (node is XText text and not XCData && text.NextNode is XElement && text.Value.Contains('\n'))
            {
                var indent = text.Value[(text.Value.LastIndexOf('\n') + 1)..];
                if (indent.Length > 0 && indent.All(c => c is ' ' or '\t'))
                {
                    return indent;
                }
            }
        }

        return "  ";
    }

    private string? IdOf(XElement element) => element.Element(_namespace + "id")?.Value.Trim();

    private XElement Element(string name, params object[] content) => new(_namespace + name, content);

    private void UpsertServer(XElement servers, MavenSettingsPlan.Server server)
    {
        var entry = server.Entry;
        var element = servers.Elements(_namespace + "server").FirstOrDefault(s => IdOf(s) == entry.Id);
        if (element is null)
        {
            element = AddChild(servers, Element(
                "server",
                Element("id", entry.Id),
                Element("username", server.UsernameText),
                Element("password", server.PasswordText.Reveal())));
        }
        else
        {
            SetText(element, "username", server.UsernameText);
            SetText(element, "password", server.PasswordText.Reveal());
        }

        if (entry.PreemptiveAuthentication)
        {
            var http = ChildOrAdd(ChildOrAdd(element, "configuration"), "httpConfiguration");
            SetText(ChildOrAdd(http, "get"), "usePreemptive", "true");
            SetText(ChildOrAdd(http, "head"), "usePreemptive", "true");
            var parameters = ChildOrAdd(ChildOrAdd(http, "put"), "params");
            var property = parameters.Elements(_namespace + "property")
                .FirstOrDefault(p => p.Element(_namespace + "name")?.Value.Trim() == ExpectContinue);
            if (property is null)
            {
                AddChild(parameters, Element("property", Element("name", ExpectContinue), Element("value", "false")));
            }
            else
            {
                SetText(property, "value", "false");
            }
        }
    }

    private void UpsertRepository(XElement container, string name, MavenServerEntry entry)
    {
        var url = entry.RepositoryUrl.AbsoluteUri;
        var releases = entry.Releases ? "true" : "false";
        var snapshots = entry.Snapshots ? "true" : "false";
        var repository = container.Elements(_namespace + name).FirstOrDefault(r => IdOf(r) == entry.Id);
        if (repository is null)
        {
            AddChild(container, Element(
                name,
                Element("id", entry.Id),
                Element("url", url),
                Element("releases", Element("enabled", releases)),
                Element("snapshots", Element("enabled", snapshots))));
            return;
        }

        SetText(repository, "url", url);
        SetText(ChildOrAdd(repository, "releases"), "enabled", releases);
        SetText(ChildOrAdd(repository, "snapshots"), "enabled", snapshots);
    }

    /// <summary>Sets a child's text, leaving it untouched when Maven would already read that value.</summary>
    private void SetText(XElement parent, string name, string value)
    {
        var child = parent.Element(_namespace + name);
        if (child is null)
        {
            AddChild(parent, Element(name, value));
        }
        else if (child.HasElements || child.Value.Trim() != value)
        {
            child.ReplaceNodes(value);
        }
    }

    private XElement ChildOrAdd(XElement parent, string name) =>
        parent.Element(_namespace + name) ?? AddChild(parent, Element(name));

    /// <summary>Appends <paramref name="child"/> as the last child of <paramref name="parent"/>, indented like the
    /// rest of the file.</summary>
    private XElement AddChild(XElement parent, XElement child)
    {
        var depth = parent.Ancestors().Count();
        Indent(child, depth + 1);
        var inner = new XText("\n" + string.Concat(Enumerable.Repeat(_indent, depth + 1)));
        if (parent.LastNode is XText last and not XCData && string.IsNullOrWhiteSpace(last.Value))
        {
            last.AddBeforeSelf(inner, child);
        }
        else
        {
            parent.Add(inner, child, new XText("\n" + string.Concat(Enumerable.Repeat(_indent, depth))));
        }

        return child;
    }

    /// <summary>Lays out a newly built element whose children are all elements, one child per line.</summary>
    private void Indent(XElement element, int depth)
    {
        if (!element.HasElements || element.Nodes().Any(n => n is not XElement))
        {
            return;
        }

        var children = element.Elements().ToList();
        element.RemoveNodes();
        foreach (var child in children)
        {
            element.Add(new XText("\n" + string.Concat(Enumerable.Repeat(_indent, depth + 1))), child);
            Indent(child, depth + 1);
        }

        element.Add(new XText("\n" + string.Concat(Enumerable.Repeat(_indent, depth))));
    }
}
