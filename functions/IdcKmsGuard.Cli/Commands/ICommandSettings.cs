namespace IdcKmsGuard.Cli.Commands;

/// <summary>A command's values, bound and typed; what one option means next to another is checked here, before the command runs.</summary>
internal interface ICommandSettings
{
    ValidationResult Validate();
}
