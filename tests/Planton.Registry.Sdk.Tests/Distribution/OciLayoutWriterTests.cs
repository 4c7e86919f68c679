using System.Security.Cryptography;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Tests.Distribution.Fakes;

namespace Planton.Registry.Sdk.Tests.Distribution;

public sealed class OciLayoutWriterTests
{
    private const int MiB = 1024 * 1024;

    private string _work = null!;

    [SetUp]
    public void SetUp() =>
        _work = Path.Combine(Path.GetTempPath(), "planton-writer-test-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [TestCase(0, 7777)]
    [TestCase(1, 7777)]
    [TestCase(MiB - 1, 65536)]
    [TestCase(MiB, 65536)]
    [TestCase(MiB + 1, 7777)]
    [TestCase(3 * MiB + 17, 100_000)]
    [TestCase(3 * MiB + 17, int.MaxValue)]
    public async Task WriteBlobAsync_AnySizeInAnyReadPattern_WritesTheExactBytes(int size, int maxPerRead)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        var descriptor = new OciDescriptor(TestImage.LayerMediaType, FakeRegistry.Sha256(content), size);

        var written = await OciLayoutWriter.WriteBlobAsync(
            _work, descriptor, new TricklingStream(content, maxPerRead), CancellationToken.None);

        Assert.That(written, Is.EqualTo(size));
        var path = OciImageLayout.GetBlobPath(_work, descriptor.Digest);
        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(content));
        Assert.That(Directory.GetFiles(Path.Combine(_work, "blobs", "sha256")), Has.Length.EqualTo(1));
    }

    [TestCase(3 * MiB, 3 * MiB + 1, "longer than")]
    [TestCase(3 * MiB, 3 * MiB - 1, "has 3145727 bytes")]
    [TestCase(2 * MiB, 2 * MiB, "digest")]
    public void WriteBlobAsync_ContentDisagreesWithDescriptor_ThrowsAndLeavesNothing(
        int declared, int sent, string message)
    {
        var content = RandomNumberGenerator.GetBytes(sent);
        var digest = declared == sent
            ? "sha256:" + new string('0', 64)
            : FakeRegistry.Sha256(content[..Math.Min(declared, sent)]);
        var descriptor = new OciDescriptor(TestImage.LayerMediaType, digest, declared);

        var exception = Assert.ThrowsAsync<InvalidDataException>(() => OciLayoutWriter.WriteBlobAsync(
            _work, descriptor, new TricklingStream(content, 50_000), CancellationToken.None));

        Assert.That(exception!.Message, Does.Contain(message));
        Assert.That(Directory.GetFiles(Path.Combine(_work, "blobs", "sha256")), Is.Empty);
    }

    [Test]
    public async Task SetIndexEntryAsync_TwentyConcurrentWriters_KeepsEveryEntry()
    {
        await OciLayoutWriter.EnsureLayoutAsync(_work, CancellationToken.None);
        var descriptors = Enumerable.Range(0, 20)
            .Select(i => new OciDescriptor(
                TestImage.ManifestMediaType, FakeRegistry.Sha256(BitConverter.GetBytes(i)), 100 + i))
            .ToList();

        using var start = new Barrier(descriptors.Count);

        await Task.WhenAll(descriptors.Select((d, i) => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    OciLayoutWriter.SetIndexEntryAsync(_work, d, "t" + i, CancellationToken.None)
                        .GetAwaiter().GetResult();
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)));

        var layout = await OciImageLayout.OpenAsync(_work);
        Assert.That(
            layout.Manifests.Select(m => m.ReferenceName),
            Is.EquivalentTo(Enumerable.Range(0, 20).Select(i => "t" + i)));
        Assert.That(Directory.GetFiles(_work, "*.tmp"), Is.Empty);
    }

    [Test]
    public void WriteBlobAsync_CancelledMidDownload_LeavesNoTempFile()
    {
        var content = RandomNumberGenerator.GetBytes(3 * MiB);
        var descriptor = new OciDescriptor(TestImage.LayerMediaType, FakeRegistry.Sha256(content), content.Length);
        using var cancellation = new CancellationTokenSource();
        var source = new CancellingStream(content, MiB + 10, cancellation);

        Assert.That(
            async () => await OciLayoutWriter.WriteBlobAsync(_work, descriptor, source, cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());

        Assert.That(Directory.GetFiles(Path.Combine(_work, "blobs", "sha256")), Is.Empty);
    }

    [Test]
    public async Task WriteBlobAsync_StaleTempsOfTheBlob_RemovesThemButNotOthers()
    {
        var content = RandomNumberGenerator.GetBytes(1000);
        var descriptor = new OciDescriptor(TestImage.LayerMediaType, FakeRegistry.Sha256(content), content.Length);
        var hex = descriptor.Digest["sha256:".Length..];
        var folder = Directory.CreateDirectory(Path.Combine(_work, "blobs", "sha256")).FullName;
        var stale = new[] { $".{hex}.tmp", $".{hex}.{Guid.NewGuid():N}.tmp" };
        foreach (var name in stale)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), "partial");
        }

        var unrelated = Path.Combine(folder, $".{new string('e', 64)}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(unrelated, "other");

        await OciLayoutWriter.WriteBlobAsync(_work, descriptor, new MemoryStream(content), CancellationToken.None);

        Assert.That(
            Directory.GetFiles(folder).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { hex, Path.GetFileName(unrelated) }));
    }

    [Test]
    public async Task WriteBlobAsync_TempHeldByAnotherWrite_LeavesIt()
    {
        var content = RandomNumberGenerator.GetBytes(1000);
        var descriptor = new OciDescriptor(TestImage.LayerMediaType, FakeRegistry.Sha256(content), content.Length);
        var hex = descriptor.Digest["sha256:".Length..];
        var folder = Directory.CreateDirectory(Path.Combine(_work, "blobs", "sha256")).FullName;
        var held = Path.Combine(folder, $".{hex}.{Guid.NewGuid():N}.tmp");
        using (var writer = new FileStream(held, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            await OciLayoutWriter.WriteBlobAsync(_work, descriptor, new MemoryStream(content), CancellationToken.None);

            Assert.That(File.Exists(held), Is.True);
        }
    }
}
