namespace IdcKmsGuard.Cli.Commands;

/// <param name="Path">The configuration document; "-" reads standard input.</param>
internal sealed record RulesValidateSettings(string Path) : ICommandSettings
{
    public ValidationResult Validate() => ValidationResult.Success;
}
