using System.Net.Http.Headers;
using System.Text.Json;

namespace IdcKmsGuard.Aws.Http;

/// <summary>awsJson1_0/1_1 errors: {"__type": "ns#Code", "message" or "Message": ..., "Reason": ...}.</summary>
internal sealed class JsonErrorReader : IAwsErrorReader
{
    public static JsonErrorReader Instance { get; } = new();

    public AwsError Read(int httpStatus, byte[] body, HttpResponseHeaders headers)
    {
        string? type = null, message = null, reason = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    switch (property.Name)
                    {
                        case "__type" or "code" or "Code": type ??= value; break;
                        case "message" or "Message": message ??= value; break;
                        case "Reason": reason = value; break;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A proxy or load balancer answered instead of the service: fall back to the status line.
        }

        type ??= headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        var code = Clean(type) ?? $"Http{httpStatus}";
        message ??= body.Length == 0 ? $"HTTP {httpStatus} with an empty body" : $"HTTP {httpStatus}";
        return new AwsError(code, reason is null ? message : $"{message} [Reason: {reason}]", AwsHttpClient.RequestIdOf(headers));
    }

    // "com.amazonaws.sso#ValidationException" and "ValidationException:http://internal.amazon.com/..." both mean ValidationException.
    private static string? Clean(string? type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return null;
        }

        var start = type.LastIndexOf('#') + 1;
        var end = type.IndexOf(':', start);
        return end < 0 ? type[start..] : type[start..end];
    }
}
