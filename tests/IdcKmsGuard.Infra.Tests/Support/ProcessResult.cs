namespace IdcKmsGuard.Infra.Tests.Support;

public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Everything a failure message needs: the command, how it ended, and all it printed.</summary>
    public string Describe() =>
        $"""
        `{CommandLine}` {(TimedOut ? "timed out" : $"exited with {ExitCode}")}.
        --- stdout ---
        {StandardOutput}
        --- stderr ---
        {StandardError}
        """;
}
