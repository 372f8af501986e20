using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The alerts an attempt sent, recorded for repeat suppression with its event's completion: one write at the end
/// instead of one more per alert. A scope is per attempt (async-local), like <see cref="ReadAhead"/>; outside one
/// (the sweep) the outbox records each alert as it goes out. An attempt that fails after sending records nothing, so
/// its retry sends the same alert (the same id) again: a repeat, never a silence.
/// </summary>
internal sealed class AlertsToRecord : IDisposable
{
    private static readonly AsyncLocal<AlertsToRecord?> Current = new();

    private readonly AlertsToRecord? outer;
    private readonly List<AlertSent> sent = [];
    private readonly Lock gate = new();

    private AlertsToRecord(AlertsToRecord? outer) => this.outer = outer;

    /// <summary>The alerts sent in this scope, each key once.</summary>
    public IReadOnlyList<AlertSent> Sent
    {
        get
        {
            lock (gate)
            {
                return [.. sent.DistinctBy(a => a.AlertKey, StringComparer.Ordinal)];
            }
        }
    }

    public static AlertsToRecord Begin()
    {
        var scope = new AlertsToRecord(Current.Value);
        Current.Value = scope;
        return scope;
    }

    /// <returns>False outside an attempt: the caller records the alert now.</returns>
    public static bool TryDefer(AlertSent alert)
    {
        if (Current.Value is not { } scope)
        {
            return false;
        }

        lock (scope.gate)
        {
            scope.sent.Add(alert);
        }

        return true;
    }

    public void Dispose()
    {
        if (Current.Value == this)
        {
            Current.Value = outer;
        }
    }
}
