namespace IdcKmsGuard.Aws.Sns;

/// <param name="MessageStructure">"json" when <paramref name="Message"/> maps protocols to texts.</param>
/// <param name="StringAttributes">Message attributes of DataType String, in the order given.</param>
public sealed record SnsPublishRequest(
    string TopicArn,
    string Message,
    string? Subject = null,
    string? MessageStructure = null,
    IReadOnlyList<KeyValuePair<string, string>>? StringAttributes = null);
