namespace IdcKmsGuard.Core.State;

/// <summary>What an event's completion writes, in the same request as the completion itself.</summary>
/// <param name="KeepFor">How long the handled event is remembered against redelivery.</param>
public sealed record EventCompletion(TimeSpan KeepFor)
{
    /// <summary>The alerts the event sent, recorded for repeat suppression only once the event is done.</summary>
    public IReadOnlyList<AlertSent> AlertsSent { get; init; } = [];

    /// <summary>The scopes the event's journal named: it is no longer unfinished on any of them.</summary>
    public IReadOnlyList<string> UnfinishedOn { get; init; } = [];

    /// <summary>Per scope (a key), what the event saw and learned for the key's memory (<see cref="KeyMemory"/>).</summary>
    public IReadOnlyDictionary<string, KeyMemoryUpdate> Memory { get; init; } = new Dictionary<string, KeyMemoryUpdate>(StringComparer.Ordinal);
}

/// <summary>An alert that went out: its repeat-suppression key and window (see <see cref="IAlertLedger"/>).</summary>
public sealed record AlertSent(string AlertKey, TimeSpan Window);
