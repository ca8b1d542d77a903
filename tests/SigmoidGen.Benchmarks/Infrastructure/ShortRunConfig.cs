using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace SigmoidGen.Benchmarks.Infrastructure;

/// <summary>
/// A short job for a small shared machine: one process, 3 warm-up and 9 measured iterations of about 250 ms each,
/// reporting the median (plus GFLOP/s and samples/s columns for benchmarks that count them). Everything runs on one
/// thread, except the <c>Parallel</c> method of <c>ParallelForwardBenchmarks</c>, which uses the thread pool.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(9)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            .WithId("Short"));
        AddColumn(StatisticColumn.Median, new GflopsColumn(), new SamplesPerSecondColumn());
        HideColumns(Column.Job, Column.LaunchCount, Column.WarmupCount, Column.IterationCount, Column.IterationTime);
    }
}
