using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdcKmsGuard.Core.Alerts;

/// <summary>A rendered alert kept between attempts (a pending alert), as JSON.</summary>
public static class RenderedAlertJson
{
    public static string Write(RenderedAlert alert) => JsonSerializer.Serialize(alert, RenderedAlertJsonContext.Default.RenderedAlert);

    public static RenderedAlert Read(string json) =>
        JsonSerializer.Deserialize(json, RenderedAlertJsonContext.Default.RenderedAlert)
        ?? throw new JsonException("The pending alert is 'null'.");
}

[JsonSerializable(typeof(RenderedAlert))]
internal sealed partial class RenderedAlertJsonContext : JsonSerializerContext;
