using System.Text.Json.Serialization;

namespace IdcKmsGuard.Testing;

/// <summary>What infra/local/seed.py created.</summary>
public sealed record SeededAccount(
    string Account,
    string Region,
    string InstanceArn,
    string IdentityStoreArn,
    string IdentityStoreId,
    string KeyArn,
    string KeyId,
    string AliasName,
    string TopicArn,
    string QueueUrl,
    string QueueArn,
    string StateTable,
    string ConfigurationParameter,
    string FollowUpQueueUrl,
    IReadOnlyList<string>? ReplicaKeyArns = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SeededAccount))]
internal sealed partial class TestingJsonContext : JsonSerializerContext;
