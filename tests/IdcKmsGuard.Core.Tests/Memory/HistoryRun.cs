using System.Globalization;
using System.Text;

namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>
/// Runs one history through a world with the real guard (<see cref="IGuardWorld"/>) and through the
/// <see cref="ReferenceModel"/>, and compares them after every step: the key, and what people heard.
/// </summary>
internal sealed class HistoryRun
{
    private readonly IGuardWorld world;
    private readonly ReferenceModel model = new(KeyFacts.Healthy, ModelConfiguration.Defaults);
    private readonly List<(KeyChange Change, string Record)> undelivered = [];
    private readonly List<(KeyChange Change, string Record)> delivered = [];
    private readonly StringBuilder transcript = new();
    private int changes;

    private HistoryRun(IGuardWorld world) => this.world = world;

    /// <summary>What each step did, up to the end or the first step where the guard and the model part.</summary>
    public List<TakenStep> Taken { get; } = [];

    /// <summary>Null when the guard did what the model says at every step; otherwise the step where it did not, and the
    /// history up to it.</summary>
    public string? Disagreement { get; private set; }

    public static HistoryRun Of(IReadOnlyList<Step> steps, IGuardWorld world)
    {
        var run = new HistoryRun(world);
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
        world.NextStep();
        var now = world.Now;
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
        var alerts = world.TakeAlerts();
        var key = world.ReadKey();
        Taken.Add(new TakenStep(what, expected, key, alerts));
        transcript.Append(CultureInfo.InvariantCulture, $"{number,3}. {now:HH:mm:ss.fff} {what}: model {expected}; sent {(alerts.Count == 0 ? "nothing" : string.Join(" + ", alerts))}\n");
        return AlertsAgainstModel.Disagreement(expected, key, alerts) is { } disagreement ? $"Step {number} ({what}): {disagreement}" : null;
    }

    private (string, Expectation) Apply(Change change, DateTimeOffset now)
    {
        if (KeyActions.Apply(change.What, model.Key, now) is not { } after)
        {
            return ($"{change} (KMS refuses it now: skipped)", Expectation.Quiet(model.Key));
        }

        world.SetKey(after);
        var description = change.ToString();
        KeyChange? made = null;
        if (KeyActions.SubjectOf(change.What) is { } subject)
        {
            var id = $"change-{++changes}";
            var eventName = KeyActions.EventNameOf(change.What);
            made = new KeyChange(id, Enum.Parse<ChangeActor>(change.Who.ToString()), subject, after.ValueOf(subject), now, eventName ?? change.What.ToString());
            if (eventName is not null)
            {
                undelivered.Add((made, HistoryRecords.Record(made, subject == Subject.Policy ? world.Policies.Text(after.Policy) : null, world)));
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
        Learn(world.Deliver(next.Record), now);
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
        Learn(world.Deliver(repeat.Record), now);
        return ($"deliver again {repeat.Change}", expected);
    }

    private Expectation SweepNow(DateTimeOffset now)
    {
        var expected = model.Swept(now);
        Learn(world.Sweep(), now);
        return expected;
    }

    private (string, Expectation) Reconfigure(Configure configure, DateTimeOffset now)
    {
        var next = model.Configuration.Edited(configure.Edit, KeyFacts.Rules[configure.Rule % KeyFacts.Rules.Count], now);
        model.Configure(next);
        world.Configure(next.ToDocument(world.Account));
        return ($"configure: {next}", Expectation.Quiet(model.Key));
    }

    private (string, Expectation) AdvanceBy(Advance advance)
    {
        world.Advance(TimeSpan.FromMinutes(advance.Minutes));
        return ($"{advance.Minutes} minutes pass", Expectation.Quiet(model.Key));
    }

    // The guard's own changes leave CloudTrail records too, which the guard's rules deliver back to it (late, or twice).
    private void Learn(IReadOnlyList<GuardCall> calls, DateTimeOffset now)
    {
        foreach (var call in calls)
        {
            if (KeyActions.GuardCall(call.Operation) is var (subject, leftAs))
            {
                var made = new KeyChange($"guard-{++changes}", ChangeActor.Guard, subject, leftAs, now, call.Operation);
                undelivered.Add((made, HistoryRecords.Record(made, call.Policy, world)));
            }
        }
    }
}

/// <summary>One step as it ran: what it was, what the model said, the key after it and the alerts it sent.</summary>
internal sealed record TakenStep(string What, Expectation Expected, KeyFacts Key, IReadOnlyList<SentAlert> Sent);
