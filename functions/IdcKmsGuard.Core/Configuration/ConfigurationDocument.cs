namespace IdcKmsGuard.Core.Configuration;

/// <param name="Origin">Where it was read, for people: "ssm:/idckmsguard/config", "file:/path/guard-config.json".</param>
/// <param name="Version">The source's version of the document (the SSM parameter version), when it has one.</param>
public sealed record ConfigurationDocument(string Text, string Origin, string? Version)
{
    /// <summary>When the source last wrote it (SSM's LastModifiedDate): it orders versions across a deletion, after
    /// which SSM numbers them from 1 again.</summary>
    public DateTimeOffset? ModifiedAt { get; init; }
}
