using IdcKmsGuard.Cli.Commands;
using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Cli.Audit;

/// <param name="FailOn">Exit 2 when a finding reaches this severity.</param>
internal sealed record AuditSettings(AwsCallSettings Aws, bool Json, bool Explain, Severity FailOn) : ICommandSettings
{
    public ValidationResult Validate() => ValidationResult.Success;
}
