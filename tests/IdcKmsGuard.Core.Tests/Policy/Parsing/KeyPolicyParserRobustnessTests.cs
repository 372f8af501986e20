using System.Diagnostics;
using IdcKmsGuard.Core.Tests.Policy.Parsing.Fuzzing;
using Xunit.Abstractions;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing;

/// <summary>The unit-suite slice of tests/IdcKmsGuard.Fuzz: same generator, fixed seeds, a few seconds.</summary>
public sealed class KeyPolicyParserRobustnessTests(ITestOutputHelper output)
{
    private const int Inputs = 5_000;

    [Theory]
    [InlineData(20260101)]
    [InlineData(3)]
    public void Parse_WhenInputIsRandomOrMutated_ShouldReturnOrThrowOnlyPolicyParseException(int seed)
    {
        var seeds = ReferencePolicies.KeyPolicyFiles.Concat(ReferencePolicies.IamPolicyFiles).Select(ReferencePolicies.Read).ToList();
        var generator = new PolicyInputGenerator(seed, seeds);
        var failures = new List<string>();
        var accepted = 0;
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        var slowest = TimeSpan.Zero;

        for (var i = 0; i < Inputs; i++)
        {
            var (input, strategy) = generator.Next();
            var started = Stopwatch.GetTimestamp();
            var result = ParseProbe.Run(input);
            var elapsed = Stopwatch.GetElapsedTime(started);
            slowest = elapsed > slowest ? elapsed : slowest;
            accepted += result.Accepted ? 1 : 0;
            if (result.Location is not null)
            {
                shapes.Add(ParseProbe.Shape(result.Location));
            }

            if (result.Failure is not null)
            {
                failures.Add($"input {i} ({strategy}, {input.Length} chars): {result.Failure}\n{input[..Math.Min(input.Length, 500)]}");
            }
        }

        output.WriteLine($"{Inputs:N0} inputs: {accepted:N0} accepted, {shapes.Count} distinct error locations, slowest {slowest.TotalMilliseconds:N1} ms");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(3)));
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"slowest input took {slowest.TotalMilliseconds:N0} ms");

        // The generator must reach both sides of the grammar, or the test proves little.
        Assert.InRange(accepted, Inputs / 20, Inputs * 3 / 4);
        Assert.True(shapes.Count >= 30, $"only {shapes.Count} distinct error locations: {string.Join(", ", shapes)}");
    }

    [Fact]
    public void Shape_WhenLocationHasIndexesAndConditionNames_ShouldGeneralizeThem()
    {
        Assert.Equal("Statement[].Condition.*.*[]", ParseProbe.Shape("Statement[3].Condition.StringEquals.aws:SourceAccount[1]"));
        Assert.Equal("Statement[].Principal.AWS[]", ParseProbe.Shape("Statement[0].Principal.AWS[12]"));
        Assert.Equal("Policy", ParseProbe.Shape("Policy"));
        Assert.Equal("Statement[].*", ParseProbe.Shape("Statement[1].Effekt"));
    }
}
