using IdcKmsGuard.Cli.Commands;

namespace IdcKmsGuard.Cli.Doctor;

internal sealed record DoctorSettings(AwsCallSettings Aws, string StackName, bool Json) : ICommandSettings
{
    public ValidationResult Validate() => ValidationResult.Success;
}
