namespace IdcKmsGuard.Core.Configuration;

/// <summary>Where the configuration document is kept: the SSM parameter, or a local file for the CLI and tests.</summary>
public interface IConfigurationDocumentSource
{
    /// <returns>The document, or null when there is none (the guard then runs on the defaults).</returns>
    /// <exception cref="Errors.GuardException">The source could not be read (an AWS error, an unreadable file).</exception>
    Task<ConfigurationDocument?> ReadAsync(CancellationToken cancellationToken);
}
