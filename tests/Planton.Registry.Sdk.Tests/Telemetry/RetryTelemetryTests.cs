using System.Net;
using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Resilience;
using Planton.Registry.Sdk.Telemetry;
using Planton.Registry.Sdk.Tests.Distribution.Fakes;
using Planton.Registry.Sdk.Tests.Resilience;

namespace Planton.Registry.Sdk.Tests.Telemetry;

/// <summary>
/// <c>planton.registry.retries</c>: counted where the resilience pipeline sends a request again and where an
/// interrupted upload is resumed, with the host, method and cause, never the query.
/// </summary>
public sealed class RetryTelemetryTests
{
    private const string Signature = "X-Amz-Signature-S3cret";

    [Test]
    public async Task ResilienceHandler_TransientStatusThenConnectionFailure_CountsTwoRetriesWithTheirCauses()
    {
        var host = "retry-" + Guid.NewGuid().ToString("N")[..8] + ".test";
        var uri = new Uri($"https://{host}/v2/team/app/manifests/v1?sig={Signature}");
        var stub = new StubHandler((_, call) => call switch
        {
            1 => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            2 => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"),
            _ => new HttpResponseMessage(HttpStatusCode.OK),
        });
        var options = new RegistryResilienceOptions { MaxRetryAttempts = 4, BaseDelay = TimeSpan.Zero };
        var handler = new RegistryResiliencePipeline(
                options, new FakeTimeProvider(), new CapturingLogger<RegistryResilienceHandler>())
            .CreateHandler();
        handler.InnerHandler = stub;
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var recorder = new TelemetryRecorder();

        using var response = await http.GetAsync(uri);

        var retries = recorder.MeasurementsOf("planton.registry.retries")
            .Where(m => m.Tags["server.address"] == host)
            .ToList();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(retries, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(retries.Select(r => r.Value), Has.All.EqualTo(1));
            Assert.That(retries.Select(r => r.Tags["planton.registry.retry.kind"]), Has.All.EqualTo("request"));
            Assert.That(retries.Select(r => r.Tags["http.request.method"]), Has.All.EqualTo("GET"));
            Assert.That(retries[0].Tags["http.response.status_code"], Is.EqualTo("503"));
            Assert.That(retries[0].Tags.ContainsKey("error.type"), Is.False);
            Assert.That(retries[1].Tags["error.type"], Is.EqualTo(typeof(HttpRequestException).FullName));
            Assert.That(retries[1].Tags.ContainsKey("http.response.status_code"), Is.False);
            Assert.That(recorder.AllTagValues().Where(v => v.Contains(Signature, StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public async Task PushAsync_UploadDropsMidBody_CountsOneUploadResume()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(3000);
        var dropped = 0;
        registry.Intercept = (request, route) =>
        {
            if (request.Method == HttpMethod.Put && request.Content?.Headers.ContentLength == 3000
                && Interlocked.Increment(ref dropped) == 1)
            {
                registry.ReceivePartially(request.RequestUri!.AbsolutePath.Split('/')[^1], image.Layers[0][..1200]);
                throw new HttpRequestException("The response ended prematurely.");
            }

            return route();
        };
        var work = Directory.CreateTempSubdirectory("planton-retry-telemetry-").FullName;
        try
        {
            image.WriteLayout(work, "v1");
            var layout = await OciImageLayout.OpenAsync(work);
            var repository = "team/resume-" + Guid.NewGuid().ToString("N")[..8];
            var progress = new RecordingProgress();
            using var recorder = new TelemetryRecorder();

            await OciRegistryClient.Create(new HttpClient(registry)).PushAsync(
                RegistryEndpoint.Create(FakeRegistry.RegistryBase), StaticCredentialSource.Anonymous, repository,
                layout, "v1",
                new PushOptions
                {
                    UploadStrategy = UploadStrategy.Monolithic, ChunkSize = 1000, MaxParallelBlobs = 1,
                    Progress = progress,
                });

            var resume = recorder.MeasurementsOf("planton.registry.retries")
                .Single(m => m.Tags["planton.registry.retry.kind"] == "upload_resume");
            var layer = progress.Of(FakeRegistry.Sha256(image.Layers[0]));
            Assert.Multiple(() =>
            {
                Assert.That(resume.Tags["server.address"], Is.EqualTo("registry.test"));
                Assert.That(resume.Tags["http.request.method"], Is.EqualTo("PUT"));
                Assert.That(resume.Tags["error.type"], Is.EqualTo(typeof(HttpRequestException).FullName));
                Assert.That(layer[0].State, Is.EqualTo(BlobTransferState.Started));
                Assert.That(layer[^1], Is.EqualTo(layer[0] with
                {
                    State = BlobTransferState.Completed,
                    BytesTransferred = 3000,
                    FinishedBlobs = layer[^1].FinishedBlobs,
                }));
                Assert.That(
                    recorder.MeasurementsOf("planton.registry.bytes.uploaded").Sum(m => m.Value),
                    Is.GreaterThanOrEqualTo(image.Config.Length + 3000));
            });
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Test]
    public void RecordRetry_RequestWithQuery_KeepsTheHostOnly()
    {
        using var recorder = new TelemetryRecorder();

        RegistryTelemetry.RecordRetry(
            "request",
            new Uri("https://retry-host.test:8443/v2/x/blobs/uploads/abc?X-Amz-Signature=" + Signature),
            "PATCH",
            HttpStatusCode.ServiceUnavailable,
            null);

        var retry = recorder.MeasurementsOf("planton.registry.retries")
            .Single(m => m.Tags["server.address"] == "retry-host.test:8443");
        Assert.Multiple(() =>
        {
            Assert.That(retry.Tags["http.request.method"], Is.EqualTo("PATCH"));
            Assert.That(retry.Tags["http.response.status_code"], Is.EqualTo("503"));
            Assert.That(retry.Tags.Values.Where(v => v!.Contains(Signature, StringComparison.Ordinal)), Is.Empty);
        });
    }
}
