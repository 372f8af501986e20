using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IdcKmsGuard.Benchmarks.Policies;

/// <summary>Policy JSON as people write it: two-space indentation (or none), no \u-escapes of ordinary characters.</summary>
internal static class PolicyText
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node, bool indented) => Encoding.UTF8.GetString(Utf8(node, indented));

    public static int ByteCount(JsonNode node, bool indented) => Utf8(node, indented).Length;

    private static byte[] Utf8(JsonNode node, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            node.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
