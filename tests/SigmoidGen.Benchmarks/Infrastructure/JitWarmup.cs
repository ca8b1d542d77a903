using System.Diagnostics;

namespace SigmoidGen.Benchmarks.Infrastructure;

/// <summary>
/// Runs a benchmark method repeatedly in its <c>[GlobalSetup]</c>, before BenchmarkDotNet's pilot stage, so that
/// tiered compilation has promoted everything it calls to Tier 1 first. Without it, code that calls many small generic
/// methods (TensorPrimitives) was still in Tier 0 / instrumented code when the pilot chose the invocation count, and then
/// tiered up during (or after) the few short measured iterations: on this machine the TensorPrimitives forward+backward
/// at (32, 64, 32) measured 93 µs in one run and 33 µs in another. The generated kernels are
/// <c>AggressiveOptimization</c> (fully optimised on first call) and are not affected.
/// </summary>
public static class JitWarmup
{
    /// <summary>How long each benchmark method is run before measuring.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);

    /// <summary>Calls <paramref name="action"/> until <see cref="Duration"/> has passed (at least 3 times).</summary>
    public static void Run(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        for (int n = 0; n < 3 || stopwatch.Elapsed < Duration; n++)
        {
            action();
        }
    }
}
