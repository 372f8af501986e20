using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.Rules;

/// <param name="Runbook">What a person should do when the rule is violated and the guard could not fix it.
/// "{key}" and "{region}" are replaced with the key ARN and its Region.</param>
/// <param name="DefaultMode">The mode when configuration does not name the rule.</param>
/// <param name="RemediationActions">The IAM actions its remediation calls; empty for rules that only alert. The
/// template grants exactly the union of these (a test checks it).</param>
public sealed record GuardRule(
    string Id,
    Severity Severity,
    string Title,
    string Runbook,
    RuleMode DefaultMode = RuleMode.Alert,
    IReadOnlyList<string>? RemediationActions = null)
{
    public IReadOnlyList<string> RemediationActions { get; } = RemediationActions ?? [];

    public bool CanRemediate => RemediationActions.Count > 0;

    public string RunbookFor(string? keyArn, string? region) =>
        Runbook.Replace("{key}", keyArn ?? "<key ARN>", StringComparison.Ordinal)
            .Replace("{region}", region ?? "<region>", StringComparison.Ordinal);
}
