namespace Planton.Registry.Sdk.Tests.Distribution.Fakes;

/// <summary>A read-only stream over bytes that gives at most <c>maxPerRead</c> bytes a read, as sockets do.</summary>
internal sealed class TricklingStream : MemoryStream
{
    private readonly int _maxPerRead;

    public TricklingStream(byte[] content, int maxPerRead)
        : base(content, writable: false)
    {
        _maxPerRead = maxPerRead;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        base.Read(buffer, offset, Math.Min(count, _maxPerRead));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.ReadAsync(buffer[..Math.Min(buffer.Length, _maxPerRead)], cancellationToken);
}
