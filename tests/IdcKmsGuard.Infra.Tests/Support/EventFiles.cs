using System.Text.Json;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Infra.Tests.Support;

/// <summary>The sample events in events/, the same files the Core tests and `sam local invoke` use.</summary>
internal static class EventFiles
{
    public static IReadOnlyList<string> Names { get; } =
        [.. Directory.GetFiles(RepoPaths.Events).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    public static string Text(string name) => File.ReadAllText(RepoPaths.EventFile(name));

    public static JsonElement Envelope(string name)
    {
        using var document = JsonDocument.Parse(Text(name));
        return document.RootElement.Clone();
    }

    /// <summary>A CloudTrail record of a call that AWS refused (errorCode set): someone tried.</summary>
    public static bool IsFailedCall(string name) =>
        Envelope(name) is var envelope
        && envelope.TryGetProperty("detail", out var detail)
        && detail.ValueKind == JsonValueKind.Object
        && detail.TryGetProperty("errorCode", out var code)
        && code.ValueKind == JsonValueKind.String
        && !string.IsNullOrEmpty(code.GetString());
}
