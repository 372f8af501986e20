using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.State;

/// <summary>What is open for one scope (a key, a replica, an instance), so the sweep alerts only on change and an event
/// that finds the scope healthy closes it.</summary>
/// <param name="Open">The rules with an open finding; empty when healthy.</param>
/// <param name="Sweeps">Consecutive sweeps that found these rules open.</param>
/// <param name="Since">When these rules were first found open.</param>
public sealed record IncidentMemory(IncidentScope Scope, RuleSet Open, int Sweeps, DateTimeOffset Since)
{
    public bool IsHealthy => Open.IsEmpty;

    /// <summary>When the scope's incident opened (it went from healthy to open); kept while the open rules change, null
    /// when healthy. Memories written before it was kept fall back to <see cref="Since"/>.</summary>
    public DateTimeOffset? Opened { get; init; }

    /// <summary>When the open incident began: what names it in alerts (see <c>IncidentIds</c>).</summary>
    public DateTimeOffset OpenedAt => Opened ?? Since;

    /// <summary>The memory after a look that found <paramref name="open"/> open: a new count from now, the incident's
    /// start kept while anything stays open.</summary>
    public static IncidentMemory After(IncidentScope scope, IncidentMemory? previous, RuleSet open, DateTimeOffset now, RuleCauses told) =>
        new(scope, open, 1, now)
        {
            Told = told,
            Opened = open.IsEmpty ? null : previous is { IsHealthy: false } before ? before.OpenedAt : now,
        };

    /// <summary>What people were told is behind each open rule: a violation from another change is news again.</summary>
    public RuleCauses Told { get; init; } = RuleCauses.None;
}

/// <summary>
/// Per rule, the change behind a violation as the guard knew it when it told people ("&lt;event id&gt;|&lt;value&gt;", or
/// "unknown|&lt;value&gt;"): a repeat is the same rule from the same change. Compared by value.
/// </summary>
public sealed record RuleCauses
{
    private RuleCauses(string text) => Text = text;

    public static RuleCauses None { get; } = new(string.Empty);

    /// <summary>One line per rule, "RULE=cause", in rule order: what the state table keeps.</summary>
    public string Text { get; }

    public static RuleCauses Of(IEnumerable<KeyValuePair<string, string>> causes) =>
        new(string.Join(
            '\n',
            causes.DistinctBy(c => c.Key, StringComparer.Ordinal).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")));

    public static RuleCauses Parse(string? text) => string.IsNullOrEmpty(text) ? None : Of(Entries(text));

    public string? Of(string ruleId) => Entries(Text).Where(e => e.Key == ruleId).Select(e => e.Value).FirstOrDefault();

    /// <summary>These causes for <paramref name="rules"/> only.</summary>
    public RuleCauses For(RuleSet rules) => Of(Entries(Text).Where(e => rules.Contains(e.Key)));

    /// <summary>These causes, with <paramref name="newer"/> in place of any for the same rule.</summary>
    public RuleCauses With(RuleCauses newer) => Of(Entries(newer.Text).Concat(Entries(Text)));

    public override string ToString() => Text;

    private static IEnumerable<KeyValuePair<string, string>> Entries(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => KeyValuePair.Create(parts[0], parts[1]));
}
