namespace IdcKmsGuard.Core.Keys;

/// <summary>
/// The tag that marks a key as one the guard may change. The guard's role is granted its key-changing actions only
/// under aws:ResourceTag/idckmsguard:guarded = true (template.yaml), so the guard checks the mark itself first and
/// says what to do instead of failing on AccessDenied.
/// </summary>
public static class GuardedKeyTag
{
    public const string Key = "idckmsguard:guarded";

    public const string Value = "true";

    public static bool IsMarked(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags.TryGetValue(Key, out var value) && string.Equals(value, Value, StringComparison.Ordinal);
    }

    /// <summary>The command that marks a key (tags are per Region: a replica carries its own).</summary>
    public static string MarkCommand(KeyArn key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"aws kms tag-resource --key-id {key} --region {key.Region} --tags TagKey={Key},TagValue={Value}";
    }
}
