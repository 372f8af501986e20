namespace IdcKmsGuard.Cli.Commands;

/// <param name="ConfigPath">The configuration document; null: the defaults.</param>
internal sealed record RulesShowSettings(string? ConfigPath, bool Json) : ICommandSettings
{
    public ValidationResult Validate() => ValidationResult.Success;
}
