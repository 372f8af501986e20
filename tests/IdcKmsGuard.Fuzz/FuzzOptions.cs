using System.Globalization;

namespace IdcKmsGuard.Fuzz;

/// <summary>Command line: --minutes 3 --seed 42 [--workers 1] [--timeout-ms 1000] [--out artifacts/fuzz].</summary>
internal sealed record FuzzOptions(double Minutes, int Seed, int Workers, int TimeoutMs, string Out)
{
    public const string Usage = "usage: IdcKmsGuard.Fuzz [--minutes 3] [--seed N] [--workers 1] [--timeout-ms 1000] [--out artifacts/fuzz]";

    public TimeSpan Duration => TimeSpan.FromMinutes(Minutes);

    public TimeSpan Timeout => TimeSpan.FromMilliseconds(TimeoutMs);

    /// <returns>The options, or null with <paramref name="error"/> set.</returns>
    public static FuzzOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new FuzzOptions(1, 1, 1, 1000, Path.Combine("artifacts", "fuzz"));
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            options = args[i] switch
            {
                "--minutes" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0 => options with { Minutes = m },
                "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var s) => options with { Seed = s },
                "--workers" when int.TryParse(value, CultureInfo.InvariantCulture, out var w) && w is > 0 and <= 64 => options with { Workers = w },
                "--timeout-ms" when int.TryParse(value, CultureInfo.InvariantCulture, out var t) && t > 0 => options with { TimeoutMs = t },
                "--out" when !string.IsNullOrWhiteSpace(value) => options with { Out = value },
                _ => null!,
            };
            if (options is null)
            {
                error = $"bad or incomplete argument '{args[i]}'";
                return null;
            }

            i++;
        }

        return options;
    }
}
