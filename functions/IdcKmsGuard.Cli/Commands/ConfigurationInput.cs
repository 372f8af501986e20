using IdcKmsGuard.Aws.Configuration;
using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>Reads and parses a configuration file for the rules commands; on failure writes one line to the error output.</summary>
internal static class ConfigurationInput
{
    /// <summary>A standard SSM parameter, the tier the template creates.</summary>
    public const int StandardParameterLength = 4096;

    /// <returns><see cref="ExitCodes.Ok"/> with the configuration, <see cref="ExitCodes.BadInput"/> when the file cannot
    /// be read or the document is refused.</returns>
    public static int TryRead(string path, TextWriter error, out GuardConfiguration configuration, out string text)
    {
        configuration = GuardConfiguration.Defaults;
        if (TryReadText(path, error, out text) is var read and not ExitCodes.Ok)
        {
            return read;
        }

        try
        {
            configuration = ConfigurationParser.Parse(text);
            return ExitCodes.Ok;
        }
        catch (ConfigurationException e)
        {
            error.WriteLine($"error: {path}: {e.Location.ReplaceLineEndings(" ")}: {e.Problem}");
            return ExitCodes.BadInput;
        }
    }

    /// <returns><see cref="ExitCodes.Ok"/> with the file's text, <see cref="ExitCodes.BadInput"/> when it cannot be read.</returns>
    public static int TryReadText(string path, TextWriter error, out string text)
    {
        try
        {
            text = FileConfigurationSource.Decode(InputFile.ReadAllBytes(path));
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {path}: {e.Message.ReplaceLineEndings(" ")}");
            text = string.Empty;
            return ExitCodes.BadInput;
        }
    }
}
