using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Benchmarks;

/// <summary>
/// BenchmarkDotNet's default loggers, columns, analysers and validators, plus median and P95 columns; the only report
/// written is GitHub markdown, in BenchmarkDotNet.Artifacts/results at the repo root (ignored by git).
/// </summary>
internal static class BenchmarkConfig
{
    public static string ArtifactsPath => Path.Combine(RepoPaths.Root, "BenchmarkDotNet.Artifacts");

    /// <param name="quick">One launch, 3 warm-ups, 3 iterations (BenchmarkDotNet's ShortRun): a smoke run, not a result.</param>
    public static IConfig Create(bool quick)
    {
        var defaults = DefaultConfig.Instance;
        var config = ManualConfig.CreateEmpty()
            .AddLogger([.. defaults.GetLoggers()])
            .AddColumnProvider([.. defaults.GetColumnProviders()])
            .AddAnalyser([.. defaults.GetAnalysers()])
            .AddValidator([.. defaults.GetValidators()])
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(ArtifactsPath);
        return quick ? config.AddJob(Job.ShortRun) : config;
    }
}
