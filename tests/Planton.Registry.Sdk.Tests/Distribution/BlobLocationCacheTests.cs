using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Sdk.Tests.Distribution;

public sealed class BlobLocationCacheTests
{
    private const string Host = "registry.example:5000";

    private static readonly string s_digest = "sha256:" + new string('a', 64);

    private string _work = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        _work = Path.Combine(Path.GetTempPath(), "planton-blob-cache-test-" + Guid.NewGuid().ToString("N"));
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private string CachePath => Path.Combine(_work, "cache", "blob-locations.json");

    [Test]
    public void Candidates_AfterRecords_MostRecentFirstWithoutTheAskingRepository()
    {
        var cache = NewCache();
        cache.Record(Host, s_digest, "team/a");
        cache.Record(Host, s_digest, "team/b");
        cache.Record(Host, s_digest, "team/c");

        Assert.That(cache.Candidates(Host, s_digest, "team/b"), Is.EqualTo(new[] { "team/c", "team/a" }));
        Assert.That(cache.Candidates("other.example", s_digest, "team/x"), Is.Empty);
        Assert.That(cache.Candidates(Host.ToUpperInvariant(), s_digest, "team/x"), Has.Count.EqualTo(3));
    }

    [Test]
    public void Record_MoreRepositoriesThanTheBound_KeepsTheMostRecent()
    {
        var cache = NewCache();
        for (var i = 0; i < BlobLocationCache.MaxRepositoriesPerBlob + 3; i++)
        {
            cache.Record(Host, s_digest, $"team/r{i}");
        }

        var candidates = cache.Candidates(Host, s_digest, "none");

        Assert.That(candidates, Has.Count.EqualTo(BlobLocationCache.MaxRepositoriesPerBlob));
        Assert.That(candidates[0], Is.EqualTo($"team/r{BlobLocationCache.MaxRepositoriesPerBlob + 2}"));
    }

    [Test]
    public void Record_MoreBlobsThanTheBound_DropsTheLeastRecentlyUsed()
    {
        var cache = NewCache(maxBlobs: 3);
        var digests = Enumerable.Range(0, 5).Select(Digest).ToList();
        foreach (var digest in digests)
        {
            cache.Record(Host, digest, "team/a");
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.That(cache.Count, Is.EqualTo(3));
        Assert.That(cache.Candidates(Host, digests[0], "x"), Is.Empty);
        Assert.That(cache.Candidates(Host, digests[1], "x"), Is.Empty);
        Assert.That(cache.Candidates(Host, digests[4], "x"), Is.EqualTo(new[] { "team/a" }));
    }

    [TestCase("sha256:short", "team/a")]
    [TestCase("md5:" + "00112233445566778899aabbccddeeff", "team/a")]
    [TestCase("sha256:" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Team/Upper")]
    [TestCase("sha256:" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "../escape")]
    public void Record_InvalidDigestOrRepository_IsIgnored(string digest, string repository)
    {
        var cache = NewCache();

        cache.Record(Host, digest, repository);

        Assert.That(cache.Count, Is.Zero);
    }

    [Test]
    public async Task SaveAsync_ThenAnotherInstanceLoads_SameCandidates()
    {
        var cache = NewCache();
        cache.Record(Host, s_digest, "team/a");
        cache.Record(Host, s_digest, "team/b");
        await cache.SaveAsync(CancellationToken.None);

        var reloaded = NewCache();
        await reloaded.LoadAsync(CancellationToken.None);

        Assert.That(reloaded.Candidates(Host, s_digest, "x"), Is.EqualTo(new[] { "team/b", "team/a" }));
    }

    [Test]
    public async Task SaveAsync_ReplacesTheFileWholeAndLeavesNoTempFile()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CachePath)!);
        await File.WriteAllTextAsync(CachePath, "{\"version\":1,\"registries\":{}}" + new string(' ', 10_000));
        var cache = NewCache();
        await cache.LoadAsync(CancellationToken.None);
        cache.Record(Host, s_digest, "team/a");

        await cache.SaveAsync(CancellationToken.None);

        Assert.That(Directory.GetFiles(Path.GetDirectoryName(CachePath)!), Is.EqualTo(new[] { CachePath }));
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(CachePath));
        var repositories = document.RootElement.GetProperty("registries").GetProperty(Host)
            .GetProperty(s_digest).GetProperty("repositories");
        Assert.That(repositories[0].GetString(), Is.EqualTo("team/a"));
        Assert.That(new FileInfo(CachePath).Length, Is.LessThan(10_000));
    }

    [Test]
    public async Task SaveAsync_NothingLearned_DoesNotWrite()
    {
        var cache = NewCache();
        await cache.LoadAsync(CancellationToken.None);

        await cache.SaveAsync(CancellationToken.None);

        Assert.That(File.Exists(CachePath), Is.False);
    }

    [Test]
    public async Task SaveAsync_AnotherProcessWroteMeanwhile_KeepsItsEntries()
    {
        var ours = NewCache();
        await ours.LoadAsync(CancellationToken.None);
        var theirs = NewCache();
        theirs.Record(Host, Digest(7), "team/theirs");
        await theirs.SaveAsync(CancellationToken.None);
        ours.Record(Host, s_digest, "team/ours");

        await ours.SaveAsync(CancellationToken.None);

        var reloaded = NewCache();
        await reloaded.LoadAsync(CancellationToken.None);
        Assert.That(reloaded.Candidates(Host, Digest(7), "x"), Is.EqualTo(new[] { "team/theirs" }));
        Assert.That(reloaded.Candidates(Host, s_digest, "x"), Is.EqualTo(new[] { "team/ours" }));
    }

    [TestCase("not json at all")]
    [TestCase("[]")]
    [TestCase("{\"version\":2,\"registries\":{}}")]
    [TestCase("{\"version\":1,\"registries\":[]}")]
    [TestCase("{\"version\":1,\"registries\":{\"h\":{\"sha256:bad\":{\"repositories\":[\"a\"]}}}}")]
    [TestCase("{\"version\":1,\"registries\":{\"h\":{\"sha256:"
        + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        + "\":{\"repositories\":[\"../x\", 5]}}}}")]
    [TestCase("{\"version\":1,\"registries\":{\"h\":")]
    public async Task LoadAsync_CorruptFile_IsIgnoredAndReplacedOnSave(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CachePath)!);
        await File.WriteAllTextAsync(CachePath, content);
        var cache = NewCache();

        await cache.LoadAsync(CancellationToken.None);
        cache.Record(Host, s_digest, "team/a");
        await cache.SaveAsync(CancellationToken.None);

        Assert.That(cache.Count, Is.EqualTo(1));
        var reloaded = NewCache();
        await reloaded.LoadAsync(CancellationToken.None);
        Assert.That(reloaded.Candidates(Host, s_digest, "x"), Is.EqualTo(new[] { "team/a" }));
    }

    [Test]
    public async Task SaveAsync_FolderCannotBeCreated_DoesNotThrow()
    {
        Directory.CreateDirectory(_work);
        var blocker = Path.Combine(_work, "a-file");
        await File.WriteAllTextAsync(blocker, "x");
        var cache = new BlobLocationCache(
            Path.Combine(blocker, "cache.json"), 10, _time, NullLogger.Instance);
        cache.Record(Host, s_digest, "team/a");

        Assert.DoesNotThrowAsync(() => cache.SaveAsync(CancellationToken.None));
        Assert.That(cache.Candidates(Host, s_digest, "x"), Is.EqualTo(new[] { "team/a" }));
    }

    [Test]
    public void DefaultPath_UnderXdgCacheHome()
    {
        var saved = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "/tmp/xdg-cache-test");

            Assert.That(
                BlobLocationCache.DefaultPath(),
                Is.EqualTo(Path.Combine("/tmp/xdg-cache-test", "planton-registry", "blob-locations.json")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", saved);
        }
    }

    private BlobLocationCache NewCache(int maxBlobs = 100) =>
        new(CachePath, maxBlobs, _time, NullLogger.Instance);

    private static string Digest(int seed) => "sha256:" + seed.ToString("x2").PadLeft(64, '0');
}
