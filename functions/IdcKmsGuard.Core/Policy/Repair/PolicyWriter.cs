using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IdcKmsGuard.Core.Policy.Repair;

internal static class PolicyWriter
{
    // Key policies are read by people and by KMS, never embedded in HTML: no \u0022-style escapes.
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => Write(node, Indented);

    /// <summary>For statements added to an existing policy: every byte counts toward KMS's 32 KB.</summary>
    public static string WriteCompact(JsonNode node) => Write(node, Compact);

    private static string Write(JsonNode node, JsonWriterOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            node.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
