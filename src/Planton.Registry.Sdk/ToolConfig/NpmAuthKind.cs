namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>Which <c>.npmrc</c> credential lines an <see cref="NpmAuth"/> writes for its registry.</summary>
public enum NpmAuthKind
{
    /// <summary>No credential lines: the entry sets only the registry (and <c>always-auth</c>) and leaves any
    /// credential lines already in the file alone.</summary>
    None,

    /// <summary>A bearer token: <c>//host/path/:_authToken=TOKEN</c>.</summary>
    Token,

    /// <summary>A user name and password: <c>:username=NAME</c> and <c>:_password=BASE64(PASSWORD)</c>.</summary>
    UsernamePassword,

    /// <summary>Basic credentials in one line: <c>:_auth=BASE64(NAME:PASSWORD)</c>.</summary>
    Basic,
}
