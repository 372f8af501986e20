namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>
/// Where a history runs: the real guard, the key it guards, its configuration, its clock and its alert topic. The
/// in-memory world runs the <c>Guard</c> over test doubles; the stand-in world runs the published bootstrap against
/// moto with the real state table.
/// </summary>
internal interface IGuardWorld : IDisposable
{
    /// <summary>The guarded key's ARN and the account, as the CloudTrail records of a history name them.</summary>
    string KeyArn { get; }

    string Account { get; }

    /// <summary>The key's healthy policy and the broken ones a history puts.</summary>
    PolicyTexts Policies { get; }

    /// <summary>The guard's own role: the records of its own changes name it.</summary>
    string GuardRoleArn { get; }

    /// <summary>Whether the world's clock can be moved on (the stand-in runs on the real one).</summary>
    bool CanAdvanceTime { get; }

    DateTimeOffset Now { get; }

    /// <summary>Moves to the next step: every step happens strictly later than the one before.</summary>
    void NextStep();

    void Advance(TimeSpan span);

    /// <summary>Somebody else's change: the key becomes <paramref name="key"/>.</summary>
    void SetKey(KeyFacts key);

    KeyFacts ReadKey();

    /// <summary>A new version of the configuration document.</summary>
    void Configure(string document);

    /// <summary>The guard gets <paramref name="record"/> as EventBridge and Lambda deliver it.</summary>
    /// <returns>The changes the guard made that CloudTrail records for its rules: each call, and the policy it put.</returns>
    IReadOnlyList<GuardCall> Deliver(string record);

    /// <summary>The scheduled sweep.</summary>
    IReadOnlyList<GuardCall> Sweep();

    /// <summary>The alerts the topic's subscriber received since the last call.</summary>
    IReadOnlyList<SentAlert> TakeAlerts();
}

/// <summary>A KMS call the guard made (EnableKey, CancelKeyDeletion, PutKeyPolicy), and the policy it put.</summary>
internal sealed record GuardCall(string Operation, string? Policy);
