using System.Text.Json;

namespace IdcKmsGuard.Lambda.Runtime.Logging;

// Powertools v2 writes {"type","message","source","stack_trace"}; inner_exception is ours, because adapters wrap
// AWS errors and the AWS error code lives in the inner exception.
internal static class ExceptionJson
{
    private const int MaxInnerDepth = 4;

    public static void Write(Utf8JsonWriter json, Exception exception, int depth = 0)
    {
        json.WriteStartObject();
        json.WriteString("type", exception.GetType().FullName);
        json.WriteString("message", exception.Message);
        if (exception.Source is { } source)
        {
            json.WriteString("source", source);
        }

        if (exception.StackTrace is { } stackTrace)
        {
            json.WriteString("stack_trace", stackTrace);
        }

        if (exception.InnerException is { } inner && depth < MaxInnerDepth)
        {
            json.WritePropertyName("inner_exception");
            Write(json, inner, depth + 1);
        }

        json.WriteEndObject();
    }
}
