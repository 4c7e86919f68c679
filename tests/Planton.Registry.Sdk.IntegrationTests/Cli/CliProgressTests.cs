using System.Text.Json;

namespace Planton.Registry.Sdk.IntegrationTests.Cli;

/// <summary>
/// <c>push</c> and <c>pull</c> as processes against the basic registry, with standard error redirected: the progress
/// comes as plain lines naming each blob, and standard output keeps only the result.
/// </summary>
[Category("Integration")]
public sealed class CliProgressTests
{
    private string _work = null!;

    [SetUp]
    public void CreateWorkFolder() => _work = Directory.CreateTempSubdirectory("planton-cli-progress-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task PushTwiceThenPull_StandardErrorRedirected_PlainLinesNameEachBlob()
    {
        var tag = "p" + Guid.NewGuid().ToString("N");
        var layout = Path.Combine(_work, "layout");
        var manifest = await Distribution.ExternalTools.MakeOciLayoutAsync(layout, tag);
        var blobs = Directory.GetFiles(Path.Combine(layout, "blobs", "sha256"))
            .Select(f => "sha256:" + Path.GetFileName(f))
            .Where(d => d != manifest)
            .ToList();
        var url = LoopbackServers.Require("PLANTON_REGISTRY_URL");
        var host = new Uri(url).Authority;
        var connection = WriteConnection(url);
        var image = "cli/progress-" + Guid.NewGuid().ToString("N")[..8];
        string[] push = ["push", "--connection", connection, "--layout", layout, "--image", image, "--tag", tag];

        var first = await ProcessRunner.RunCliAsync(push);
        var again = await ProcessRunner.RunCliAsync(push);
        var pulled = Path.Combine(_work, "pulled");
        var pull = await ProcessRunner.RunCliAsync(
            ["pull", "--connection", connection, "--ref", $"{host}/{image}:{tag}", "--layout", pulled]);
        var quiet = await ProcessRunner.RunCliAsync([.. push, "--progress", "none"]);

        Assert.That(blobs, Has.Count.EqualTo(2));
        foreach (var result in new[] { first, again, pull, quiet })
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
        }

        Assert.Multiple(() =>
        {
            Assert.That(first.StandardOutput.Trim(), Is.EqualTo($"{host}/{image}:{tag}@{manifest}"));
            Assert.That(pull.StandardOutput.Trim(), Is.EqualTo($"{host}/{image}@{manifest}"));
            foreach (var blob in blobs)
            {
                var shown = blob[..("sha256:".Length + 12)];
                var size = new FileInfo(Path.Combine(layout, "blobs", "sha256", blob["sha256:".Length..])).Length;
                Assert.That(Lines(first, shown), Is.EqualTo(new[] { $"{shown} uploading {size} B", $"{shown} done" }));
                Assert.That(Lines(again, shown), Is.EqualTo(new[] { $"{shown} skipped (present)" }));
                Assert.That(
                    Lines(pull, shown), Is.EqualTo(new[] { $"{shown} downloading {size} B", $"{shown} done" }));
                Assert.That(Lines(quiet, shown), Is.Empty);
            }

            Assert.That(first.StandardError, Does.Not.Contain("\u001b["), "no cursor moves when redirected");
        });
    }

    private static List<string> Lines(ProcessResult result, string prefix) =>
        result.StandardError.Split('\n', StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();

    private string WriteConnection(string url)
    {
        var path = Path.Combine(_work, "basic.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Name = "basic",
            Provider = "OciRegistry",
            OciRegistry = new
            {
                Url = url,
                Username = LoopbackServers.Require("PLANTON_REGISTRY_USER"),
                Password = LoopbackServers.Require("PLANTON_REGISTRY_PASSWORD"),
            },
        }));
        return path;
    }
}
