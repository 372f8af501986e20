namespace IdcKmsGuard.Aws.Tests.Support;

/// <summary>One answer of <see cref="ScriptedAwsServer"/>, sent after <paramref name="Delay"/>.</summary>
internal sealed record ScriptedResponse(
    int Status,
    string Body,
    string ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    TimeSpan Delay = default)
{
    public static ScriptedResponse Json(int status, string body, string? requestId = null) =>
        new(status, body, "application/x-amz-json-1.1", RequestIdHeader(requestId));

    public static ScriptedResponse Xml(int status, string body, string? requestId = null) =>
        new(status, body, "text/xml", RequestIdHeader(requestId));

    public static ScriptedResponse Html(int status, string body) => new(status, body, "text/html", []);

    private static KeyValuePair<string, string>[] RequestIdHeader(string? requestId) =>
        requestId is null ? [] : [new("x-amzn-RequestId", requestId)];
}
