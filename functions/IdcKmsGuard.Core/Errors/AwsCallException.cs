namespace IdcKmsGuard.Core.Errors;

/// <summary>An AWS call failed after retries. Carries what an on-call engineer needs to find it in CloudTrail.</summary>
public sealed class AwsCallException : GuardException
{
    public AwsCallException(
        string service,
        string operation,
        string errorCode,
        string errorMessage,
        string? requestId,
        int? httpStatus,
        string? resource = null,
        Exception? innerException = null)
        : base(Format(service, operation, errorCode, errorMessage, requestId, resource), innerException)
    {
        Service = service;
        Operation = operation;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        HttpStatus = httpStatus;
        Resource = resource;
    }

    public string Service { get; }

    public string Operation { get; }

    public string ErrorCode { get; }

    public string ErrorMessage { get; }

    public string? RequestId { get; }

    public int? HttpStatus { get; }

    public string? Resource { get; }

    public override string ErrorType => "AwsCallFailed";

    public bool IsAccessDenied =>
        ErrorCode is "AccessDeniedException" or "AccessDenied" or "AccessDeniedFault" or "UnauthorizedOperation" or "AuthorizationError";

    /// <summary>AWS refused the call for its rate: it did not happen, and trying again later is safe.</summary>
    public bool IsThrottling => HttpStatus == 429 || TransientErrors.IsThrottlingCode(ErrorCode);

    /// <summary>
    /// No answer, or a server error: the call may or may not have taken effect. A change must be re-read before it
    /// is tried again.
    /// </summary>
    public bool IsAmbiguous => HttpStatus >= 500 || ErrorCode is TransientErrors.NetworkError or TransientErrors.RequestTimeout;

    /// <summary>The same call may well succeed later: Lambda's retry, not a person, should deal with it first.</summary>
    public bool IsTransient => IsThrottling || IsAmbiguous;

    private static string Format(
        string service, string operation, string code, string message, string? requestId, string? resource)
    {
        var on = resource is null ? string.Empty : $" on {resource}";
        var id = requestId is null ? string.Empty : $" (request id {requestId})";
        return $"{service} {operation}{on} failed: {code}: {message}{id}";
    }
}
