namespace IdcKmsGuard.Cli.Tests;

/// <summary>One in-process run of the CLI: exit code and what it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApp.Run(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
