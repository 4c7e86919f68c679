namespace Planton.Registry.Sdk.Bundles;

/// <summary>An object opened for reading; disposing it closes the response.</summary>
internal sealed class R2Object : IAsyncDisposable
{
    private readonly IDisposable? _owner;

    /// <summary>Wraps an open object.</summary>
    /// <param name="content">The body stream.</param>
    /// <param name="length">The length the server announced, or null.</param>
    /// <param name="owner">What else to dispose with the stream (the response), or null.</param>
    public R2Object(Stream content, long? length, IDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content;
        Length = length;
        _owner = owner;
    }

    /// <summary>The body stream.</summary>
    public Stream Content { get; }

    /// <summary>The length the server announced, or null.</summary>
    public long? Length { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _owner?.Dispose();
    }
}
