using System.Diagnostics;
using System.Globalization;
using CsCheck;
using IdcKmsGuard.Core.Tests.Memory;

namespace IdcKmsGuard.StandInHistories;

/// <summary>
/// Runs the reference model's random histories through the published bootstrap on the stand-in and compares the two
/// after every step, as the unit suite's property test does with the in-memory adapters.
/// <code>
/// dotnet run -c Release --project tests/IdcKmsGuard.StandInHistories -- --bootstrap artifacts/publish/bootstrap
///     [--histories 200] [--jobs 6] [--seed SEED] [--logs DIR]
/// </code>
/// Needs the stand-in (IDCKMSGUARD_MOTO_ENDPOINT, or one is started). Exit 0 when every history agreed; 1 with the
/// shortest disagreeing history found, its step-by-step account and the seed that replays it.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var options = Options.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: --bootstrap PATH [--histories N] [--jobs N] [--seed SEED] [--logs DIR]");
            return 2;
        }

        Directory.CreateDirectory(options.Logs);
        var clock = Stopwatch.StartNew();
        var ran = 0;
        var steps = 0;
        try
        {
            Histories.OnTheRealClock.Sample(
                history =>
                {
                    using var world = new StandInGuardWorld(options.Bootstrap, options.Logs);
                    var run = HistoryRun.Of(history, world);
                    Interlocked.Increment(ref ran);
                    Interlocked.Add(ref steps, run.Taken.Count);
                    return run.Disagreement is null ? true : throw new InvalidOperationException(run.Disagreement);
                },
                seed: options.Seed,
                iter: options.Histories,
                threads: options.Jobs,
                print: Histories.Print);
        }
        catch (CsCheckException e)
        {
            Console.WriteLine($"The guard and the model disagree ({ran} histories run, {clock.Elapsed.TotalSeconds:F0} s):");
            Console.WriteLine(e.Message);
            Console.WriteLine($"The function's logs: {options.Logs}");
            return 1;
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{ran} histories ({steps} steps) through the published bootstrap on the stand-in agree with the reference model "
            + $"({clock.Elapsed.TotalSeconds:F0} s, {options.Jobs} at a time)."));
        return 0;
    }

    private sealed record Options(string Bootstrap, int Histories, int Jobs, string? Seed, string Logs)
    {
        public static Options? Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                values[args[i]] = args[i + 1];
            }

            if (!values.TryGetValue("--bootstrap", out var bootstrap) || !File.Exists(bootstrap) || args.Length % 2 != 0)
            {
                return null;
            }

            return new Options(
                Path.GetFullPath(bootstrap),
                int.Parse(values.GetValueOrDefault("--histories", "200"), CultureInfo.InvariantCulture),
                int.Parse(values.GetValueOrDefault("--jobs", "6"), CultureInfo.InvariantCulture),
                values.GetValueOrDefault("--seed"),
                values.GetValueOrDefault("--logs", Path.Combine(Path.GetTempPath(), $"idckmsguard-histories-{Environment.ProcessId}")));
        }
    }
}
