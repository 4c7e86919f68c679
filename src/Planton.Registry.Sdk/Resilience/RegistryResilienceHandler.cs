using Polly;
using Polly.Timeout;

namespace Planton.Registry.Sdk.Resilience;

/// <summary>
/// Sends each request through the <see cref="RegistryResiliencePipeline"/>. A retried request is the same message
/// sent again, which is why only bodiless and in-memory bodies are retried. When the total timeout ends a request,
/// the caller sees a <see cref="TaskCanceledException"/> holding a <see cref="TimeoutException"/>, as with
/// <see cref="HttpClient.Timeout"/>.
/// </summary>
internal sealed class RegistryResilienceHandler : DelegatingHandler
{
    private readonly RegistryResiliencePipeline _pipeline;

    public RegistryResilienceHandler(RegistryResiliencePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
    }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RegistryResiliencePipeline.RequestKey, request);
        try
        {
            var outcome = await _pipeline.Pipeline.ExecuteOutcomeAsync(
                    static async (ctx, state) =>
                    {
                        try
                        {
                            var response = await state.Handler.SendOnceAsync(state.Request, ctx.CancellationToken)
                                .ConfigureAwait(false);
                            return Outcome.FromResult(response);
                        }
                        catch (Exception ex)
                        {
                            return Outcome.FromException<HttpResponseMessage>(ex);
                        }
                    },
                    context,
                    (Handler: this, Request: request))
                .ConfigureAwait(false);
            if (RegistryResiliencePipeline.CanReplay(request) && !cancellationToken.IsCancellationRequested)
            {
                LogFailure(request, outcome, context.Properties.GetValue(RegistryResiliencePipeline.RetriesKey, 0));
            }

            if (outcome.Exception is TimeoutRejectedException rejected)
            {
                throw new TaskCanceledException(
                    $"The request timed out after {rejected.Timeout.TotalSeconds:0.###} s.",
                    new TimeoutException(rejected.Message, rejected));
            }

            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private void LogFailure(HttpRequestMessage request, Outcome<HttpResponseMessage> outcome, int retries)
    {
        var uri = RegistryRequestFailedException.StripQuery(request.RequestUri!);
        if (outcome.Exception is TimeoutRejectedException timeout
            && timeout.Timeout == _pipeline.Options.TotalRequestTimeout)
        {
            ResilienceLog.TimedOut(_pipeline.Logger, request.Method.Method, uri, timeout.Timeout.TotalSeconds);
        }
        else if (IsTransientFailure(outcome))
        {
            ResilienceLog.GaveUp(
                _pipeline.Logger, request.Method.Method, uri, RegistryResiliencePipeline.Reason(outcome), retries + 1);
        }
    }

    private static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? RegistryResiliencePipeline.IsTransient(exception)
            : outcome.Result is { } response && RegistryResiliencePipeline.IsTransient(response.StatusCode);
}
