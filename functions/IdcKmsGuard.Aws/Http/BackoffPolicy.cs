using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Aws.Http;

/// <summary>Exponential backoff with full jitter, as the AWS SDKs' standard retry mode does it.</summary>
public sealed record BackoffPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static BackoffPolicy Standard { get; } = new(4, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));

    public TimeSpan DelayBefore(int retry) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry)));

    public static bool IsRetryable(int httpStatus, string errorCode) =>
        httpStatus >= 500 || IsThrottling(httpStatus, errorCode) || errorCode == TransientErrors.RequestTimeout;

    /// <summary>Refused for its rate: the call did not happen, so even a change may be sent again.</summary>
    public static bool IsThrottling(int httpStatus, string errorCode) =>
        httpStatus == 429 || TransientErrors.IsThrottlingCode(errorCode);
}
