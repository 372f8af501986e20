using IdcKmsGuard.Cli.Commands;

namespace IdcKmsGuard.Cli.Replay;

/// <param name="Events">The event files, replayed in this order.</param>
/// <param name="Aws">Region, profile, endpoint, --config (a configuration document instead of the SSM parameter).</param>
/// <param name="TopicArn">Publish alerts here (with <paramref name="Apply"/>); null: show them only.</param>
/// <param name="Apply">--apply: change what the guard would change. Without it a replay is a dry run: an event from a
/// dead-letter queue may be old, or not what it seems, and the key has moved on since.</param>
/// <param name="DryRunAsked">--dry-run: the default said out loud; refused together with --apply.</param>
internal sealed record ReplaySettings(
    IReadOnlyList<string> Events,
    AwsCallSettings Aws,
    string? StateTable,
    string? TopicArn,
    bool Apply,
    bool DryRunAsked,
    bool Json) : ICommandSettings
{
    public bool DryRun => !Apply;

    /// <summary>The topic alerts are published to; a dry run publishes nothing and shows the alerts instead.</summary>
    public string? PublishTo => DryRun ? null : TopicArn;

    public ValidationResult Validate() =>
        Apply && DryRunAsked ? ValidationResult.Error("give --apply or --dry-run, not both.", ExitCodes.Usage) : ValidationResult.Success;
}
