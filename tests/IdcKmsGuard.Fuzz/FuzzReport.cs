using System.Globalization;
using System.Text;

namespace IdcKmsGuard.Fuzz;

/// <summary>Writes progress and failures to the console and each failing input to a file of its own.</summary>
internal sealed class FuzzReport(string outDirectory, TextWriter console)
{
    private const int MaxSavedFailures = 50;
    private readonly object gate = new();
    private int saved;

    public void Line(string text)
    {
        lock (gate)
        {
            console.WriteLine(text);
            console.Flush();
        }
    }

    public void Failure(FuzzWorker worker, long index, string strategy, string input, string failure)
    {
        var path = Save($"crash-seed{worker.Seed}-input{index}", input);
        Line($"UNEXPECTED: worker {worker.Number} (seed {worker.Seed}) input {index:N0} ({strategy}, {input.Length:N0} chars) saved to {path}\n{failure}");
    }

    public void Hang(FuzzWorker worker, string input, long index, TimeSpan elapsed, TimeSpan timeout)
    {
        var path = Save($"hang-seed{worker.Seed}-input{index}", input);
        Line($"HANG: worker {worker.Number} (seed {worker.Seed}) input {index:N0} ({input.Length:N0} chars) has run {elapsed.TotalMilliseconds:N0} ms " +
             $"(limit {timeout.TotalMilliseconds:N0} ms); saved to {path}");
    }

    private string Save(string name, string input)
    {
        if (Interlocked.Increment(ref saved) > MaxSavedFailures)
        {
            return "(not saved: too many)";
        }

        Directory.CreateDirectory(outDirectory);
        var path = Path.GetFullPath(Path.Combine(outDirectory, name + ".txt"));

        // The .txt is readable but turns unpaired surrogates into U+FFFD; the .hex twin keeps the exact UTF-16 code
        // units, four hex digits each.
        File.WriteAllText(path, input, new UTF8Encoding(false));
        var hex = new StringBuilder(input.Length * 4);
        foreach (var c in input)
        {
            hex.Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }

        File.WriteAllText(Path.ChangeExtension(path, ".hex"), hex.ToString());
        return path;
    }
}
