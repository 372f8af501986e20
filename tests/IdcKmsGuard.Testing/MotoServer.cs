using System.Diagnostics;

namespace IdcKmsGuard.Testing;

/// <summary>
/// The local AWS stand-in (infra/local/moto_server.py). Uses the server named by IDCKMSGUARD_MOTO_ENDPOINT when
/// set (CI starts one), otherwise starts its own on a free port for the test run.
/// </summary>
public sealed class MotoServer : IDisposable
{
    public const string EndpointVariable = "IDCKMSGUARD_MOTO_ENDPOINT";
    private static readonly Lazy<MotoServer> Shared = new(Start);
    private readonly Process? process;

    private MotoServer(Uri endpoint, Process? process)
    {
        Endpoint = endpoint;
        this.process = process;
    }

    public static MotoServer Instance => Shared.Value;

    public Uri Endpoint { get; }

    public void Dispose() => process?.Kill(entireProcessTree: true);

    private static MotoServer Start()
    {
        if (Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } configured)
        {
            return new MotoServer(new Uri(configured), null);
        }

        var start = new ProcessStartInfo("python3", ["-u", Path.Combine(RepoPaths.LocalInfra, "moto_server.py"), "--port", "0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start python3.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLine();
        const string Prefix = "moto listening on ";
        if (line is null || !line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"moto did not start (it printed '{line}'). Is moto installed? pip install \"moto[server]\"");
        }

        var server = new MotoServer(new Uri(line[Prefix.Length..].Trim()), process);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }
}
