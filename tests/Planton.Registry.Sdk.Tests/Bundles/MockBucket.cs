using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Moq;
using Planton.Registry.Sdk.Bundles;

namespace Planton.Registry.Sdk.Tests.Bundles;

/// <summary>
/// A Moq'd <see cref="IR2ObjectClient"/> backed by a dictionary, recording every call in order
/// (<c>GET key</c>, <c>PUT key</c>, <c>PART key n offset length</c>, <c>DELETE key</c>, ...).
/// </summary>
internal sealed class MockBucket
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, byte[]>> _uploads = new();
    private int _uploadCounter;

    public MockBucket()
    {
        Mock.Setup(c => c.Dispose());
        Mock.SetupGet(c => c.Bucket).Returns("workers");
        Mock.SetupGet(c => c.Host).Returns("acct.r2.example");
        Mock.SetupGet(c => c.BucketUri).Returns(new Uri("https://acct.r2.example/workers/"));
        Mock.Setup(c => c.GetObjectAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string key, CancellationToken _) =>
            {
                Record($"GET {key}");
                return Task.FromResult(
                    Objects.TryGetValue(key, out var bytes)
                        ? new R2Object(new MemoryStream(bytes), bytes.Length)
                        : null);
            });
        Mock.Setup(c => c.PutFileAsync(
                It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string key, string path, string contentType, CancellationToken _) =>
            {
                Record($"PUT {key}");
                Objects[key] = File.ReadAllBytes(path);
                Modified[key] = LastModified;
                ContentTypes[key] = contentType;
                return Task.CompletedTask;
            });
        Mock.Setup(c => c.PutBytesAsync(
                It.IsAny<string>(),
                It.IsAny<ReadOnlyMemory<byte>>(),
                It.IsAny<string>(),
                It.IsAny<CancellationToken>()))
            .Returns((string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken _) =>
            {
                Record($"PUT {key}");
                Objects[key] = content.ToArray();
                Modified[key] = LastModified;
                ContentTypes[key] = contentType;
                return Task.CompletedTask;
            });
        Mock.Setup(c => c.StartMultipartUploadAsync(
                It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string key, string contentType, CancellationToken _) =>
            {
                Record($"START {key}");
                var id = "upload-" + Interlocked.Increment(ref _uploadCounter);
                _uploads[id] = new ConcurrentDictionary<int, byte[]>();
                ContentTypes[key] = contentType;
                return Task.FromResult(id);
            });
        Mock.Setup(c => c.UploadPartAsync(
                It.IsAny<string>(),
                It.IsAny<string>(),
                It.IsAny<int>(),
                It.IsAny<string>(),
                It.IsAny<long>(),
                It.IsAny<long>(),
                It.IsAny<CancellationToken>()))
            .Returns((string key, string id, int number, string path, long offset, long length, CancellationToken _) =>
            {
                Record($"PART {key} {number} {offset} {length}");
                using var file = File.OpenRead(path);
                file.Seek(offset, SeekOrigin.Begin);
                var part = new byte[length];
                file.ReadExactly(part);
                _uploads[id][number] = part;
                return Task.FromResult($"\"etag-{number}\"");
            });
        Mock.Setup(c => c.CompleteMultipartUploadAsync(
                It.IsAny<string>(),
                It.IsAny<string>(),
                It.IsAny<IReadOnlyList<R2UploadedPart>>(),
                It.IsAny<CancellationToken>()))
            .Returns((string key, string id, IReadOnlyList<R2UploadedPart> parts, CancellationToken _) =>
            {
                Record($"COMPLETE {key} {string.Join(',', parts.Select(p => p.PartNumber))}");
                Objects[key] = [.. parts.SelectMany(p => _uploads[id][p.PartNumber])];
                Modified[key] = LastModified;
                return Task.CompletedTask;
            });
        Mock.Setup(c => c.AbortMultipartUploadAsync(
                It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string key, string id, CancellationToken ct) =>
            {
                Record($"ABORT {key}");
                _uploads.TryRemove(id, out _);
                return Task.CompletedTask;
            });
        Mock.Setup(c => c.ListObjectsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string prefix, CancellationToken token) => ListAsync(prefix, token));
        Mock.Setup(c => c.DeleteObjectAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string key, CancellationToken _) =>
            {
                Record($"DELETE {key}");
                Objects.TryRemove(key, out var removed);
                return Task.CompletedTask;
            });
    }

    public Mock<IR2ObjectClient> Mock { get; } = new(MockBehavior.Strict);

    public ConcurrentDictionary<string, byte[]> Objects { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, DateTimeOffset> Modified { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, string> ContentTypes { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Calls { get; } = new();

    public DateTimeOffset LastModified { get; set; } = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<string> CallsStartingWith(string verb) =>
        [.. Calls.Where(c => c.StartsWith(verb + " ", StringComparison.Ordinal))];

    private void Record(string call) => Calls.Enqueue(call);

    private async IAsyncEnumerable<R2ObjectSummary> ListAsync(
        string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Record($"LIST {prefix}");
        await Task.Yield();
        foreach (var pair in Objects.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
                     .OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new R2ObjectSummary(
                pair.Key, pair.Value.Length, Modified.GetValueOrDefault(pair.Key, LastModified));
        }
    }
}
