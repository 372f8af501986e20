using System.Globalization;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>The order of a source's document versions: SSM parameter versions are numbers that only grow.</summary>
public static class ConfigurationVersions
{
    public static bool IsNewer(string candidate, string kept)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(kept);
        return Number(candidate) is { } a && Number(kept) is { } b ? a > b : !string.Equals(candidate, kept, StringComparison.Ordinal);
    }

    private static long? Number(string version) =>
        long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
