using System.Buffers;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace Planton.Registry.Benchmarks.Micro;

/// <summary>
/// sha256 over a 64 MiB stream the way a pull verifies a layer: an <see cref="IncrementalHash"/> fed from a pooled
/// buffer (80 KiB, the .NET copy default, against the SDK's 1 MiB), next to <see cref="SHA256.HashDataAsync(Stream,
/// CancellationToken)"/>.
/// </summary>
[MemoryDiagnoser]
public class StreamDigestBenchmarks
{
    private byte[] _content = [];

    [Params(81920, 1024 * 1024)]
    public int BufferSize { get; set; }

    [GlobalSetup]
    public void Setup() => _content = RandomNumberGenerator.GetBytes(64 * 1024 * 1024);

    [Benchmark(Baseline = true)]
    public async Task<string> IncrementalHashOverStream()
    {
        using var stream = new MemoryStream(_content, writable: false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize))) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [Benchmark]
    public async Task<string> HashDataAsync()
    {
        using var stream = new MemoryStream(_content, writable: false);
        return "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }
}
