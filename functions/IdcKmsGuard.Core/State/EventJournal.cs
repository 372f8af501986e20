using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.State;

/// <summary>
/// What one event's handling set out to change, and how far it got: written before the first change and after each,
/// kept with the event's claim. Whoever handles the event next (Lambda's retry, a later event for the same key, the
/// sweep) reads it and publishes the alert an interrupted attempt could not, naming the changes that really happened.
/// </summary>
/// <param name="EventJson">The event as received, so that another invocation can finish it (null when too large).</param>
/// <param name="Scopes">One entry per key or instance the handling changed.</param>
public sealed record EventJournal(string? EventJson, IReadOnlyList<ScopeJournal> Scopes)
{
    public static EventJournal Empty { get; } = new(null, []);

    public ScopeJournal? For(string scope) => Scopes.FirstOrDefault(s => s.Scope == scope);

    public EventJournal With(ScopeJournal scope) =>
        this with { Scopes = [.. Scopes.Where(s => s.Scope != scope.Scope), scope] };
}

/// <param name="Scope">The key ARN (or instance ARN) the changes were made to.</param>
/// <param name="StateBefore">The state the guard first found (the key's KeyState), for the alert's "before".</param>
/// <param name="Findings">What was wrong when the guard decided to change it.</param>
/// <param name="Reported">An alert naming these changes went out already (a sweep reports scope by scope).</param>
public sealed record ScopeJournal(
    string Scope,
    string? StateBefore,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<JournaledChange> Changes,
    bool Reported = false);

/// <param name="Action">The API operation: EnableKey, CancelKeyDeletion, PutKeyPolicy, EnableKeyRotation, UpdateInstance.</param>
/// <param name="Target">The key or instance ARN it acts on.</param>
/// <param name="Expected">What a re-read must find if it took effect, when the state alone does not say (a policy's
/// SHA-256, the key an instance is switched to).</param>
/// <param name="Transient">For a failed change: the failure may pass (throttling, no answer), so a retry should try again.</param>
public sealed record JournaledChange(string Action, string Target, ChangeStatus Status, string Detail, string? Expected = null, bool Transient = false);

public enum ChangeStatus
{
    /// <summary>About to be sent; no answer recorded. A re-read tells whether it took effect.</summary>
    Planned,

    /// <summary>AWS accepted it (or a re-read after a lost answer showed it in effect).</summary>
    Applied,

    /// <summary>AWS refused it, or it never got through.</summary>
    Failed,
}
