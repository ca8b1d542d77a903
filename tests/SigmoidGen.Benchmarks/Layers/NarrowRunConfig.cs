using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SigmoidGen.Benchmarks.Infrastructure;

namespace SigmoidGen.Benchmarks.Layers;

/// <summary>
/// <see cref="ShortRunConfig"/>'s job (3 warm-up and 9 measured iterations of about 250 ms, medians), run in the
/// benchmark process itself: every method of <see cref="NarrowLayerBenchmarks"/> in one process, as issue 17's goals are
/// stated, and no per-run build of a boilerplate project (which timed out after 2 minutes on the loaded 2-core host).
/// </summary>
public sealed class NarrowRunConfig : ManualConfig
{
    public NarrowRunConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(9)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("ShortInProcess"));
        AddColumn(StatisticColumn.Median, new GflopsColumn());
        HideColumns(Column.Job, Column.LaunchCount, Column.WarmupCount, Column.IterationCount, Column.IterationTime);
    }
}
