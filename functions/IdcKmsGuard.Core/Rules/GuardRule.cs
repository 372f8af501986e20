using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.Rules;

/// <param name="Runbook">What a person should do when the rule is violated and the guard could not fix it.
/// "{key}" and "{region}" are replaced with the key ARN and its Region.</param>
public sealed record GuardRule(string Id, Severity Severity, string Title, string Runbook)
{
    public string RunbookFor(string? keyArn, string? region) =>
        Runbook.Replace("{key}", keyArn ?? "<key ARN>", StringComparison.Ordinal)
            .Replace("{region}", region ?? "<region>", StringComparison.Ordinal);
}
