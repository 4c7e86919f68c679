using System.Net;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Credentials.Aws;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Providers.Aws;

namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>Push permission (an upload session opened and cancelled) and the repository's existence.</summary>
internal sealed partial class ConnectionTester
{
    private static readonly string[] s_missingRepositoryCodes = ["NAME_UNKNOWN"];
    private static readonly string[] s_deniedCodes = ["DENIED", "UNAUTHORIZED"];

    private async Task<StepResult> CheckPermissionAsync(ConnectionTestRun run, CancellationToken cancellationToken)
    {
        if (run.Provider.Kind == Connections.RegistryProviderKind.AwsEcr && !run.ImageGiven)
        {
            return StepResult.Skip(EcrNeedsImage);
        }

        if (run.PushRefusal is { } refusal)
        {
            return StepResult.Fail(ConnectionTestFailure.Permission, refusal);
        }

        if (run.Provider is EcrRegistryProvider ecrProvider
            && await DescribeEcrRepositoryAsync(run, ecrProvider, cancellationToken).ConfigureAwait(false) is { } told)
        {
            return told;
        }

        var uploads = run.RepositoryUri("blobs/uploads/");
        HttpResponseMessage response;
        try
        {
            var sent = await SendWithChallengeAsync(run, HttpMethod.Post, uploads, cancellationToken)
                .ConfigureAwait(false);
            if (sent.Failure is { } failure)
            {
                return failure;
            }

            response = sent.Response!;
        }
        catch (HttpRequestException e) when (run.Provider is EcrRegistryProvider ecr && IsDroppedConnection(e))
        {
            return ecr.Options.CreateRepositoryIfMissing
                ? StepResult.Skip(
                    $"not known yet: ECR dropped the upload to {run.Repository}, as it does for a repository that does "
                    + "not exist; CreateRepositoryIfMissing creates it before the first push")
                : StepResult.Fail(
                    ConnectionTestFailure.Repository,
                    $"ECR dropped the connection on an upload to {run.Repository}, as it does when the repository "
                    + "does not exist",
                    ConnectionTestStage.Repository);
        }
        catch (HttpRequestException e)
        {
            return StepResult.Fail(ConnectionTestFailure.Host, $"POST {uploads.AbsolutePath} failed: {e.Message}");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var cancelled = await CancelUploadAsync(run, uploads, response.Headers.Location, cancellationToken)
                    .ConfigureAwait(false);
                return StepResult.Pass($"{run.Who} opened an upload session in {run.Repository}; {cancelled}");
            }

            var errors = await ReadErrorsAsync(response, cancellationToken).ConfigureAwait(false);
            var answer = Describe(response.StatusCode, errors);
            if (response.StatusCode == HttpStatusCode.NotFound || HasCode(errors, s_missingRepositoryCodes))
            {
                return StepResult.Fail(
                    ConnectionTestFailure.Repository,
                    $"the registry says {run.Repository} does not exist: the upload was refused with {answer}",
                    ConnectionTestStage.Repository);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var insufficient = WwwAuthenticateParser.Parse(RawChallenges(response))
                    .Any(c => string.Equals(c.Error, "insufficient_scope", StringComparison.Ordinal));
                return StepResult.Fail(
                    ConnectionTestFailure.Permission,
                    insufficient
                        ? $"the token issued to {run.Who} does not grant push to {run.Repository} ({answer}, "
                          + "insufficient_scope)"
                        : $"{run.Who} may not push to {run.Repository}: the upload was refused with {answer}");
            }

            if (response.StatusCode == HttpStatusCode.Forbidden || HasCode(errors, s_deniedCodes))
            {
                return StepResult.Fail(
                    ConnectionTestFailure.Permission,
                    $"{run.Who} may not push to {run.Repository}: the upload was refused with {answer}");
            }

            if (response.StatusCode == HttpStatusCode.MethodNotAllowed)
            {
                return StepResult.Fail(
                    ConnectionTestFailure.Permission,
                    $"the registry takes no uploads to {run.Repository} ({answer}): a read-only mirror, a pull-through "
                    + "cache or a virtual repository without a deployment target?");
            }

            return StepResult.Fail(
                ConnectionTestFailure.Host, $"POST {uploads.AbsolutePath} was answered with {answer}");
        }
    }

    private async Task<StepResult> CheckRepositoryAsync(ConnectionTestRun run, CancellationToken cancellationToken)
    {
        var ecr = run.Provider as EcrRegistryProvider;
        if (ecr is not null && !run.ImageGiven)
        {
            return StepResult.Skip(EcrNeedsImage);
        }

        switch (run.EcrRepositoryExists)
        {
            case true:
                return StepResult.Pass($"{run.Repository} exists (ECR DescribeRepositories)");
            case false:
                return StepResult.Pass(
                    $"{run.Repository} does not exist yet; CreateRepositoryIfMissing creates it before the first push");
        }

        var tags = run.RepositoryUri("tags/list?n=1");
        HttpResponseMessage response;
        try
        {
            var sent = await SendWithChallengeAsync(run, HttpMethod.Get, tags, cancellationToken).ConfigureAwait(false);
            if (sent.Failure is not null)
            {
                return StepResult.Skip($"could not tell whether {run.Repository} exists: listing its tags was refused");
            }

            response = sent.Response!;
        }
        catch (HttpRequestException e)
        {
            return StepResult.Skip($"could not tell whether {run.Repository} exists: {e.Message}");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return StepResult.Pass($"{run.Repository} exists");
            }

            var errors = await ReadErrorsAsync(response, cancellationToken).ConfigureAwait(false);
            var answer = Describe(response.StatusCode, errors);
            if (response.StatusCode != HttpStatusCode.NotFound && !HasCode(errors, s_missingRepositoryCodes))
            {
                return StepResult.Skip(
                    $"could not tell whether {run.Repository} exists: GET tags/list answered {answer}");
            }

            if (ecr is null)
            {
                return StepResult.Pass(
                    $"{run.Repository} holds no image yet; the registry creates it on the first push");
            }

            return ecr.Options.CreateRepositoryIfMissing
                ? StepResult.Pass(
                    $"{run.Repository} does not exist yet; CreateRepositoryIfMissing creates it before the first push")
                : StepResult.Fail(
                    ConnectionTestFailure.Repository,
                    $"{run.Repository} does not exist, and ECR does not create repositories on push ({answer})");
        }
    }

    /// <summary>
    /// Asks ECR's API whether the repository exists, as a push does before it starts: ECR drops an upload to a
    /// missing repository instead of answering it. Null when the upload probe should go ahead: the repository exists,
    /// or the keys may not call <c>DescribeRepositories</c> (then the probe tells instead).
    /// </summary>
    private async Task<StepResult?> DescribeEcrRepositoryAsync(
        ConnectionTestRun run, EcrRegistryProvider ecr, CancellationToken cancellationToken)
    {
        EcrRepository? repository;
        try
        {
            repository = await _ecr.DescribeRepositoryAsync(ecr.Options, run.Repository, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RegistryException)
        {
            return null;
        }

        run.EcrRepositoryExists = repository is not null;
        if (repository is not null)
        {
            return null;
        }

        return ecr.Options.CreateRepositoryIfMissing
            ? StepResult.Skip(
                $"not known yet: {run.Repository} does not exist, and ECR tells push permission only for a repository "
                + "that does; CreateRepositoryIfMissing creates it before the first push")
            : StepResult.Fail(
                ConnectionTestFailure.Repository,
                $"ECR says {run.Repository} does not exist in account {ecr.Options.AccountId?.Trim()}, region "
                + $"{ecr.Options.Region?.Trim()} (DescribeRepositories), and ECR does not create repositories on push",
                ConnectionTestStage.Repository);
    }

    private const string EcrNeedsImage =
        "not checked: ECR keeps one repository per image; name the image to check it";

    /// <summary>
    /// Sends a request with the authorization <c>/v2/</c> accepted. A 401 is answered once more when it can be
    /// cured: an open <c>/v2/</c> that wants credentials for the repository after all, or a Bearer challenge for a
    /// scope the token lacks.
    /// </summary>
    private async Task<(HttpResponseMessage? Response, StepResult? Failure)> SendWithChallengeAsync(
        ConnectionTestRun run, HttpMethod method, Uri uri, CancellationToken cancellationToken)
    {
        var response = await SendAsync(run, method, uri, run.Authorization, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return (response, null);
        }

        var own = new RegistryScope(run.Endpoint.Host, run.Repository, RegistryAccess.PullPush).ToTokenScope();
        var challenges = WwwAuthenticateParser.Parse(RawChallenges(response));
        var challenge = AuthenticationChallenge.ChooseUsable(challenges);
        var asked = challenge?.Scope;
        var cure = challenge is not null
            && ((run.Authorization is null && run.Credential is not null)
                || (challenge.IsBearer && asked is { Length: > 0 } && asked != own));
        if (!cure)
        {
            return (response, null);
        }

        var scopes = asked is { Length: > 0 } && asked != own ? new[] { own, asked } : [own];
        var (authorization, _, failure) = await AuthorizeAsync(run, challenge!, scopes, cancellationToken)
            .ConfigureAwait(false);
        if (failure is { } refused)
        {
            response.Dispose();
            return (null, refused.Failure == ConnectionTestFailure.Credentials
                ? refused with { Failure = ConnectionTestFailure.Permission }
                : refused);
        }

        response.Dispose();
        return (await SendAsync(run, method, uri, authorization, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>Cancels an upload session with <c>DELETE &lt;location&gt;</c>; says how that went.</summary>
    private async Task<string> CancelUploadAsync(
        ConnectionTestRun run, Uri uploads, Uri? location, CancellationToken cancellationToken)
    {
        if (location is null)
        {
            return "the registry gave no Location to cancel it at; it expires by itself";
        }

        var target = location.IsAbsoluteUri ? location : new Uri(uploads, location);
        if (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp)
        {
            return "its Location is not http(s); it expires by itself";
        }

        try
        {
            // Token registries may want a token with the delete action for this; the challenge says so.
            var sent = await SendWithChallengeAsync(run, HttpMethod.Delete, target, cancellationToken)
                .ConfigureAwait(false);
            if (sent.Failure is not null)
            {
                return "cancelling it was refused; it expires by itself";
            }

            using var response = sent.Response!;
            return response.IsSuccessStatusCode
                ? "cancelled it"
                : $"cancelling it was answered with {(int)response.StatusCode}; it expires by itself";
        }
        catch (HttpRequestException)
        {
            return "cancelling it failed; it expires by itself";
        }
    }

    private static async Task<IReadOnlyList<OciError>> ReadErrorsAsync(
        HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await BoundedContent.TryReadAsync(
                response.Content, DistributionLimits.MaxErrorBodyBytes, cancellationToken)
            .ConfigureAwait(false);
        return body is null ? [] : RegistryErrors.ParseErrors(body);
    }

    private static string Describe(HttpStatusCode status, IReadOnlyList<OciError> errors)
    {
        var text = $"{(int)status} {status}";
        foreach (var error in errors.Take(3))
        {
            text += $", {error.Code}: {error.Message}";
        }

        return text;
    }

    private static bool HasCode(IReadOnlyList<OciError> errors, string[] codes) =>
        errors.Any(e => codes.Contains(e.Code, StringComparer.Ordinal));

    /// <summary>True when the connection opened but the answer never came: ECR's way of refusing.</summary>
    private static bool IsDroppedConnection(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse
            or HttpRequestError.Unknown
        || e.InnerException is IOException;
}
