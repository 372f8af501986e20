using System.Text;
using System.Text.Json.Nodes;
using IdcKmsGuard.Aws.Tests.Support;

namespace IdcKmsGuard.Aws.Tests.WireFormat;

internal static class WireAssert
{
    public static void SameEnvelope(BotocoreRequest expected, RecordedRequest actual)
    {
        Assert.Equal(expected.Method, actual.Method);
        Assert.Equal(expected.Path, actual.Path);
        Assert.Equal(expected.Target, actual.Header("X-Amz-Target"));
        Assert.Equal(expected.ContentType, actual.Header("Content-Type"));
    }

    /// <summary>
    /// Same JSON document. Not byte-equal on purpose: botocore writes json.dumps' default separators (", " and
    /// ": ") and System.Text.Json writes none, and the two escape different (non-ASCII, HTML-sensitive) characters
    /// as \uXXXX; the service parses either the same way.
    /// </summary>
    public static void SameJsonBody(BotocoreRequest expected, RecordedRequest actual) =>
        Assert.Equal(Canonical(JsonNode.Parse(expected.Body)), Canonical(JsonNode.Parse(actual.Body)));

    /// <summary>Form bodies are compared byte for byte: FormEncoder claims to write exactly what botocore writes.</summary>
    public static void SameFormBody(BotocoreRequest expected, RecordedRequest actual)
    {
        Assert.Equal(Encoding.UTF8.GetString(expected.Body), actual.BodyText);
        Assert.Equal(expected.Body, actual.Body);
    }

    // Sorted members and one escaping rule, so that a difference shows as a readable string diff.
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{JsonValue.Create(p.Key).ToJsonString()}:{Canonical(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
