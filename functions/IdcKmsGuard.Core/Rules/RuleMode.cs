namespace IdcKmsGuard.Core.Rules;

/// <remarks>Written in configuration as "off", "alert", "remediate".</remarks>
public enum RuleMode
{
    Off,
    Alert,
    Remediate,
}
