namespace IdcKmsGuard.Cli.Commands;

/// <summary>A command that calls AWS: runs on valid settings and returns its exit code.</summary>
internal interface IAsyncCliCommand<in TSettings>
    where TSettings : ICommandSettings
{
    Task<int> ExecuteAsync(TSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken);
}
