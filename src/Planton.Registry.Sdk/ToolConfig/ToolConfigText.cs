using System.Text;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>Byte-exact text handling for line-based tool files: UTF-8 with or without a byte order mark, and the
/// file's own line ending.</summary>
internal static class ToolConfigText
{
    private static readonly UTF8Encoding s_strictUtf8 =
        new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool HasUtf8Bom(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;

    /// <summary>Decodes UTF-8 strictly; a file that is not UTF-8 is refused rather than rewritten with
    /// losses.</summary>
    /// <exception cref="ToolConfigFileException">The bytes are not UTF-8.</exception>
    public static string DecodeUtf8(byte[] bytes, string path, out bool hasBom)
    {
        hasBom = HasUtf8Bom(bytes);
        try
        {
            return hasBom ? s_strictUtf8.GetString(bytes, 3, bytes.Length - 3) : s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ToolConfigFileException(path, "it is not UTF-8 text.");
        }
    }

    public static byte[] EncodeUtf8(string text, bool withBom)
    {
        var body = s_strictUtf8.GetBytes(text);
        if (!withBom)
        {
            return body;
        }

        var bytes = new byte[body.Length + 3];
        bytes[0] = 0xEF;
        bytes[1] = 0xBB;
        bytes[2] = 0xBF;
        body.CopyTo(bytes, 3);
        return bytes;
    }

    /// <summary>The line ending most lines of <paramref name="text"/> use: CRLF when it is the majority, else
    /// LF.</summary>
    public static string DetectNewLine(string text)
    {
        var crlf = 0;
        var lf = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                if (i > 0 && text[i - 1] == '\r')
                {
                    crlf++;
                }
                else
                {
                    lf++;
                }
            }
        }

        return crlf > lf ? "\r\n" : "\n";
    }
}
