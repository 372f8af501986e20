namespace IdcKmsGuard.Core.State;

/// <summary>
/// What one attempt learns for the keys' memories (<see cref="KeyMemory"/>): what it saw of each key, and the changes
/// whose events it handled. Written with the event's completion; an attempt that fails writes none of it, and its retry
/// looks again.
/// </summary>
public sealed class KeyMemoryNotes
{
    private readonly Dictionary<string, KeyMemory> read = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<(string Subject, string Value), DateTimeOffset>> seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KnownChange>> learned = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>The memory of <paramref name="scope"/> as this attempt read it, if it did.</summary>
    public KeyMemory? ReadOf(string scope)
    {
        lock (gate)
        {
            return read.GetValueOrDefault(scope);
        }
    }

    /// <summary>The changes learned so far in this attempt (the guard's own among them) on <paramref name="scope"/>.</summary>
    public IReadOnlyList<KnownChange> LearnedOn(string scope)
    {
        lock (gate)
        {
            return [.. learned.GetValueOrDefault(scope, [])];
        }
    }

    public void Read(string scope, KeyMemory memory)
    {
        lock (gate)
        {
            read.TryAdd(scope, memory);
        }
    }

    public void Saw(string scope, string subject, string value, DateTimeOffset at)
    {
        lock (gate)
        {
            if (!seen.TryGetValue(scope, out var sightings))
            {
                seen[scope] = sightings = [];
            }

            sightings[(subject, value)] = at;
        }
    }

    /// <summary>A change whose event this attempt handled; kept only if it is newer than what the memory holds.</summary>
    public void Learned(string scope, KnownChange change)
    {
        lock (gate)
        {
            if (!learned.TryGetValue(scope, out var changes))
            {
                learned[scope] = changes = [];
            }

            if (!changes.Contains(change))
            {
                changes.Add(change);
            }
        }
    }

    /// <summary>Per scope, what to write: the sightings, the changes newer than the latest known of their part, and
    /// what the memory as read may drop.</summary>
    public IReadOnlyDictionary<string, KeyMemoryUpdate> Updates(DateTimeOffset now)
    {
        lock (gate)
        {
            var updates = new Dictionary<string, KeyMemoryUpdate>(StringComparer.Ordinal);
            foreach (var scope in seen.Keys.Union(learned.Keys, StringComparer.Ordinal))
            {
                var memory = read.GetValueOrDefault(scope) ?? KeyMemory.Empty;
                var newer = learned.GetValueOrDefault(scope, [])
                    .Where(c => !memory.Changes.Any(k => k.Subject == c.Subject && k.At >= c.At))
                    .ToList();
                var stale = (memory with { Changes = [.. memory.Changes, .. newer] }).Stale(now);
                var update = stale with
                {
                    Seen = [.. seen.GetValueOrDefault(scope, []).Select(s => new Sighting(s.Key.Subject, s.Key.Value, s.Value))],
                    Learned = [.. newer.Where(c => !stale.ForgetChanges.Contains(c))],
                    ForgetSightings = [.. stale.ForgetSightings.Where(s => !seen.GetValueOrDefault(scope, []).ContainsKey((s.Subject, s.Value)))],
                    ForgetChanges = [.. stale.ForgetChanges.Where(c => !newer.Contains(c))],
                };
                if (!update.IsEmpty)
                {
                    updates[scope] = update;
                }
            }

            return updates;
        }
    }
}
