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
    string? Resource)
{
    /// <summary>
    /// False for a change whose repeat is not harmless: after an answer that may have been lost (a server error, a
    /// broken connection, a timeout) it is not sent again blindly; the caller re-reads and decides. Throttled
    /// calls did not happen and are always retried.
    /// </summary>
    public bool SafeToRepeat { get; init; } = true;

    /// <summary>GET for REST reads (Lambda); POST to the endpoint's root otherwise.</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Post;

    /// <summary>A REST operation's path and query, percent-encoded; null for the root.</summary>
    public string? PathAndQuery { get; init; }
}

internal sealed record AwsHttpResponse(byte[] Body, string? RequestId);

/// <summary>An error as the service's protocol spells it.</summary>
internal sealed record AwsError(string Code, string Message, string? RequestId);
