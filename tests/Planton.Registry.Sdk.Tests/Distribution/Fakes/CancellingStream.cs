namespace Planton.Registry.Sdk.Tests.Distribution.Fakes;

/// <summary>
/// A read-only stream that gives its first <c>cancelAfter</c> bytes, then cancels a token source and honours the
/// cancellation, as a download interrupted by the user does.
/// </summary>
internal sealed class CancellingStream : MemoryStream
{
    private readonly int _cancelAfter;
    private readonly CancellationTokenSource _source;

    public CancellingStream(byte[] content, int cancelAfter, CancellationTokenSource source)
        : base(content, writable: false)
    {
        _cancelAfter = cancelAfter;
        _source = source;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Position >= _cancelAfter)
        {
            await _source.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            _source.Token.ThrowIfCancellationRequested();
        }

        var allowed = (int)Math.Min(buffer.Length, _cancelAfter - Position);
        return await base.ReadAsync(buffer[..Math.Max(allowed, 1)], cancellationToken);
    }
}
