using System.Text;
using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Aws.Configuration;

/// <summary>
/// The configuration document in a local file, for the CLI (--config) and tests. A file named on purpose must
/// exist: a missing one is a problem, not "use the defaults" as a missing SSM parameter is.
/// </summary>
public sealed class FileConfigurationSource(string path) : IConfigurationDocumentSource
{
    public string Origin { get; } = $"file:{path}";

    /// <exception cref="ConfigurationSourceException">The file is missing or unreadable.</exception>
    public async Task<ConfigurationDocument?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            return new ConfigurationDocument(Decode(bytes), Origin, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationSourceException(Origin, e.Message, e);
        }
    }

    /// <summary>UTF-8, without the byte order mark some editors write (JSON parsers refuse it).</summary>
    public static string Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Encoding.UTF8.GetString(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsSpan(3) : bytes);
    }
}
