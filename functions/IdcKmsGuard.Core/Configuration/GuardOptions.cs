using IdcKmsGuard.Core.Events;

namespace IdcKmsGuard.Core.Configuration;

/// <param name="RemediationEnabled">False: alert only, change nothing.</param>
/// <param name="GuardRoleArn">The guard's own IAM role; events it caused are verified, never acted on again.</param>
/// <param name="OrgId">The organization, for the requests administrators and managed applications make (null: assumed the key's own).</param>
/// <param name="DelegatedAdminAccounts">Accounts whose administrators also manage Identity Center.</param>
public sealed record GuardOptions(bool RemediationEnabled, string? GuardRoleArn, string? OrgId = null, IReadOnlyList<string>? DelegatedAdminAccounts = null)
{
    public IReadOnlyList<string> DelegatedAdminAccounts { get; } = DelegatedAdminAccounts ?? [];

    /// <summary>The deployment lets the guard switch Identity Center back to an approved key (a separate opt-in:
    /// sso:UpdateInstance is granted only then).</summary>
    public bool MaySwitchEncryption { get; init; }

    /// <summary>Runbook links (the stack's RunbookBaseUrl), account and its label, and document version of every alert.</summary>
    public Alerts.AlertFormat AlertFormat { get; init; } = Alerts.AlertFormat.Default;

    /// <summary>
    /// The keys the deployment lets the guard switch Identity Center to (the stack's SwitchTargetKeys): a key approved
    /// only by a configuration edit never is, so whoever may write the parameter cannot have the guard move Identity
    /// Center onto a key of their own. The function always sets it (empty: none); null, for a guard built in code, lets
    /// the configuration's approved keys decide.
    /// </summary>
    public IReadOnlyList<Keys.KeyArn>? SwitchTargets { get; init; }

    /// <summary>How often Lambda delivers an event: the first attempt and its asynchronous retries (the template's
    /// MaximumRetryAttempts + 1). The last one reports whatever it could not finish instead of asking for a retry.</summary>
    public int DeliveryAttempts { get; init; } = 3;

    /// <summary>How often SQS delivers a follow-up before it goes to the dead-letter queue (the queue's maxReceiveCount).</summary>
    public int FollowUpAttempts { get; init; } = 5;

    /// <summary>The key that encrypts the alert topic: every alert and alarm goes through it, so the sweep checks it.</summary>
    public Keys.KeyArn? AlertTopicKeyArn { get; init; }

    /// <summary>The longest a key's suspend tag may hold remediation back: a tag that asks for more is ignored and
    /// reported (a suspension "until 9999" is a way to switch the guard off, not maintenance).</summary>
    public TimeSpan MaxSuspension { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The first wait before a throttled change is sent again (full jitter, doubling, at most 2 s).</summary>
    public TimeSpan ChangeBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The guard's own change: the role behind the session is exactly the guard's role (partition, account, path and
    /// name). A role of the same name in another account, or a session without its issuer, is somebody else.
    /// </summary>
    public bool IsGuard(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Kind == ActorType.AssumedRole && IsGuardRole(actor.SessionIssuerArn);
    }

    /// <summary>The role behind a session is exactly the guard's role.</summary>
    public bool IsGuardRole(string? roleArn) =>
        !string.IsNullOrEmpty(GuardRoleArn) && string.Equals(roleArn, GuardRoleArn, StringComparison.Ordinal);
}
