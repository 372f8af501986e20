using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.State;

/// <summary>What an incident is about: one key (a primary or a replica) or one Identity Center instance.</summary>
public sealed record IncidentScope
{
    private IncidentScope(string arn, KeyArn? key)
    {
        Arn = arn;
        Key = key;
    }

    /// <summary>The key's or the instance's ARN: the incident's name in memory and in alert ids.</summary>
    public string Arn { get; }

    /// <summary>The key, when the incident is about a key; null for an instance.</summary>
    public KeyArn? Key { get; }

    public static IncidentScope ForKey(KeyArn key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.ToString(), key);
    }

    public static IncidentScope ForInstance(string instanceArn)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceArn);
        return new(instanceArn, null);
    }

    public override string ToString() => Arn;
}
