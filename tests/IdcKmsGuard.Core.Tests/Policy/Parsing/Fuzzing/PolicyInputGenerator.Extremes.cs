using System.Text;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing.Fuzzing;

/// <summary>Whole inputs at the edges the parser must refuse cleanly.</summary>
internal sealed partial class PolicyInputGenerator
{
    /// <summary>Inputs at the edges: depth, size, and the 32 KB boundary.</summary>
    private string Extreme()
    {
        var policy = GrammarPolicy().Write();
        switch (random.Next(5))
        {
            case 0:
                var depth = random.Next(1, 12_000);
                return new string('[', depth) + new string(']', Chance(80) ? depth : random.Next(depth));
            case 1:
                var objects = random.Next(1, 3_000);
                return new StringBuilder().Insert(0, "{\"Statement\":", objects).Append('1').Append('}', objects).ToString();
            case 2: // padded to within a few bytes of the limit, either side
                var target = 32_768 + random.Next(-4, 5);
                var padding = Math.Max(0, target - Encoding.UTF8.GetByteCount(policy) - 1);
                return policy + "\n" + new string(' ', padding);
            case 3:
                return string.Concat(Enumerable.Repeat(policy, random.Next(2, 60)));
            default:
                return new string((char)random.Next(0, 0x10000), random.Next(0, 40_000));
        }
    }
}
