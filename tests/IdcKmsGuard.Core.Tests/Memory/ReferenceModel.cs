using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>What people must hear about one rule at one step.</summary>
internal enum NewsKind
{
    /// <summary>The guard undid the violation: the alert lists the rule's finding as resolved.</summary>
    Fixed,

    /// <summary>A violation people have not been told of (a new one, or a new change behind it): an open finding, sent.</summary>
    Open,

    /// <summary>A violation people were told of is gone: a finding of the rule, resolved.</summary>
    Resolved,

    /// <summary>A notice about the rule (a new configuration version).</summary>
    Announced,
}

internal sealed record RuleNews(string RuleId, NewsKind Kind, AlertOutcome Outcome)
{
    public override string ToString() => Kind == NewsKind.Open ? $"{RuleId} open ({Outcome})" : $"{RuleId} {Kind.ToString().ToLowerInvariant()}";
}

/// <summary>What one step must leave: the key, and the news that must reach people (the rest must stay quiet, except
/// <paramref name="MayRepeat"/>: the same violation from the same change, which may be repeated or suppressed).</summary>
internal sealed record Expectation(KeyFacts Key, IReadOnlyList<RuleNews> News, IReadOnlySet<string> MayRepeat)
{
    public static Expectation Quiet(KeyFacts key) => new(key, [], new HashSet<string>(StringComparer.Ordinal));

    public override string ToString() =>
        $"{(News.Count == 0 ? "no news" : string.Join(", ", News))}{(MayRepeat.Count == 0 ? string.Empty : $"; may repeat {string.Join(", ", MayRepeat)}")}";
}

/// <summary>
/// The reference model: what the guard must do, stated from what it can know. It knows the changes whose events were
/// delivered (who, what, when, what they left), the changes it made itself, and what it saw each time it looked. At a
/// look (an event's delivery or a sweep), for each rule it checks:
/// <list type="bullet">
/// <item>the change behind a violation is the latest known change of that part of the key, if it left the part as it is
/// now and no look since saw it otherwise; else it is unknown;</item>
/// <item>the guard leaves the violation if the rule only alerts, the change behind it is the break-glass role's while
/// its exemption lasts, the configuration is a dry run, the key is suspended, or the key is not marked as guarded;
/// otherwise it undoes it;</item>
/// <item>a key without the mark is a violation of GUARD-ACCESS: every sweep judges it, an event reports it when it
/// would have acted;</item>
/// <item>people hear of every fix, of every violation whose change they were not told of, and of the end of every
/// violation they were told of: once each;</item>
/// <item>the first look at a new configuration version announces it.</item>
/// </list>
/// </summary>
internal sealed class ReferenceModel(KeyFacts key, ModelConfiguration configuration)
{
    private readonly List<KeyChange> known = [];
    private readonly List<(Subject Subject, string Value, DateTimeOffset At)> seen = [];
    private readonly HashSet<string> delivered = new(StringComparer.Ordinal);

    // Per part of the key: the change that really made it what it is (whether or not the guard knows of it).
    private readonly Dictionary<Subject, string> truth = [];

    // Per rule with an open violation people were told of: the changes behind it, as the guard knew them ("unknown" when
    // it did not) and as they really were, since the violation began.
    private readonly Dictionary<string, (HashSet<string> Known, HashSet<string> True)> told = new(StringComparer.Ordinal);

    // The configuration's versions: the parameter starts at 1 (the defaults); each edit is the next one.
    private int version = 1;
    private int? announced;

    public KeyFacts Key { get; private set; } = key;

    public ModelConfiguration Configuration { get; private set; } = configuration;

    /// <summary>A new version of the configuration: the next look announces it (the first version only if it
    /// is not the defaults).</summary>
    public void Configure(ModelConfiguration next)
    {
        Configuration = next;
        version++;
    }

    /// <summary>A person changed the key (<paramref name="change"/>: null for a tag): nobody looks yet.</summary>
    public Expectation Changed(KeyFacts after, KeyChange? change)
    {
        Key = after;
        if (change is not null)
        {
            truth[change.Subject] = change.Id;
        }

        return Expectation.Quiet(Key);
    }

    public Expectation Delivered(KeyChange change, DateTimeOffset now)
    {
        if (!delivered.Add(change.Id))
        {
            return Expectation.Quiet(Key);
        }

        // The guard knows its own changes from when it made them.
        if (change.Who != ChangeActor.Guard)
        {
            known.Add(change);
        }

        return Look(now, ChecksOf(change.EventName), sweep: false);
    }

    public Expectation Swept(DateTimeOffset now) => Look(now, KeyFacts.Rules, sweep: true);

    /// <summary>The rules an event's review checks: the key's state always, and what the event's call changes.</summary>
    public static IReadOnlyList<GuardRule> ChecksOf(string eventName) => eventName switch
    {
        "PutKeyPolicy" => [RuleCatalog.KeyEnabled, RuleCatalog.KeyNotPendingDeletion, RuleCatalog.KeyPolicyHealthy],
        "DisableKeyRotation" => [RuleCatalog.KeyEnabled, RuleCatalog.KeyNotPendingDeletion, RuleCatalog.KeyRotation],
        _ => [RuleCatalog.KeyEnabled, RuleCatalog.KeyNotPendingDeletion],
    };

    // The sweep judges every rule, and the mark (GUARD-ACCESS) on every key; an event reads the mark only when it would
    // act, and never clears GUARD-ACCESS.
    private Expectation Look(DateTimeOffset now, IReadOnlyList<GuardRule> rules, bool sweep)
    {
        var looked = rules.Select(KeyFacts.SubjectOf).Distinct().Select(s => (s, Key.ValueOf(s), now)).ToList();
        var news = new List<RuleNews>();
        var mayRepeat = new HashSet<string>(StringComparer.Ordinal);
        var readMark = false;
        if (announced != version && (announced is not null || !Configuration.IsDefault))
        {
            news.Add(new(RuleCatalog.GuardConfigChanged.Id, NewsKind.Announced, AlertOutcome.None));
        }

        announced = version;
        foreach (var rule in rules.Where(r => Configuration.ModeOf(r) != RuleMode.Off))
        {
            if (!Key.Violates(rule))
            {
                if (told.Remove(rule.Id))
                {
                    news.Add(new(rule.Id, NewsKind.Resolved, AlertOutcome.None));
                }

                continue;
            }

            var subject = KeyFacts.SubjectOf(rule);
            var cause = CauseOf(subject);
            var heldBack = HeldBack(rule, cause, now);
            readMark |= heldBack is null;
            var outcome = heldBack ?? (Key.Guarded ? AlertOutcome.Fixed : AlertOutcome.Alerted);
            if (outcome == AlertOutcome.Fixed)
            {
                Fix(rule, now);
                told.Remove(rule.Id);
                news.Add(new(rule.Id, NewsKind.Fixed, outcome));
            }
            else
            {
                Tell(rule.Id, outcome, (cause?.Id ?? "unknown", truth.GetValueOrDefault(subject, "initial")), news, mayRepeat);
            }
        }

        var guardAccess = RuleCatalog.GuardAccess.Id;
        if (!Key.Guarded && (sweep || readMark))
        {
            Tell(guardAccess, AlertOutcome.Alerted, ("unknown", truth.GetValueOrDefault(Subject.Mark, "initial")), news, mayRepeat);
        }
        else if (Key.Guarded && sweep && told.Remove(guardAccess))
        {
            news.Add(new(guardAccess, NewsKind.Resolved, AlertOutcome.None));
        }

        seen.AddRange(looked);
        return new Expectation(Key, news, mayRepeat);
    }

    // A violation people were told of, from a change behind it they were told of (as the guard knows it, or as it
    // really is), may be told again or not; either way it is now what they were told of. Anything else is news.
    private void Tell(string ruleId, AlertOutcome outcome, (string Known, string True) behind, List<RuleNews> news, HashSet<string> mayRepeat)
    {
        if (told.TryGetValue(ruleId, out var before) && (before.Known.Contains(behind.Known) || before.True.Contains(behind.True)))
        {
            before.Known.Add(behind.Known);
            before.True.Add(behind.True);
            mayRepeat.Add(ruleId);
        }
        else
        {
            told[ruleId] = ([behind.Known], [behind.True]);
            news.Add(new(ruleId, NewsKind.Open, outcome));
        }
    }

    // The latest known change of the subject, while the subject is as it left it and no look since saw it otherwise.
    private KeyChange? CauseOf(Subject subject)
    {
        var latest = known.Where(k => k.Subject == subject).OrderBy(k => k.At).LastOrDefault();
        return latest is null
            || latest.LeftAs != Key.ValueOf(subject)
            || seen.Any(s => s.Subject == subject && s.At > latest.At && s.Value != latest.LeftAs)
                ? null
                : latest;
    }

    // Why the guard leaves the violation before it reads the key's mark; null: it reads the mark, and acts if the key
    // is marked.
    private AlertOutcome? HeldBack(GuardRule rule, KeyChange? cause, DateTimeOffset now) =>
        Configuration.ModeOf(rule) == RuleMode.Alert ? AlertOutcome.Alerted
        : cause is { Who: ChangeActor.BreakGlass } && Configuration.ExemptsBreakGlassAt(now) ? AlertOutcome.Exempt
        : Configuration.DryRun ? AlertOutcome.DryRun
        : Key.IsSuspendedAt(now) ? AlertOutcome.Exempt
        : null;

    private void Fix(GuardRule rule, DateTimeOffset now)
    {
        void Guard(Subject subject, string leftAs, string call)
        {
            var change = new KeyChange($"guard-{call}-{now:HHmm}", ChangeActor.Guard, subject, leftAs, now, call);
            known.Add(change);
            truth[subject] = change.Id;
        }

        if (rule == RuleCatalog.KeyNotPendingDeletion)
        {
            Guard(Subject.State, nameof(KeyState.Disabled), "CancelKeyDeletion");
        }

        if (rule == RuleCatalog.KeyPolicyHealthy)
        {
            Guard(Subject.Policy, nameof(PolicyKind.Repaired), "PutKeyPolicy");
            Key = Key with { Policy = PolicyKind.Repaired };
        }
        else if (rule == RuleCatalog.KeyRotation)
        {
            Guard(Subject.Rotation, "on", "EnableKeyRotation");
            Key = Key with { RotationOn = true };
        }
        else
        {
            Guard(Subject.State, nameof(KeyState.Enabled), "EnableKey");
            Key = Key with { State = KeyState.Enabled };
        }
    }
}
