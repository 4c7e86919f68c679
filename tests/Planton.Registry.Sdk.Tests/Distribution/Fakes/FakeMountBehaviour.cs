namespace Planton.Registry.Sdk.Tests.Distribution.Fakes;

/// <summary>How the fake registry answers <c>POST …/blobs/uploads/?mount=&amp;from=</c>.</summary>
internal enum FakeMountBehaviour
{
    /// <summary>201 when the source repository holds the blob, else an ordinary 202 upload session.</summary>
    Honour,

    /// <summary>Always an ordinary 202 upload session, as registries without mount support answer.</summary>
    Ignore,

    /// <summary>500 with an error body.</summary>
    Fail,
}
