namespace IdcKmsGuard.Core.Configuration;

/// <summary>Where the configuration document is kept: the SSM parameter, or a local file for the CLI and tests.</summary>
public interface IConfigurationDocumentSource
{
    /// <summary>Where the document lives, for people: "ssm:/idckmsguard/configuration".</summary>
    string Origin { get; }

    /// <returns>The document, or null when the source does not exist (a deleted parameter: the guard keeps the last
    /// good configuration, or changes nothing, and says so).</returns>
    /// <exception cref="Errors.GuardException">The source could not be read (an AWS error, an unreadable file).</exception>
    Task<ConfigurationDocument?> ReadAsync(CancellationToken cancellationToken);
}
