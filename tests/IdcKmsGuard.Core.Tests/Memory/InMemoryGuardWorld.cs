using System.Globalization;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.State;
using IdcKmsGuard.Core.Tests.Guarding;
using IdcKmsGuard.Core.Tests.Support;
using IdcKmsGuard.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>
/// The real <c>Guard</c> over the in-memory KMS, Identity Center and state table, on a fake clock that moves a
/// minute per step: fast enough for ten thousand histories per test run.
/// </summary>
internal sealed class InMemoryGuardWorld : IGuardWorld
{
    private const string ConfigurationOrigin = "ssm:/idckmsguard/configuration";
    private static readonly KeyArn Key = GuardScenario.Key;

    private readonly FakeTimeProvider time = new(GuardScenario.Now);
    private readonly InMemoryKeyStore keys = new();
    private readonly RecordingPublisher publisher = new();
    private readonly Guard guard;
    private ConfigurationSnapshot snapshot;
    private int callsSeen;
    private int alertsSeen;
    private int versions = 1;
    private int sweeps;

    public InMemoryGuardWorld()
    {
        keys.Add(Key, KeyState.Enabled, Policies.Baseline);
        keys.RotationEnabled.Add(Key.ToString());
        snapshot = Snapshot("""{"version": 1}""", 1);
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

    public string KeyArn => Key.ToString();

    public string Account => Key.Account;

    public PolicyTexts Policies { get; } = new(File.ReadAllText(Path.Combine(RepoPaths.Reference, "key-policies", "key-policy-baseline-2026.json")));

    public string GuardRoleArn => GuardScenario.GuardRoleArn;

    public bool CanAdvanceTime => true;

    public DateTimeOffset Now => time.GetUtcNow();

    public void NextStep() => time.Advance(TimeSpan.FromMinutes(1));

    public void Advance(TimeSpan span) => time.Advance(span);

    public void SetKey(KeyFacts key)
    {
        keys.SetState(Key, key.State);
        if (Policies.KindOf(keys.PolicyOf(Key)) != key.Policy)
        {
            keys.SetPolicy(Key, Policies.Text(key.Policy));
        }

        if (key.RotationOn)
        {
            keys.RotationEnabled.Add(Key.ToString());
        }
        else
        {
            keys.RotationEnabled.Remove(Key.ToString());
        }

        if (key.Guarded)
        {
            keys.Tag(Key, GuardedKeyTag.Key, GuardedKeyTag.Value);
        }
        else
        {
            keys.Untag(Key, GuardedKeyTag.Key);
        }

        if (key.SuspendedUntil is { } until)
        {
            keys.Tag(Key, GuardConfiguration.DefaultSuspendTagKey, until.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            keys.Untag(Key, GuardConfiguration.DefaultSuspendTagKey);
        }

        callsSeen = keys.Calls.Count;
    }

    public KeyFacts ReadKey()
    {
        var tags = keys.Tags.GetValueOrDefault(Key.ToString()) ?? [];
        return new KeyFacts(
            keys.StateOf(Key),
            Policies.KindOf(keys.PolicyOf(Key)),
            keys.RotationEnabled.Contains(Key.ToString()),
            GuardedKeyTag.IsMarked(tags),
            tags.TryGetValue(GuardConfiguration.DefaultSuspendTagKey, out var until) ? DateTimeOffset.Parse(until, CultureInfo.InvariantCulture) : null);
    }

    public void Configure(string document) => snapshot = Snapshot(document, ++versions);

    public IReadOnlyList<GuardCall> Deliver(string record) => Handle(EventReader.Read(record));

    public IReadOnlyList<GuardCall> Sweep()
    {
        var now = Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return Handle(EventReader.Read(GuardScenario.EventJson("scheduled-event.json", json => json
            .Replace("7bf73129-1428-4cd3-a780-95db273d1602", $"sweep-{++sweeps}", StringComparison.Ordinal)
            .Replace("2026-11-30T12:00:00Z", now, StringComparison.Ordinal))));
    }

    public IReadOnlyList<SentAlert> TakeAlerts()
    {
        var alerts = publisher.Published.Skip(alertsSeen).Select(a => SentAlert.Read(a.Json)).ToList();
        alertsSeen = publisher.Published.Count;
        return alerts;
    }

    public void Dispose()
    {
    }

    private static ConfigurationSnapshot Snapshot(string document, int version) =>
        new(ConfigurationParser.Parse(document), $"{ConfigurationOrigin} (version {version})", [], false)
        {
            Document = new ConfigurationDocument(document, ConfigurationOrigin, version.ToString(CultureInfo.InvariantCulture)),
        };

    private List<GuardCall> Handle(GuardEvent guardEvent)
    {
        guard.HandleAsync(guardEvent, CancellationToken.None).GetAwaiter().GetResult();
        var calls = keys.Calls.Skip(callsSeen)
            .Select(c => c.Split(' ')[0])
            .Select(operation => new GuardCall(operation, operation == "PutKeyPolicy" ? keys.PolicyOf(Key) : null))
            .ToList();
        callsSeen = keys.Calls.Count;
        return calls;
    }
}
