namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Reads <c>length</c> bytes of a file from <c>offset</c> without buffering them: the body of one chunk of a
/// chunked upload. Owns the file handle it opens.
/// </summary>
internal sealed class FileSliceStream : Stream
{
    private readonly FileStream _file;
    private readonly long _length;
    private long _read;

    public FileSliceStream(string path, long offset, long length)
    {
        _file = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        _file.Seek(offset, SeekOrigin.Begin);
        _length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var allowed = (int)Math.Min(buffer.Length, _length - _read);
        if (allowed <= 0)
        {
            return 0;
        }

        var read = _file.Read(buffer[..allowed]);
        _read += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var allowed = (int)Math.Min(buffer.Length, _length - _read);
        if (allowed <= 0)
        {
            return 0;
        }

        var read = await _file.ReadAsync(buffer[..allowed], cancellationToken).ConfigureAwait(false);
        _read += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }

        base.Dispose(disposing);
    }
}
