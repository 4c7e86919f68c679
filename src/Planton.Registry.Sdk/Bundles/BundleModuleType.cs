using System.Text.Json.Serialization;

namespace Planton.Registry.Sdk.Bundles;

/// <summary>
/// How a Worker upload treats a file of the bundle. Each type has one content type, the one the Workers script
/// upload expects for that part (see <see cref="BundleFile.ContentType"/>). In the manifest the type is written
/// as the lowercase name shown on each member.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<BundleModuleType>))]
public enum BundleModuleType
{
    /// <summary><c>data</c>: bytes the Worker imports as an ArrayBuffer (<c>application/octet-stream</c>).</summary>
    [JsonStringEnumMemberName("data")]
    Data = 0,

    /// <summary><c>esm</c>: an ES module (<c>application/javascript+module</c>).</summary>
    [JsonStringEnumMemberName("esm")]
    EsModule,

    /// <summary><c>commonjs</c>: a CommonJS or service-worker script (<c>application/javascript</c>).</summary>
    [JsonStringEnumMemberName("commonjs")]
    CommonJs,

    /// <summary><c>wasm</c>: a compiled WebAssembly module (<c>application/wasm</c>).</summary>
    [JsonStringEnumMemberName("wasm")]
    Wasm,

    /// <summary><c>text</c>: text the Worker imports as a string (<c>text/plain</c>).</summary>
    [JsonStringEnumMemberName("text")]
    Text,

    /// <summary><c>sourcemap</c>: a source map uploaded beside its module (<c>application/source-map</c>).</summary>
    [JsonStringEnumMemberName("sourcemap")]
    SourceMap,
}
