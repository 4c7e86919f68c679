using System.Text.Json.Serialization;
using Planton.Registry.Cli.Commands;

namespace Planton.Registry.Cli;

/// <summary>Source-generated JSON for what the commands print.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RefParseOutput))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
