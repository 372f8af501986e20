namespace IdcKmsGuard.Cli.Commands;

/// <summary>What is wrong with a command's settings, each problem an `error:` line, and the exit code that reports it.</summary>
internal sealed record ValidationResult(IReadOnlyList<string> Problems, int ExitCode)
{
    public static ValidationResult Success { get; } = new([], ExitCodes.Ok);

    public bool IsValid => Problems.Count == 0;

    public static ValidationResult Error(string problem, int exitCode = ExitCodes.Usage) => new([problem], exitCode);
}
