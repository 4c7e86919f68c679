namespace Planton.Registry.Sdk.Bundles;

/// <summary>Assigns each bundle file the module type and content type a Workers script upload gives it.</summary>
internal static class BundleFileTypes
{
    /// <summary>Classifies a file by its extension.</summary>
    /// <param name="path">The file's relative path.</param>
    /// <param name="javaScriptIsCommonJs">
    /// True when <c>.js</c> files are CommonJS (a <c>package.json</c> with <c>"type": "commonjs"</c>); ES modules
    /// otherwise. <c>.mjs</c> is always an ES module and <c>.cjs</c> always CommonJS.
    /// </param>
    /// <returns>The module type.</returns>
    public static BundleModuleType Classify(string path, bool javaScriptIsCommonJs)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path).ToUpperInvariant();
        return extension switch
        {
            ".MJS" => BundleModuleType.EsModule,
            ".JS" => javaScriptIsCommonJs ? BundleModuleType.CommonJs : BundleModuleType.EsModule,
            ".CJS" => BundleModuleType.CommonJs,
            ".WASM" => BundleModuleType.Wasm,
            ".TXT" or ".HTML" or ".HTM" or ".SQL" => BundleModuleType.Text,
            ".MAP" => BundleModuleType.SourceMap,
            _ => BundleModuleType.Data,
        };
    }

    /// <summary>The content type of a module type's part in a Workers script upload.</summary>
    /// <param name="type">The module type.</param>
    /// <returns>The content type.</returns>
    public static string ContentTypeOf(BundleModuleType type) => type switch
    {
        BundleModuleType.EsModule => "application/javascript+module",
        BundleModuleType.CommonJs => "application/javascript",
        BundleModuleType.Wasm => "application/wasm",
        BundleModuleType.Text => "text/plain",
        BundleModuleType.SourceMap => "application/source-map",
        _ => "application/octet-stream",
    };

    /// <summary>True for the types a Worker can start from.</summary>
    /// <param name="type">The module type.</param>
    /// <returns>Whether the type is JavaScript.</returns>
    public static bool IsJavaScript(BundleModuleType type) =>
        type is BundleModuleType.EsModule or BundleModuleType.CommonJs;
}
