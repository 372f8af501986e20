using System.Diagnostics;
using IdcKmsGuard.Core.Tests.Policy.Parsing.Fuzzing;

namespace IdcKmsGuard.Fuzz;

/// <summary>
/// One thread of inputs from its own seed. The watchdog reads <see cref="Running"/> from another thread: the input in
/// progress and when it started, so a hang is reported with the input that caused it.
/// </summary>
internal sealed class FuzzWorker(int number, int seed, IReadOnlyList<string> seedPolicies, FuzzReport report)
{
    private readonly object gate = new();
    private string? current;
    private long startedAt;
    private long inputs;

    public int Number { get; } = number;

    public int Seed { get; } = seed;

    public long Inputs => Interlocked.Read(ref inputs);

    public long Accepted { get; private set; }

    public long Unexpected { get; private set; }

    public TimeSpan ParseTime { get; private set; }

    public TimeSpan Slowest { get; private set; }

    public int SlowestLength { get; private set; }

    public Dictionary<string, long> Strategies { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Shapes { get; } = new(StringComparer.Ordinal);

    public (string Input, long Index, TimeSpan Elapsed)? Running
    {
        get
        {
            lock (gate)
            {
                return current is null ? null : (current, Inputs, Stopwatch.GetElapsedTime(startedAt));
            }
        }
    }

    public void Run(CancellationToken stop)
    {
        var generator = new PolicyInputGenerator(Seed, seedPolicies);
        while (!stop.IsCancellationRequested)
        {
            var (input, strategy) = generator.Next();
            lock (gate)
            {
                current = input;
                startedAt = Stopwatch.GetTimestamp();
            }

            var result = ParseProbe.Run(input);
            TimeSpan elapsed;
            lock (gate)
            {
                elapsed = Stopwatch.GetElapsedTime(startedAt);
                current = null;
            }

            Record(input, strategy, result, elapsed);
        }
    }

    private void Record(string input, string strategy, ParseProbeResult result, TimeSpan elapsed)
    {
        var index = Interlocked.Increment(ref inputs) - 1;
        ParseTime += elapsed;
        if (elapsed > Slowest)
        {
            Slowest = elapsed;
            SlowestLength = input.Length;
        }

        Strategies[strategy] = Strategies.GetValueOrDefault(strategy) + 1;
        Accepted += result.Accepted ? 1 : 0;
        if (result.Location is not null)
        {
            var shape = ParseProbe.Shape(result.Location);
            Shapes[shape] = Shapes.GetValueOrDefault(shape) + 1;
        }

        if (result.Failure is not null)
        {
            Unexpected++;
            report.Failure(this, index, strategy, input, result.Failure);
        }
    }
}
