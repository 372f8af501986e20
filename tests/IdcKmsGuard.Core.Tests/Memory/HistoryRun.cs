using System.Globalization;
using System.Text;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;
using IdcKmsGuard.Core.Tests.Guarding;
using IdcKmsGuard.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>
/// Runs one history through the real <c>Guard</c> over the in-memory KMS, Identity Center and state table, and
/// through the <see cref="ReferenceModel"/>, and compares them after every step: the key, and what people heard.
/// </summary>
internal sealed class HistoryRun
{
    private static readonly KeyArn Key = GuardScenario.Key;

    private readonly FakeTimeProvider time = new(GuardScenario.Now);
    private readonly InMemoryKeyStore keys = new();
    private readonly RecordingPublisher publisher = new();
    private readonly ReferenceModel model = new(KeyFacts.Healthy, ModelConfiguration.Defaults);
    private readonly Guard guard;
    private readonly List<(KeyChange Change, string Record)> undelivered = [];
    private readonly List<(KeyChange Change, string Record)> delivered = [];
    private readonly StringBuilder transcript = new();
    private ConfigurationSnapshot snapshot = new(GuardConfiguration.Defaults, "history v0", [], false);
    private int callsSeen;
    private int changes;
    private int versions;

    private HistoryRun()
    {
        keys.Add(Key, KeyState.Enabled, HistoryRecords.Baseline);
        keys.RotationEnabled.Add(Key.ToString());
        var options = new GuardOptions(RemediationEnabled: true, GuardScenario.GuardRoleArn) { ChangeBackoff = TimeSpan.Zero };
        guard = new Guard(
            FakeIdentityCenter.UsingKey(Key),
            keys,
            publisher,
            options,
            time,
            NullLogger.Instance,
            _ => Task.FromResult(snapshot),
            GuardStores.Of(new InMemoryStateStore(time)));
    }

    /// <summary>What each step did, up to the end or the first step where the guard and the model part.</summary>
    public List<TakenStep> Taken { get; } = [];

    /// <summary>Null when the guard did what the model says at every step; otherwise the step where it did not, and the
    /// history up to it.</summary>
    public string? Disagreement { get; private set; }

    public static HistoryRun Of(IReadOnlyList<Step> steps)
    {
        var run = new HistoryRun();
        for (var index = 0; index < steps.Count && run.Disagreement is null; index++)
        {
            if (run.Take(index + 1, steps[index]) is { } disagreement)
            {
                run.Disagreement = $"{disagreement}\nHistory:\n{run.transcript}";
            }
        }

        return run;
    }

    private string? Take(int number, Step step)
    {
        time.Advance(TimeSpan.FromMinutes(1));
        var now = time.GetUtcNow();
        var sent = publisher.Published.Count;
        var (what, expected) = step switch
        {
            Change change => Apply(change, now),
            Deliver deliver => DeliverOne(deliver, now),
            Redeliver again => DeliverAgain(again, now),
            Sweep => ("sweep", SweepNow(now)),
            Configure configure => Reconfigure(configure, now),
            Advance advance => AdvanceBy(advance),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "not a step"),
        };
        var alerts = publisher.Published.Skip(sent).Select(SentAlert.Read).ToList();
        var key = ReadKey();
        Taken.Add(new TakenStep(what, expected, key, alerts));
        transcript.Append(CultureInfo.InvariantCulture, $"{number,3}. {now:HH:mm} {what}: model {expected}; sent {(alerts.Count == 0 ? "nothing" : string.Join(" + ", alerts))}\n");
        return AlertsAgainstModel.Disagreement(expected, key, alerts) is { } disagreement ? $"Step {number} ({what}): {disagreement}" : null;
    }

    private (string, Expectation) Apply(Change change, DateTimeOffset now)
    {
        if (KeyActions.Apply(change.What, model.Key, now) is not { } after)
        {
            return ($"{change} (KMS refuses it now: skipped)", Expectation.Quiet(model.Key));
        }

        SetKey(after);
        var description = change.ToString();
        KeyChange? made = null;
        if (KeyActions.SubjectOf(change.What) is { } subject)
        {
            var id = $"change-{++changes}";
            var eventName = KeyActions.EventNameOf(change.What);
            made = new KeyChange(id, Enum.Parse<ChangeActor>(change.Who.ToString()), subject, after.ValueOf(subject), now, eventName ?? change.What.ToString());
            if (eventName is not null)
            {
                undelivered.Add((made, HistoryRecords.Record(made, subject == Subject.Policy ? HistoryRecords.PolicyText(after.Policy) : null)));
            }

            description += $" ({id}{(eventName is null ? ", no event" : string.Empty)})";
        }

        return (description, model.Changed(after, made));
    }

    private (string, Expectation) DeliverOne(Deliver deliver, DateTimeOffset now)
    {
        if (undelivered.Count == 0)
        {
            return ("deliver: nothing undelivered", Expectation.Quiet(model.Key));
        }

        var next = undelivered[deliver.InOrder ? 0 : deliver.Pick % undelivered.Count];
        undelivered.Remove(next);
        delivered.Add(next);
        var expected = model.Delivered(next.Change, now);
        Handle(EventReader.Read(next.Record), now);
        return ($"deliver {next.Change}", expected);
    }

    private (string, Expectation) DeliverAgain(Redeliver again, DateTimeOffset now)
    {
        if (delivered.Count == 0)
        {
            return ("deliver again: nothing delivered", Expectation.Quiet(model.Key));
        }

        var repeat = delivered[again.Pick % delivered.Count];
        var expected = model.Delivered(repeat.Change, now);
        Handle(EventReader.Read(repeat.Record), now);
        return ($"deliver again {repeat.Change}", expected);
    }

    private Expectation SweepNow(DateTimeOffset now)
    {
        var expected = model.Swept(now);
        var sweep = EventReader.Read(GuardScenario.EventJson("scheduled-event.json", json => json
            .Replace("7bf73129-1428-4cd3-a780-95db273d1602", $"sweep-{now:HHmmss}-{++versions}", StringComparison.Ordinal)
            .Replace("2026-11-30T12:00:00Z", now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        Handle(sweep, now);
        return expected;
    }

    private (string, Expectation) Reconfigure(Configure configure, DateTimeOffset now)
    {
        var current = model.Configuration;
        var rule = KeyFacts.Rules[configure.Rule % KeyFacts.Rules.Count];
        var next = configure.Edit switch
        {
            ConfigurationEdit.AddExemption => current with { Exemption = true, ExemptionUntil = null },
            ConfigurationEdit.AddExpiringExemption => current with { Exemption = true, ExemptionUntil = now.AddMinutes(90) },
            ConfigurationEdit.RemoveExemption => current with { Exemption = false, ExemptionUntil = null },
            ConfigurationEdit.RuleToRemediate => current with { Modes = With(current.Modes, rule.Id, RuleMode.Remediate) },
            ConfigurationEdit.RuleToAlert => current with { Modes = With(current.Modes, rule.Id, RuleMode.Alert) },
            ConfigurationEdit.RuleOff => current with { Modes = With(current.Modes, rule.Id, RuleMode.Off) },
            ConfigurationEdit.DryRunOn => current with { DryRun = true },
            _ => current with { DryRun = false },
        };
        model.Configuration = next;
        snapshot = new ConfigurationSnapshot(next.ToGuardConfiguration(), $"history v{++versions}", [], false);
        return ($"configure: {next}", Expectation.Quiet(model.Key));
    }

    private (string, Expectation) AdvanceBy(Advance advance)
    {
        time.Advance(TimeSpan.FromMinutes(advance.Minutes));
        return ($"{advance.Minutes} minutes pass", Expectation.Quiet(model.Key));
    }

    private static Dictionary<string, RuleMode> With(IReadOnlyDictionary<string, RuleMode> modes, string rule, RuleMode mode) =>
        new(modes, StringComparer.Ordinal) { [rule] = mode };

    // The guard's own changes leave CloudTrail records too, which the guard's rules deliver back to it (late, or twice).
    private void Handle(GuardEvent guardEvent, DateTimeOffset now)
    {
        guard.HandleAsync(guardEvent, CancellationToken.None).GetAwaiter().GetResult();
        foreach (var call in keys.Calls.Skip(callsSeen).Select(c => c.Split(' ')[0]))
        {
            if (KeyActions.GuardCall(call) is var (subject, leftAs))
            {
                var made = new KeyChange($"guard-{++changes}", ChangeActor.Guard, subject, leftAs, now, call);
                undelivered.Add((made, HistoryRecords.Record(made, subject == Subject.Policy ? keys.PolicyOf(Key) : null)));
            }
        }

        callsSeen = keys.Calls.Count;
    }

    private void SetKey(KeyFacts after)
    {
        keys.SetState(Key, after.State);
        if (HistoryRecords.KindOf(keys.PolicyOf(Key)) != after.Policy)
        {
            keys.SetPolicy(Key, HistoryRecords.PolicyText(after.Policy));
        }

        if (after.RotationOn)
        {
            keys.RotationEnabled.Add(Key.ToString());
        }
        else
        {
            keys.RotationEnabled.Remove(Key.ToString());
        }

        if (after.Guarded)
        {
            keys.Tag(Key, GuardedKeyTag.Key, GuardedKeyTag.Value);
        }
        else
        {
            keys.Untag(Key, GuardedKeyTag.Key);
        }

        if (after.SuspendedUntil is { } until)
        {
            keys.Tag(Key, GuardConfiguration.DefaultSuspendTagKey, until.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            keys.Untag(Key, GuardConfiguration.DefaultSuspendTagKey);
        }

        callsSeen = keys.Calls.Count;
    }

    private KeyFacts ReadKey()
    {
        var tags = keys.Tags.GetValueOrDefault(Key.ToString()) ?? [];
        return new KeyFacts(
            keys.StateOf(Key),
            HistoryRecords.KindOf(keys.PolicyOf(Key)),
            keys.RotationEnabled.Contains(Key.ToString()),
            GuardedKeyTag.IsMarked(tags),
            tags.TryGetValue(GuardConfiguration.DefaultSuspendTagKey, out var until) ? DateTimeOffset.Parse(until, CultureInfo.InvariantCulture) : null);
    }
}

/// <summary>One step as it ran: what it was, what the model said, the key after it and the alerts it sent.</summary>
internal sealed record TakenStep(string What, Expectation Expected, KeyFacts Key, IReadOnlyList<SentAlert> Sent);
