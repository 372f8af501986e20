namespace IdcKmsGuard.Core.Errors;

/// <summary>The error codes AWS uses for "not now": the SDKs' throttling list, and the two our adapters give a call
/// that got no answer. One list for the thin clients' retries and for the guard's own decisions.</summary>
public static class TransientErrors
{
    public const string NetworkError = "NetworkError";
    public const string RequestTimeout = "RequestTimeout";

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException", "RequestTimeoutException", "IDPCommunicationError",
    };

    public static bool IsThrottlingCode(string errorCode) => ThrottlingCodes.Contains(errorCode);
}
