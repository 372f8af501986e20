using System.Globalization;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>The order of a source's document versions: SSM parameter versions are numbers that only grow.</summary>
public static class ConfigurationVersions
{
    /// <summary>
    /// Whether <paramref name="candidate"/> came after the version announced last: by when the source wrote each, when
    /// both say (a parameter deleted and created again starts at version 1), otherwise by version number.
    /// </summary>
    public static bool IsNewer(ConfigurationDocument candidate, State.AnnouncedConfiguration kept)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(kept);
        return candidate.ModifiedAt is { } written && kept.ModifiedAt is { } announced
            ? written > announced
            : candidate.Version is { } version && IsNewer(version, kept.Version);
    }

    public static bool IsNewer(string candidate, string kept)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(kept);
        return Number(candidate) is { } a && Number(kept) is { } b ? a > b : !string.Equals(candidate, kept, StringComparison.Ordinal);
    }

    private static long? Number(string version) =>
        long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
