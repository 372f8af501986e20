using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Aws.Composition;

/// <summary>Where and how a guard runs: what the function reads from its environment, and what replay takes as flags.</summary>
/// <param name="AlertTopicArn">Null: alerts are not published (replay without a topic shows them instead).</param>
/// <param name="ConfigurationParameter">The SSM parameter with the configuration; null: the defaults.</param>
/// <param name="StateTable">The DynamoDB table; null: stateless.</param>
public sealed record GuardDeployment(
    string Region,
    string? AlertTopicArn,
    bool RemediationEnabled,
    string? GuardRoleArn,
    string? OrgId,
    IReadOnlyList<string> DelegatedAdminAccounts,
    string? ConfigurationParameter,
    string? StateTable)
{
    /// <summary>The guard may switch Identity Center back to an approved key (IDC-ENCRYPTION-APPROVED remediation).</summary>
    public bool MaySwitchEncryption { get; init; }

    /// <summary>The SQS queue that brings re-checks of an UPDATING key switch back to the guard; null: none.</summary>
    public string? FollowUpQueueUrl { get; init; }

    public Core.FollowUps.FollowUpSchedule FollowUpSchedule { get; init; } = Core.FollowUps.FollowUpSchedule.Standard;

    /// <summary>Lambda's deliveries of one event (first attempt and asynchronous retries).</summary>
    public int DeliveryAttempts { get; init; } = 3;

    /// <summary>SQS's deliveries of one follow-up (the queue's maxReceiveCount).</summary>
    public int FollowUpAttempts { get; init; } = 5;

    /// <summary>The key that encrypts the alert topic, which the sweep checks; null: not checked.</summary>
    public KeyArn? AlertTopicKeyArn { get; init; }
}
