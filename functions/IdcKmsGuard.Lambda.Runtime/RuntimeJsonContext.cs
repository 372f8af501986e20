using System.Text.Json.Serialization;

namespace IdcKmsGuard.Lambda.Runtime;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LambdaErrorBody))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
