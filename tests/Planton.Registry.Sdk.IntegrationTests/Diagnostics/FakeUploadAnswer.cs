namespace Planton.Registry.Sdk.IntegrationTests.Diagnostics;

/// <summary>How <see cref="FakeRegistryServer"/> answers an upload session.</summary>
internal enum FakeUploadAnswer
{
    Accept,
    Deny,
    UnknownRepository,
}
