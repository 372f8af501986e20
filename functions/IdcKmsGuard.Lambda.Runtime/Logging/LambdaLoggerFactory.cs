using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Lambda.Runtime.Logging;

public sealed class LambdaLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, LambdaLogger> loggers = new(StringComparer.Ordinal);
    private readonly LogEntryWriter writer;
    private readonly LogOutput lines;
    private readonly Stream output;
    private readonly bool ownsOutput;

    public LambdaLoggerFactory(LambdaLoggerOptions options, Stream output, TimeProvider timeProvider)
        : this(options, output, timeProvider, Random.Shared.NextDouble, ownsOutput: false)
    {
    }

    internal LambdaLoggerFactory(
        LambdaLoggerOptions options, Stream output, TimeProvider timeProvider, Func<double> nextRandom, bool ownsOutput)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(nextRandom);
        Options = options;
        Context = new LambdaLogContext(options.SamplingRate, nextRandom);
        this.output = output;
        this.ownsOutput = ownsOutput;
        lines = new LogOutput(output);
        writer = new LogEntryWriter(options, Context, new LogScopeStack(), timeProvider, lines);
    }

    public LambdaLoggerOptions Options { get; }

    public LambdaLogContext Context { get; }

    // Raw stdout, not Console.Out: Lambda's log capture must see our JSON line as is, not wrapped by another formatter.
    public static LambdaLoggerFactory CreateForStandardOutput(IEnvironmentVariables environment, TimeProvider timeProvider) =>
        new(
            LambdaLoggerOptions.FromEnvironment(environment),
            Console.OpenStandardOutput(),
            timeProvider,
            Random.Shared.NextDouble,
            ownsOutput: true);

    public ILogger CreateLogger(string categoryName)
    {
        ArgumentNullException.ThrowIfNull(categoryName);
        return loggers.GetOrAdd(categoryName, static (name, writer) => new LambdaLogger(name, writer), writer);
    }

    /// <summary>Writes a line that is already JSON (an Embedded Metric Format document) as is, between log lines.</summary>
    public void WriteRawLine(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        lines.WriteLine(System.Text.Encoding.UTF8.GetBytes(json.ReplaceLineEndings(string.Empty) + "\n"));
    }

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("LambdaLoggerFactory writes only Powertools-shaped JSON lines to its own output.");

    public void Dispose()
    {
        if (ownsOutput)
        {
            output.Dispose();
        }
    }
}
