namespace IdcKmsGuard.Core.State;

/// <summary>
/// A change to one part of a key (its state, its policy, its rotation) whose CloudTrail event the guard handled.
/// </summary>
/// <param name="Subject">Which part: "state", "policy" or "rotation".</param>
/// <param name="Actor">Who made it (the identity's ARN); <paramref name="ActorRole"/> is the role behind an assumed role.</param>
/// <param name="At">When it was made (the record's eventTime).</param>
/// <param name="LeftAs">What it left the part as ("Disabled", "policy &lt;hash&gt;", "rotation off").</param>
public sealed record KnownChange(string Subject, string EventId, string Actor, string? ActorRole, DateTimeOffset At, string LeftAs);

/// <summary>One part of a key found with one value, by the last look that found it so.</summary>
public sealed record Sighting(string Subject, string Value, DateTimeOffset At);

/// <summary>
/// What the guard remembers of one key between invocations, to tell whose change the key shows: per part of the key,
/// the latest change it knows of, and when it last saw each value. A change is taken as the cause of what the key
/// shows only while the key is as it left it and no look since saw it otherwise (<see cref="CauseOf"/>).
/// </summary>
public sealed record KeyMemory(IReadOnlyList<KnownChange> Changes, IReadOnlyList<Sighting> Sightings)
{
    /// <summary>How long a sighting is kept for a change whose event is still to come (EventBridge and Lambda retry
    /// for a day and six hours).</summary>
    public static readonly TimeSpan LateEventWindow = TimeSpan.FromHours(48);

    public static KeyMemory Empty { get; } = new([], []);

    /// <summary>
    /// The change behind <paramref name="valueNow"/>: the latest known change of <paramref name="subject"/> (this
    /// event's included), if it left the part so and no look after it saw the part otherwise; null when unknown.
    /// </summary>
    public KnownChange? CauseOf(string subject, string valueNow, KnownChange? thisEvent)
    {
        var latest = Changes.Append(thisEvent).OfType<KnownChange>().Where(c => c.Subject == subject).OrderBy(c => c.At).LastOrDefault();
        return latest is not null
            && latest.LeftAs == valueNow
            && !Sightings.Any(s => s.Subject == subject && s.Value != latest.LeftAs && IsAfter(s.At, latest.At))
                ? latest
                : null;
    }

    // CloudTrail writes whole seconds: a look within the second a change was recorded at may have come before it.
    private static bool IsAfter(DateTimeOffset look, DateTimeOffset change) =>
        look > change && (change.Ticks % TimeSpan.TicksPerSecond != 0 || look >= change.AddSeconds(1));

    /// <summary>What this memory can drop: every change but the latest of its part, and sightings older than both the
    /// late-event window and that change (they can no longer contradict anything).</summary>
    public KeyMemoryUpdate Stale(DateTimeOffset now)
    {
        var latest = Changes.GroupBy(c => c.Subject, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(c => c.At)!, StringComparer.Ordinal);
        return KeyMemoryUpdate.Nothing with
        {
            ForgetChanges = [.. Changes.Where(c => latest[c.Subject] != c)],
            ForgetSightings = [.. Sightings.Where(s => s.At < now - LateEventWindow && !(latest.GetValueOrDefault(s.Subject)?.At < s.At))],
        };
    }
}

/// <summary>What an attempt writes to a key's memory, with its completion: what it saw, learned and may drop.</summary>
public sealed record KeyMemoryUpdate(
    IReadOnlyList<Sighting> Seen,
    IReadOnlyList<KnownChange> Learned,
    IReadOnlyList<Sighting> ForgetSightings,
    IReadOnlyList<KnownChange> ForgetChanges)
{
    public static KeyMemoryUpdate Nothing { get; } = new([], [], [], []);

    public bool IsEmpty => Seen.Count + Learned.Count + ForgetSightings.Count + ForgetChanges.Count == 0;
}
