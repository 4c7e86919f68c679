namespace Planton.Registry.Sdk;

/// <summary>
/// One entry of the <c>errors</c> array that an OCI registry returns with a failure
/// (<see href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes"/>).
/// </summary>
/// <param name="Code">The error code, such as <c>MANIFEST_UNKNOWN</c> or <c>DENIED</c>.</param>
/// <param name="Message">The registry's message, trimmed to a readable length.</param>
public sealed record OciError(string Code, string Message);
