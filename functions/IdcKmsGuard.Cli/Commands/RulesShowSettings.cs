namespace IdcKmsGuard.Cli.Commands;

/// <param name="Aws">--config FILE, or --config-parameter NAME with the Region, profile and endpoint to read it; neither: the defaults.</param>
internal sealed record RulesShowSettings(AwsCallSettings Aws, bool Json) : ICommandSettings
{
    public string? ConfigPath => Aws.ConfigPath;

    public ValidationResult Validate() => ValidationResult.Success;
}
