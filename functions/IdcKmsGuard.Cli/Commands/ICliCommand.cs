namespace IdcKmsGuard.Cli.Commands;

/// <summary>A command that runs on valid settings and returns its exit code.</summary>
internal interface ICliCommand<in TSettings>
    where TSettings : ICommandSettings
{
    int Execute(TSettings settings, TextWriter output, TextWriter error);
}
