using System.CommandLine;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`rules validate`'s argument, and its value as <see cref="RulesValidateSettings"/>.</summary>
internal sealed class RulesValidateOptions
{
    public Argument<string> File { get; } = new("FILE") { Description = "The configuration document (JSON); '-' reads standard input." };

    public Command Definition() => new("validate", "Check a configuration document exactly as the guard reads it.") { File };

    public RulesValidateSettings Bind(ParseResult parse) => new(parse.GetValue(File)!);
}
