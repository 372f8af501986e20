namespace IdcKmsGuard.Cli.Commands;

/// <param name="InstanceArn">Pins the service statements to this instance; only with <paramref name="IdentityStoreArn"/>.</param>
internal sealed record BaselinePolicySettings(
    string Account,
    string? OrgId,
    IReadOnlyList<string> DelegatedAdmins,
    string? InstanceArn,
    string? IdentityStoreArn) : ICommandSettings
{
    public ValidationResult Validate() =>
        (InstanceArn is null) != (IdentityStoreArn is null)
            ? ValidationResult.Error("give --instance-arn and --identity-store-arn together.", ExitCodes.Usage)
            : ValidationResult.Success;
}
