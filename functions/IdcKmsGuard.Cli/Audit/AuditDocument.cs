using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Auditing;

namespace IdcKmsGuard.Cli.Audit;

/// <summary>`audit --json`: the verdict, then per instance its encryption, keys and findings.</summary>
internal sealed record AuditDocument(string Verdict, string? Worst, string At, IReadOnlyList<AuditInstanceDocument> Instances)
{
    public static AuditDocument From(AuditReport report, Severity failOn) => new(
        report.IsHealthy(failOn) ? "healthy" : "unhealthy",
        report.Worst is { } worst ? AlertRenderer.Name(worst) : null,
        report.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        [.. report.Instances.Select(AuditInstanceDocument.From)]);
}

internal sealed record AuditInstanceDocument(
    string InstanceArn,
    string Account,
    string? PrimaryRegion,
    IReadOnlyList<string> Regions,
    string Encryption,
    string? KeyArn,
    string EncryptionStatus,
    IReadOnlyList<AuditFindingDocument> Findings,
    IReadOnlyList<AuditKeyDocument> Keys,
    IReadOnlyList<string> Notes)
{
    public static AuditInstanceDocument From(InstanceAudit audit) => new(
        audit.Instance.InstanceArn,
        audit.Instance.OwnerAccountId,
        audit.Instance.PrimaryRegion,
        [.. audit.Instance.Regions.Select(r => r.Name)],
        audit.Instance.Encryption.KeyType.ToString(),
        audit.Instance.Encryption.KmsKeyArn?.ToString(),
        audit.Instance.Encryption.Status.ToString(),
        [.. audit.Findings.Select(AuditFindingDocument.From)],
        [.. audit.Keys.Select(AuditKeyDocument.From)],
        audit.Notes);
}

/// <param name="Rotation">"on", "off" or null (not read: a replica, or other key material).</param>
/// <param name="Policy">"healthy", "unhealthy" or null (not read).</param>
internal sealed record AuditKeyDocument(
    string Region,
    string Role,
    string KeyArn,
    string? State,
    string? Rotation,
    string? Policy,
    IReadOnlyList<AuditFindingDocument> Findings)
{
    public static AuditKeyDocument From(AuditedKey key) => new(
        key.Region,
        key.Role == KeyRole.Primary ? "primary" : "replica",
        key.Arn.ToString(),
        key.Snapshot?.State.ToString(),
        key.RotationEnabled switch { true => "on", false => "off", null => null },
        key.Policy is null ? null : key.Policy.IsHealthy ? "healthy" : "unhealthy",
        [.. key.Findings.Select(AuditFindingDocument.From)]);
}

internal sealed record AuditFindingDocument(string Rule, string Severity, string Message)
{
    public static AuditFindingDocument From(Finding finding) => new(finding.RuleId, AlertRenderer.Name(finding.Severity), finding.Message);
}
