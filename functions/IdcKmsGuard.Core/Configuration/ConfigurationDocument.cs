namespace IdcKmsGuard.Core.Configuration;

/// <param name="Origin">Where it was read, for people: "ssm:/idckmsguard/config", "file:/path/guard-config.json".</param>
/// <param name="Version">The source's version of the document (the SSM parameter version), when it has one.</param>
public sealed record ConfigurationDocument(string Text, string Origin, string? Version);
