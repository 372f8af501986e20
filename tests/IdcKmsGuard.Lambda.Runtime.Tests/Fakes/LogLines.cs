using System.Text;
using System.Text.Json;

namespace IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

internal static class LogLines
{
    // Every line must parse on its own: that is the contract with Lambda's log capture.
    public static IReadOnlyList<JsonElement> Parse(MemoryStream stream)
    {
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.True(text.Length == 0 || text.EndsWith('\n'), "The last log line is not terminated.");
        return text
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
    }

    public static string? StringOrNull(this JsonElement line, string key) =>
        line.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
