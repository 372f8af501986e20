using System.Globalization;

namespace IdcKmsGuard.Core.Keys;

/// <summary>
/// A key's suspend tag (configuration <c>exemptions.suspendTagKey</c>): a time until which the guard reports but does
/// not remediate the key. A tag that asks for longer than the deployment allows is not a suspension: it is ignored.
/// </summary>
public static class SuspendTag
{
    /// <returns>Until when the key is suspended now; null when it is not, the tag holds no time, the time has passed,
    /// or it lies further ahead than <paramref name="longest"/>.</returns>
    public static DateTimeOffset? SuspendedUntil(IReadOnlyDictionary<string, string> tags, string tagKey, DateTimeOffset now, TimeSpan longest) =>
        Until(tags, tagKey) is { } until && until > now && until <= now + longest ? until : null;

    /// <returns>The time the tag asks for, if it asks for longer than <paramref name="longest"/> from now.</returns>
    public static DateTimeOffset? TooLong(IReadOnlyDictionary<string, string> tags, string tagKey, DateTimeOffset now, TimeSpan longest) =>
        Until(tags, tagKey) is { } until && until > now + longest ? until : null;

    private static DateTimeOffset? Until(IReadOnlyDictionary<string, string> tags, string tagKey)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags.TryGetValue(tagKey, out var value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
                ? until
                : null;
    }
}
