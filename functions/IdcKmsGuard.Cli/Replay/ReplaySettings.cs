using IdcKmsGuard.Cli.Commands;

namespace IdcKmsGuard.Cli.Replay;

/// <param name="Events">The event files, replayed in this order.</param>
/// <param name="ConfigPath">--config: a configuration document instead of the SSM parameter.</param>
/// <param name="TopicArn">Publish alerts here (unless <paramref name="DryRun"/>); null: show them only.</param>
internal sealed record ReplaySettings(
    IReadOnlyList<string> Events,
    string? EndpointUrl,
    string? Region,
    string? ConfigPath,
    string? ConfigParameter,
    string? StateTable,
    string? TopicArn,
    bool DryRun,
    bool Json) : ICommandSettings
{
    /// <summary>The topic alerts are published to; a dry run publishes nothing and shows the alerts instead.</summary>
    public string? PublishTo => DryRun ? null : TopicArn;

    public ValidationResult Validate() => ValidationResult.Success;
}
