using System.Text.Json;

namespace IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

internal sealed record RecordedPost(string RequestId, string Body, string? ErrorTypeHeader, string? ContentType)
{
    public string ErrorTypeInBody => Json().RootElement.GetProperty("errorType").GetString()!;

    public string ErrorMessageInBody => Json().RootElement.GetProperty("errorMessage").GetString()!;

    public JsonDocument Json() => JsonDocument.Parse(Body);
}
