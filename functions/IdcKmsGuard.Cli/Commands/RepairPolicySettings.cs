namespace IdcKmsGuard.Cli.Commands;

/// <param name="NarrowDenies">The repair may exempt the Identity Center services from a Deny that blocks them.</param>
internal sealed record RepairPolicySettings(PolicySettings Policy, bool NarrowDenies) : ICommandSettings
{
    public ValidationResult Validate() => Policy.Validate();
}
