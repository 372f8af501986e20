using System.Text.Json.Serialization;

namespace IdcKmsGuard.Cli.Commands;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(InspectedEvent))]
[JsonSerializable(typeof(PolicyCheckDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
