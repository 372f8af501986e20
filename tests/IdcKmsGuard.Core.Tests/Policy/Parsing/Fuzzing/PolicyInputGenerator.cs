using System.Text;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing.Fuzzing;

/// <summary>
/// Seeded inputs for the parser: policies built from the grammar, structure-aware mutations of them and of the
/// documented policies (swapped types, dropped and repeated elements, deep nesting, huge strings, unpaired
/// surrogates, numbers at the limits), text-level damage, and random JSON. Same seed, same inputs.
/// </summary>
internal sealed partial class PolicyInputGenerator
{
    private readonly Random random;
    private readonly string[] seeds;

    public PolicyInputGenerator(int seed, IEnumerable<string> seedPolicies)
    {
        random = new Random(seed);
        seeds = [.. seedPolicies];
    }

    /// <returns>The input and the name of the strategy that made it.</returns>
    public (string Input, string Strategy) Next()
    {
        var roll = random.Next(100);
        return roll switch
        {
            < 15 => (GrammarPolicy().Write(Indent()), "grammar"),
            < 50 => (Mutated(SeedTree(), random.Next(1, 5)).Write(Indent()), "structure"),
            < 75 => (DamageText(random.Next(2) == 0 ? Pick(seeds) : Mutated(SeedTree(), 1).Write(Indent())), "text"),
            < 85 => (RandomValue(random.Next(1, 7)).Write(Indent()), "random-json"),
            _ => (Extreme(), "extreme"),
        };
    }

    private JsonTree SeedTree() => random.Next(3) == 0 ? GrammarPolicy() : JsonTree.Parse(Pick(seeds));

    private string? Indent() => random.Next(4) switch
    {
        0 => null,
        1 => "  ",
        2 => "\t",
        _ => "    ",
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private bool Chance(int percent) => random.Next(100) < percent;

    private string RandomString(int maxLength)
    {
        var length = random.Next(maxLength + 1);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(RandomChar());
        }

        return builder.ToString();
    }

    /// <summary>Mostly printable ASCII; sometimes Latin-1, controls, characters beyond U+00FF, or a lone surrogate.</summary>
    private char RandomChar() => random.Next(20) switch
    {
        0 => (char)random.Next(0x80, 0x100),
        1 => (char)random.Next(0, 0x20),
        2 => (char)random.Next(0x100, 0xD800),
        3 => (char)random.Next(0xD800, 0xE000),
        _ => (char)random.Next(0x20, 0x7F),
    };
}
