using System.Text.RegularExpressions;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>
/// The command-line parser's complaints in the CLI's own words: one line each, naming the option and what it takes,
/// without the parser's layout (tabs, one allowed value per line).
/// </summary>
internal static partial class UsageErrors
{
    public static string OneLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (NotAllowed().Match(message) is { Success: true } refused)
        {
            var allowed = Quoted().Matches(refused.Groups["allowed"].Value).Select(m => m.Groups[1].Value);
            return $"'{refused.Groups["value"].Value}' is not one of: {string.Join(", ", allowed)}";
        }

        if (MissingOption().Match(message) is { Success: true } missing)
        {
            return $"{missing.Groups["option"].Value} needs a value";
        }

        if (RequiredOption().Match(message) is { Success: true } required)
        {
            return $"{required.Groups["option"].Value} is required";
        }

        if (MissingArgument().Match(message) is { Success: true } argument)
        {
            return $"{argument.Groups["command"].Value} needs an argument (see idckmsguard {argument.Groups["command"].Value} --help)";
        }

        return Whitespace().Replace(message, " ").Trim();
    }

    [GeneratedRegex(@"^Argument '(?<value>[^']*)' not recognized\. Must be one of:(?<allowed>.*)$", RegexOptions.Singleline)]
    private static partial Regex NotAllowed();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^Required argument missing for option: '(?<option>[^']+)'\.?$")]
    private static partial Regex MissingOption();

    [GeneratedRegex(@"^Option '(?<option>[^']+)' is required\.?$")]
    private static partial Regex RequiredOption();

    [GeneratedRegex(@"^Required argument missing for command: '(?<command>[^']+)'\.?$")]
    private static partial Regex MissingArgument();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
