namespace Planton.Registry.Benchmarks;

/// <summary>A thread-safe count shared by every handler instance the HTTP client factory builds.</summary>
internal sealed class RequestCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);
}
