namespace IdcKmsGuard.Core.Configuration;

/// <summary>Reads the configuration document, refusing anything unknown: a typo in a security setting must not pass silently.</summary>
public static class ConfigurationParser
{
    public static GuardConfiguration Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        throw new NotImplementedException("Being written.");
    }
}
