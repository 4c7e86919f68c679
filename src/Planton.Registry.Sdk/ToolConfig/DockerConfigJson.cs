using System.Text.Encodings.Web;
using System.Text.Json;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>JSON settings for the text the docker config writer adds.</summary>
internal static class DockerConfigJson
{
    /// <summary>Escapes only what JSON requires, so that base64 keeps its <c>+</c> and <c>/</c>.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
