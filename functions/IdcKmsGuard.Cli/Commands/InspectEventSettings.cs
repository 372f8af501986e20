namespace IdcKmsGuard.Cli.Commands;

/// <param name="Path">The event file; "-" reads standard input.</param>
internal sealed record InspectEventSettings(string Path, bool Json) : ICommandSettings
{
    public ValidationResult Validate() => ValidationResult.Success;
}
