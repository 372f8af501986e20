using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdcKmsGuard.Cli.Commands;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(InspectedEvent))]
[JsonSerializable(typeof(PolicyCheckDocument))]
[JsonSerializable(typeof(RepairDocument))]
[JsonSerializable(typeof(List<IdcKmsGuard.Cli.Replay.ReplayEntry>))]
[JsonSerializable(typeof(IdcKmsGuard.Cli.Audit.AuditDocument))]
[JsonSerializable(typeof(IdcKmsGuard.Cli.Doctor.DoctorDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

internal static class CliJson
{
    // Output is read by people and pipelines, not embedded in HTML: quotes stay quotes.
    public static CliJsonContext Context { get; } = new(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
