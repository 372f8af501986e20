using IdcKmsGuard.Aws.Endpoints;

namespace IdcKmsGuard.Aws.Http;

/// <param name="Resource">What the call is about (an ARN), for error messages.</param>
internal sealed record AwsHttpRequest(
    AwsService Service,
    string Operation,
    string Region,
    byte[] Body,
    string ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? Resource);

internal sealed record AwsHttpResponse(byte[] Body, string? RequestId);

/// <summary>An error as the service's protocol spells it.</summary>
internal sealed record AwsError(string Code, string Message, string? RequestId);
