using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.State;
using IdcKmsGuard.Core.Tests.Support;
using IdcKmsGuard.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>One guard over in-memory ports, keyed to the key that events/ names.</summary>
internal sealed class GuardScenario
{
    public static readonly KeyArn Key = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab");
    public const string GuardRoleArn = "arn:aws:iam::111122223333:role/idckmsguard/IdcKmsGuardFunctionRole";

    /// <param name="deliveryAttempts">How often Lambda delivers an event; 1: every attempt is the last.</param>
    /// <param name="alertTopicKey">The alert topic's key, which the sweep checks (null: none).</param>
    /// <param name="switchTargets">The deployment's SwitchTargetKeys (null: not set, the configuration decides).</param>
    public GuardScenario(
        KeyState state,
        bool remediate = true,
        string? policy = null,
        GuardConfiguration? configuration = null,
        ConfigurationSnapshot? snapshot = null,
        bool maySwitchEncryption = false,
        bool followUps = false,
        int deliveryAttempts = 3,
        KeyArn? alertTopicKey = null,
        IReadOnlyList<KeyArn>? switchTargets = null)
    {
        State = new InMemoryStateStore(Time);
        Snapshot = snapshot ?? new ConfigurationSnapshot(configuration ?? GuardConfiguration.Defaults, "test", [], false);
        Keys.Add(Key, state, policy ?? File.ReadAllText(Path.Combine(RepoPaths.Reference, "key-policies", "key-policy-baseline-2026.json")));
        Keys.AddAlias("alias/idc-identity", Key);
        Guard = new Guard(IdentityCenter, Keys, Publisher, new GuardOptions(remediate, GuardRoleArn) { MaySwitchEncryption = maySwitchEncryption, DeliveryAttempts = deliveryAttempts, ChangeBackoff = TimeSpan.Zero, AlertTopicKeyArn = alertTopicKey, SwitchTargets = switchTargets }, Time, NullLogger.Instance, _ => ReadConfiguration(), GuardStores.Of(State))
        {
            FollowUps = followUps ? Scheduler : null,
        };
    }

    public static DateTimeOffset Now { get; } = new(2026, 11, 30, 7, 3, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Now);

    /// <summary>What the configuration parameter holds now; set it to edit the configuration between events.</summary>
    public ConfigurationSnapshot Snapshot { get; set; }

    /// <summary>Called each time the guard reads its configuration, before it gets the answer.</summary>
    public Action? OnConfigurationRead { get; set; }

    public InMemoryKeyStore Keys { get; } = new();

    public InMemoryStateStore State { get; }

    public FakeIdentityCenter IdentityCenter { get; } = FakeIdentityCenter.UsingKey(Key);

    public RecordingPublisher Publisher { get; } = new();

    public RecordingScheduler Scheduler { get; } = new();

    public Guard Guard { get; }

    public Alert? LastAlert { get; private set; }

    /// <summary>The event file's text, as the guard receives it.</summary>
    public static string EventJson(string eventFile, Func<string, string>? edit = null)
    {
        var json = File.ReadAllText(RepoPaths.EventFile(eventFile));
        return edit is null ? json : edit(json);
    }

    /// <summary>A PutKeyPolicy record edited to carry <paramref name="policy"/>, as the call that put it would.</summary>
    public static string WithProposedPolicy(string json, string policy)
    {
        var record = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        record["detail"]!["requestParameters"]!["policy"] = policy;
        return record.ToJsonString();
    }

    private Task<ConfigurationSnapshot> ReadConfiguration()
    {
        OnConfigurationRead?.Invoke();
        return Task.FromResult(Snapshot);
    }

    public async Task<GuardResult> HandleAsync(string eventFile, Func<string, string>? edit = null)
    {
        var json = File.ReadAllText(RepoPaths.EventFile(eventFile));
        var result = await Guard.HandleAsync(EventReader.Read(edit is null ? json : edit(json)), CancellationToken.None);
        LastAlert = result.Alert;
        return result;
    }
}
