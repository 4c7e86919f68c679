using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Cli;
using Planton.Registry.Cli.Progress;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Sdk.Tests.Cli;

/// <summary>The <c>--progress</c> renderers of <c>push</c> and <c>pull</c>, drawn into a string.</summary>
public sealed class ProgressRendererTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string Other = "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    private const long Size = 12L * 1024 * 1024;

    [TestCase(TransferDirection.Upload, BlobTransferState.Started, "sha256:0123456789ab uploading 12.0 MiB")]
    [TestCase(TransferDirection.Download, BlobTransferState.Started, "sha256:0123456789ab downloading 12.0 MiB")]
    [TestCase(TransferDirection.Upload, BlobTransferState.Completed, "sha256:0123456789ab done")]
    [TestCase(TransferDirection.Upload, BlobTransferState.Skipped, "sha256:0123456789ab skipped (present)")]
    [TestCase(TransferDirection.Download, BlobTransferState.Skipped, "sha256:0123456789ab skipped (in layout)")]
    [TestCase(TransferDirection.Upload, BlobTransferState.Mounted, "sha256:0123456789ab mounted")]
    [TestCase(TransferDirection.Upload, BlobTransferState.Failed, "sha256:0123456789ab failed")]
    public void Plain_StateChange_WritesOneLine(TransferDirection direction, BlobTransferState state, string expected)
    {
        var writer = new StringWriter();

        new PlainProgressRenderer(writer).Report(Report(direction, state, 0));

        Assert.That(writer.ToString(), Is.EqualTo(expected + Environment.NewLine));
    }

    [Test]
    public void Plain_BytesMoving_WritesNothing()
    {
        var writer = new StringWriter();

        new PlainProgressRenderer(writer).Report(Report(TransferDirection.Upload, BlobTransferState.Transferring, 5));

        Assert.That(writer.ToString(), Is.Empty);
    }

    [Test]
    public async Task Plain_ParallelBlobs_LinesNeverMix()
    {
        var writer = new StringWriter();
        var renderer = new PlainProgressRenderer(writer);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            for (var n = 0; n < 200; n++)
            {
                renderer.Report(Report(TransferDirection.Upload, BlobTransferState.Completed, 0) with
                {
                    Digest = $"sha256:{i:x2}{n:x10}",
                });
            }
        })));

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1600));
        Assert.That(lines, Has.All.Match(@"^sha256:[0-9a-f]{12} done$"));
    }

    [TestCase(
        BlobTransferState.Started, 0L,
        "sha256:0123456789ab uploading   [........................]   0% 0 B / 12.0 MiB")]
    [TestCase(
        BlobTransferState.Transferring, 6L * 1024 * 1024,
        "sha256:0123456789ab uploading   [############............]  50% 6.0 MiB / 12.0 MiB")]
    [TestCase(
        BlobTransferState.Completed, Size,
        "sha256:0123456789ab done        [########################] 100% 12.0 MiB / 12.0 MiB")]
    [TestCase(BlobTransferState.Skipped, 0L, "sha256:0123456789ab skipped (present)")]
    [TestCase(BlobTransferState.Mounted, 0L, "sha256:0123456789ab mounted")]
    public void BarLine_State_DrawsBarPercentageAndBytes(BlobTransferState state, long bytes, string expected) =>
        Assert.That(BarProgressRenderer.Line(Report(TransferDirection.Upload, state, bytes)), Is.EqualTo(expected));

    [Test]
    public void Bar_Reports_RedrawInPlaceAndFoldByteUpdates()
    {
        var writer = new StringWriter();
        var time = new FakeTimeProvider();
        var renderer = new BarProgressRenderer(writer, time);

        renderer.Report(Report(TransferDirection.Upload, BlobTransferState.Started, 0));
        var first = Take(writer);
        renderer.Report(Report(TransferDirection.Upload, BlobTransferState.Started, 0) with { Digest = Other });
        var second = Take(writer);
        renderer.Report(Report(TransferDirection.Upload, BlobTransferState.Transferring, 1024 * 1024));
        var folded = Take(writer);
        time.Advance(BarProgressRenderer.RedrawInterval);
        renderer.Report(Report(TransferDirection.Upload, BlobTransferState.Transferring, 3 * 1024 * 1024));
        var third = Take(writer);
        renderer.Report(Report(TransferDirection.Upload, BlobTransferState.Completed, Size));
        var fourth = Take(writer);

        const string erase = "\r\u001b[2K";
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(
                erase + "sha256:0123456789ab uploading   [........................]   0% 0 B / 12.0 MiB\n"
                + erase + "0 of 2 blobs done\n"));
            Assert.That(second, Does.StartWith("\u001b[2A" + erase + "sha256:0123456789ab uploading "));
            Assert.That(second, Does.Contain(erase + "sha256:fedcba987654 uploading "));
            Assert.That(second, Does.EndWith(erase + "0 of 2 blobs done\n"));
            Assert.That(folded, Is.Empty);
            Assert.That(third, Does.StartWith("\u001b[3A"));
            Assert.That(third, Does.Contain("[######..................]  25% 3.0 MiB / 12.0 MiB\n"));
            Assert.That(fourth, Does.Contain("sha256:0123456789ab done ").And.EndWith("1 of 2 blobs done\n"));
        });
    }

    [TestCase("auto", true, false, typeof(BarProgressRenderer))]
    [TestCase("auto", true, true, typeof(PlainProgressRenderer))]
    [TestCase("auto", false, false, typeof(PlainProgressRenderer))]
    [TestCase("bar", false, false, typeof(BarProgressRenderer))]
    [TestCase("plain", true, false, typeof(PlainProgressRenderer))]
    [TestCase("none", true, false, null)]
    public void Create_ModeAndTerminal_ChoosesTheRenderer(string mode, bool terminal, bool verbose, Type? expected)
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null)
        {
            StderrIsTerminal = terminal,
            Verbose = verbose,
        };

        var renderer = ProgressRendering.Create(ProgressRendering.Parse(mode), context);

        Assert.That(renderer?.GetType(), Is.EqualTo(expected));
    }

    [TestCase("auto", "Auto")]
    [TestCase("bar", "Bar")]
    [TestCase("PLAIN", "Plain")]
    [TestCase("none", "None")]
    [TestCase(null, "Auto")]
    public void Parse_Value_GivesTheMode(string? value, string expected) =>
        Assert.That(ProgressRendering.Parse(value).ToString(), Is.EqualTo(expected));

    [TestCase(0L, "0 B")]
    [TestCase(1023L, "1023 B")]
    [TestCase(1024L, "1.0 KiB")]
    [TestCase(1536L, "1.5 KiB")]
    [TestCase(12L * 1024 * 1024, "12.0 MiB")]
    [TestCase(5L * 1024 * 1024 * 1024, "5.0 GiB")]
    public void Bytes_Size_BinaryUnitsOneDecimal(long bytes, string expected) =>
        Assert.That(ProgressFormat.Bytes(bytes), Is.EqualTo(expected));

    [TestCase(Digest, "sha256:0123456789ab")]
    [TestCase("sha512:abc", "sha512:abc")]
    [TestCase("nocolon0123456789", "nocolon01234")]
    public void ShortDigest_Digest_AlgorithmAndTwelveHexDigits(string digest, string expected) =>
        Assert.That(ProgressFormat.ShortDigest(digest), Is.EqualTo(expected));

    [Test]
    public async Task Push_UnknownProgressMode_ExitsInvalidInputNamingTheValue()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CliApplication.RunAsync(
            ["push", "--connection", "c.json", "--layout", "l", "--image", "i", "--tag", "t", "--progress", "fancy"],
            stdout,
            stderr);

        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(stderr.ToString(), Does.Contain("fancy"));
        Assert.That(stdout.ToString(), Is.Empty);
    }

    private static TransferProgress Report(TransferDirection direction, BlobTransferState state, long bytes) =>
        new(direction, Digest, "application/vnd.oci.image.layer.v1.tar", Size, bytes, state, 2, 0);

    private static string Take(StringWriter writer)
    {
        var text = writer.ToString();
        writer.GetStringBuilder().Clear();
        return text;
    }
}
