using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// The body of a blob upload: <c>length</c> bytes of a file from <c>offset</c>, read with positional reads into one
/// pooled buffer of <see cref="DistributionLimits.TransferBufferSize"/> and written straight to the connection.
/// Nothing is held beyond that buffer, and the file is opened only while the body is being sent.
/// </summary>
internal sealed class FileRangeContent : HttpContent
{
    private readonly string _path;
    private readonly long _offset;
    private readonly long _length;

    public FileRangeContent(string path, long offset, long length)
    {
        _path = path;
        _offset = offset;
        _length = length;
        Headers.ContentLength = length;
        Headers.ContentType = new MediaTypeHeaderValue(OciMediaTypes.OctetStream);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(
        Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var handle = File.OpenHandle(
            _path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var bufferSize = (int)Math.Min(DistributionLimits.TransferBufferSize, Math.Max(1, _length));
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        var transfer = BlobTransfer.Current;
        try
        {
            var position = _offset;
            var remaining = _length;
            transfer?.OnBytes(position, 0);
            while (remaining > 0)
            {
                var wanted = (int)Math.Min(buffer.Length, remaining);
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, wanted), position, cancellationToken)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException(
                        $"The file {Path.GetFileName(_path)} ended {remaining} bytes before the descriptor's size.");
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                position += read;
                remaining -= read;
                transfer?.OnBytes(position, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
