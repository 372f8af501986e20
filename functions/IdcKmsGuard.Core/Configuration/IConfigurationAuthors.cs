namespace IdcKmsGuard.Core.Configuration;

/// <summary>Who wrote a version of the configuration document, where the source keeps it (SSM's parameter history).</summary>
public interface IConfigurationAuthors
{
    /// <returns>The principal that wrote this version; null when the source does not say.</returns>
    /// <exception cref="Errors.AwsCallException">The history could not be read.</exception>
    Task<string?> AuthorOfAsync(ConfigurationDocument document, CancellationToken cancellationToken);
}
