namespace IdcKmsGuard.Cli.Tests;

/// <summary>One in-process run of the CLI: exit code and what it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args) => With(CliServices.FromProcess, args);

    /// <summary>Runs with the given credentials and environment, e.g. an account on the stand-in.</summary>
    public static CliRun With(CliServices services, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApp.Run(args, output, error, services);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
