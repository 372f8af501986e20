using System.Diagnostics;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Fuzz;

/// <summary>Runs the workers for the given time, watches every input against the timeout, and sums up.</summary>
internal sealed class FuzzSession(FuzzOptions options, IReadOnlyList<string> seedPolicies, FuzzReport report)
{
    public const int ExitOk = 0;
    public const int ExitUnexpected = 1;
    public const int ExitHang = 2;

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(15);

    public int Run()
    {
        // JIT and type loading happen here, not inside the first timed input.
        foreach (var policy in seedPolicies)
        {
            _ = Core.Tests.Policy.Parsing.Fuzzing.ParseProbe.Run(policy);
        }

        report.Line($"IdcKmsGuard.Fuzz: KeyPolicyParser, seed {options.Seed}, {options.Workers} worker(s), {options.Minutes:0.##} min, " +
                    $"hang limit {options.TimeoutMs:N0} ms per input, {seedPolicies.Count} seed policies, JSON depth limit {KeyPolicyParser.MaxJsonDepth}");

        var workers = Enumerable.Range(0, options.Workers).Select(n => new FuzzWorker(n, options.Seed + (n * 7919), seedPolicies, report)).ToList();
        using var stop = new CancellationTokenSource();
        var threads = workers.Select(w => new Thread(() => w.Run(stop.Token)) { IsBackground = true, Name = $"fuzz-{w.Number}" }).ToList();
        var clock = Stopwatch.StartNew();
        threads.ForEach(t => t.Start());

        var nextProgress = ProgressEvery;
        while (clock.Elapsed < options.Duration)
        {
            Thread.Sleep(Tick);
            foreach (var worker in workers)
            {
                if (worker.Running is { } running && running.Elapsed > options.Timeout)
                {
                    report.Hang(worker, running.Input, running.Index, running.Elapsed, options.Timeout);
                    Summary(workers, clock.Elapsed, hangs: 1);
                    return ExitHang; // the hung thread is a background thread: returning ends the process
                }
            }

            if (clock.Elapsed >= nextProgress)
            {
                var inputs = workers.Sum(w => w.Inputs);
                report.Line($"  {clock.Elapsed:mm\\:ss}  {inputs,12:N0} inputs  {inputs / clock.Elapsed.TotalSeconds,9:N0}/s  unexpected {workers.Sum(w => w.Unexpected)}");
                nextProgress += ProgressEvery;
            }
        }

        stop.Cancel();
        threads.ForEach(t => t.Join());
        var elapsed = clock.Elapsed;
        Summary(workers, elapsed, hangs: 0);
        return workers.Sum(w => w.Unexpected) > 0 ? ExitUnexpected : ExitOk;
    }

    private void Summary(List<FuzzWorker> workers, TimeSpan elapsed, int hangs)
    {
        // Read while a hung worker may still be inside Parse: the counters are then approximate, which is fine.
        var inputs = workers.Sum(w => w.Inputs);
        var accepted = workers.Sum(w => w.Accepted);
        var unexpected = workers.Sum(w => w.Unexpected);
        var parseSeconds = workers.Sum(w => w.ParseTime.TotalSeconds);
        var slowest = workers.MaxBy(w => w.Slowest)!;
        report.Line(
            $"done: {elapsed.TotalMinutes:N2} min, {inputs:N0} inputs, {inputs / elapsed.TotalSeconds:N0} inputs/s " +
            $"(parser alone {inputs / Math.Max(parseSeconds, 1e-9):N0}/s per worker)\n" +
            $"  accepted {accepted:N0} ({100.0 * accepted / Math.Max(inputs, 1):N1}%), rejected with PolicyParseException {inputs - accepted - unexpected:N0}, " +
            $"unexpected exceptions {unexpected}, hangs {hangs}\n" +
            $"  slowest input {slowest.Slowest.TotalMilliseconds:N2} ms ({slowest.SlowestLength:N0} chars)\n" +
            $"  strategies: {Join(Merge(workers.Select(w => w.Strategies)))}");

        var shapes = Merge(workers.Select(w => w.Shapes));
        report.Line($"  error locations reached: {shapes.Count} distinct; most frequent: {Join(shapes.Take(12))}");
    }

    private static List<KeyValuePair<string, long>> Merge(IEnumerable<Dictionary<string, long>> counts) =>
        counts.SelectMany(c => c)
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, long>(g.Key, g.Sum(c => c.Value)))
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();

    private static string Join(IEnumerable<KeyValuePair<string, long>> counts) => string.Join(", ", counts.Select(c => $"{c.Key} {c.Value:N0}"));
}
