using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// Whose change each part of a key shows, for one attempt: every look at a part is a sighting for the key's memory,
/// and is answered with the change behind what it saw (<see cref="KeyMemory.CauseOf"/>), this event's change included
/// when it is about that part. The memory is read once per key and written with the attempt's completion.
/// </summary>
/// <param name="guardRole">The guard's own role: its own changes are remembered as made by it.</param>
internal sealed class ChangeCauses(GuardEvent guardEvent, IIncidentMemory memories, KeyMemoryNotes notes, string? guardRole, TimeProvider time)
{
    private readonly Dictionary<(KeyArn Key, string Subject), (string Value, KnownChange? Cause)> seen = [];
    private readonly Dictionary<KeyArn, AwsCallException> unreadable = [];
    private readonly KnownChange? eventChange = KeySubjects.ChangeOf(guardEvent, time.GetUtcNow());
    private DateTimeOffset lastMade = DateTimeOffset.MinValue;

    /// <summary>
    /// Records that <paramref name="subject"/> of <paramref name="key"/> is <paramref name="value"/> now. The key is
    /// the one the event's call was on (a review of a key is always of the event's key, or of none: the sweep's).
    /// </summary>
    public async Task SawAsync(KeyArn key, string subject, string value, CancellationToken cancellationToken)
    {
        var scope = IncidentScope.ForKey(key).Arn;
        var thisEvent = eventChange?.Subject == subject ? eventChange : null;
        if (thisEvent is not null)
        {
            notes.Learned(scope, thisEvent);
        }

        notes.Saw(scope, subject, value, time.GetUtcNow());
        // What this attempt learned counts with what was stored: the guard's own change just made is the latest.
        var memory = await MemoryOfAsync(key, cancellationToken).ConfigureAwait(false) ?? KeyMemory.Empty;
        memory = memory with { Changes = [.. memory.Changes, .. notes.LearnedOn(scope)] };
        seen[(key, subject)] = (value, memory.CauseOf(subject, value, thisEvent));
    }

    /// <summary>The event's call was on <paramref name="key"/>: its change (if it made one) is remembered, whether or not
    /// any rule now looks at that part.</summary>
    public void EventIsAbout(KeyArn key)
    {
        if (eventChange is not null)
        {
            notes.Learned(IncidentScope.ForKey(key).Arn, eventChange);
        }
    }

    /// <summary>
    /// The guard changed <paramref name="subject"/> of <paramref name="key"/> to <paramref name="leftAs"/> (the step
    /// <paramref name="action"/> succeeded): remembered as the latest change of that part. The guard's calls in one
    /// attempt follow one another, and so do the times it remembers them at.
    /// </summary>
    public void Made(KeyArn key, string subject, string leftAs, string action)
    {
        var now = time.GetUtcNow();
        lastMade = now > lastMade ? now : lastMade.AddMilliseconds(1);
        var actor = guardRole ?? "the guard";
        notes.Learned(IncidentScope.ForKey(key).Arn, new KnownChange(subject, $"{guardEvent.EventId ?? "-"}#{action}", actor, guardRole, lastMade, leftAs));
    }

    /// <summary>Records a sighting for the memory only (what an audit read of a key that needs no review).</summary>
    public void Saw(KeyArn key, string subject, string value) => notes.Saw(IncidentScope.ForKey(key).Arn, subject, value, time.GetUtcNow());

    /// <returns>The change behind what the last look at <paramref name="subject"/> saw; null when unknown or not looked at.</returns>
    public KnownChange? CauseOf(KeyArn key, string subject) => seen.GetValueOrDefault((key, subject)).Cause;

    /// <summary>
    /// This event changed the part <paramref name="ruleId"/> judges, yet its change is not what the key shows (a later
    /// change is known, or a look saw the part otherwise since): whoever the event names, that is news of its own, so
    /// that an event naming an exempt principal can add an alert but never hide another person's.
    /// </summary>
    public bool EventChangedItButIsNotTheCause(KeyArn key, string ruleId) =>
        eventChange is not null
        && KeySubjects.OfRule(ruleId) == eventChange.Subject
        && seen.TryGetValue((key, eventChange.Subject), out var look)
        && look.Cause?.EventId != eventChange.EventId;

    /// <summary>Why the memory of <paramref name="key"/> could not be read, if it could not.</summary>
    public AwsCallException? Unreadable(KeyArn key) => unreadable.GetValueOrDefault(key);

    /// <summary>What people are told is behind <paramref name="ruleId"/>'s violation on <paramref name="key"/>:
    /// "&lt;event id&gt;|&lt;value&gt;", "unknown|&lt;value&gt;"; null for a rule about no part of the key, or one not looked at.</summary>
    public string? Told(KeyArn key, string ruleId) =>
        KeySubjects.OfRule(ruleId) is { } subject && seen.TryGetValue((key, subject), out var look)
            ? $"{look.Cause?.EventId ?? "unknown"}|{look.Value}"
            : null;

    // A memory that cannot be read leaves every cause unknown; the gate holds back what an exemption could cover.
    private async Task<KeyMemory?> MemoryOfAsync(KeyArn key, CancellationToken cancellationToken)
    {
        var scope = IncidentScope.ForKey(key);
        if (notes.ReadOf(scope.Arn) is { } known)
        {
            return known;
        }

        try
        {
            var memory = await AheadReads.KeyMemory(memories, scope).TakeAsync(cancellationToken).ConfigureAwait(false);
            notes.Read(scope.Arn, memory);
            return memory;
        }
        catch (AwsCallException e)
        {
            unreadable[key] = e;
            return null;
        }
    }
}
