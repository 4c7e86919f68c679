using System.Globalization;
using Microsoft.Extensions.Options;

namespace Planton.Registry.Sdk.Resilience;

/// <summary>
/// Checks <see cref="RegistryResilienceOptions"/> when the host starts; every message names the field, states the
/// rule and the value it found.
/// </summary>
internal sealed class RegistryResilienceOptionsValidator : IValidateOptions<RegistryResilienceOptions>
{
    private const string Prefix = RegistryResilienceOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, RegistryResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every rule the options break, one message each.</summary>
    public static List<string> Failures(RegistryResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Count(failures, nameof(options.MaxRetryAttempts), options.MaxRetryAttempts,
            RegistryResilienceOptions.MaxRetryAttemptsLimit);
        Count(failures, nameof(options.MaxUploadResumes), options.MaxUploadResumes,
            RegistryResilienceOptions.MaxUploadResumesLimit);
        Span(failures, nameof(options.BaseDelay), options.BaseDelay, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Span(failures, nameof(options.MaxDelay), options.MaxDelay, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        Span(failures, nameof(options.MaxRetryAfter), options.MaxRetryAfter, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        Span(failures, nameof(options.AttemptTimeout), options.AttemptTimeout, TimeSpan.FromSeconds(1),
            TimeSpan.FromHours(1));
        Span(failures, nameof(options.TotalRequestTimeout), options.TotalRequestTimeout, TimeSpan.FromSeconds(1),
            TimeSpan.FromDays(1));
        Span(failures, nameof(options.BlobTransferTimeout), options.BlobTransferTimeout, TimeSpan.FromSeconds(1),
            TimeSpan.FromDays(7));
        if (options.MaxDelay < options.BaseDelay)
        {
            failures.Add(
                $"{Prefix}MaxDelay must be at least BaseDelay; MaxDelay is {Show(options.MaxDelay)} and BaseDelay is "
                + $"{Show(options.BaseDelay)}.");
        }

        if (options.TotalRequestTimeout <= options.AttemptTimeout)
        {
            failures.Add(
                $"{Prefix}TotalRequestTimeout must be longer than AttemptTimeout; TotalRequestTimeout is "
                + $"{Show(options.TotalRequestTimeout)} and AttemptTimeout is {Show(options.AttemptTimeout)}.");
        }

        return failures;
    }

    private static void Count(List<string> failures, string field, int value, int max)
    {
        if (value < 0 || value > max)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture, $"{Prefix}{field} must be between 0 and {max}; it is {value}."));
        }
    }

    private static void Span(List<string> failures, string field, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{Prefix}{field} must be between {Show(min)} and {Show(max)}; it is {Show(value)}.");
        }
    }

    private static string Show(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
