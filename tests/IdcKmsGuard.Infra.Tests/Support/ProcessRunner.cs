using System.ComponentModel;
using System.Diagnostics;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Infra.Tests.Support;

/// <summary>Runs a command-line tool from the repository root and keeps everything it printed.</summary>
internal static class ProcessRunner
{
    /// <returns>The result, or null when the program is not installed (not found on PATH).</returns>
    public static async Task<ProcessResult?> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var commandLine = string.Join(' ', [program, .. arguments]);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start `{commandLine}`.");
        }
        catch (Win32Exception)
        {
            return null;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(timeout);
            var timedOut = false;
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            return new ProcessResult(commandLine, process.ExitCode, await output, await error, timedOut);
        }
    }
}
