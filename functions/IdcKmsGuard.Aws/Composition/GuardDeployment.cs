using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.FollowUps;

namespace IdcKmsGuard.Aws.Composition;

/// <summary>Where a guard runs and what it reaches there: what the function reads from its environment, and what replay
/// takes as flags. What the guard decides with is <see cref="Options"/>.</summary>
/// <param name="AlertTopicArn">Null: alerts are not published (replay without a topic shows them instead).</param>
public sealed record GuardDeployment(string Region, string? AlertTopicArn, GuardOptions Options)
{
    /// <summary>The SSM parameter with the configuration; null: the defaults.</summary>
    public string? ConfigurationParameter { get; init; }

    /// <summary>The DynamoDB table for handled events, known good policies and alert suppression; null: stateless.</summary>
    public string? StateTable { get; init; }

    /// <summary>The SQS queue that brings re-checks of an UPDATING key switch back to the guard; null: none.</summary>
    public string? FollowUpQueueUrl { get; init; }

    public FollowUpSchedule FollowUpSchedule { get; init; } = FollowUpSchedule.Standard;

    /// <summary>Each incident becomes a Security Hub finding in the guard's Region (the stack's SecurityHubFindings).</summary>
    public bool SecurityHubFindings { get; init; }

    /// <summary>The EventBridge bus each alert is put on (the stack's AlertEvents: "default"); null: none.</summary>
    public string? AlertEventBus { get; init; }
}
