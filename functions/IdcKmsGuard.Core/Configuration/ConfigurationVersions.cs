using System.Globalization;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>The order of a source's document versions: SSM parameter versions are numbers that only grow.</summary>
public static class ConfigurationVersions
{
    public static bool IsNewer(string candidate, string kept)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(kept);
        return long.TryParse(candidate, NumberStyles.None, CultureInfo.InvariantCulture, out var a) && long.TryParse(kept, NumberStyles.None, CultureInfo.InvariantCulture, out var b)
            ? a > b
            : !string.Equals(candidate, kept, StringComparison.Ordinal);
    }
}
