using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using SigmoidGen.Benchmarks.Infrastructure;

namespace SigmoidGen.Benchmarks.Peak;

/// <summary>
/// FMA throughput: <see cref="FmaPeakKernels.Chains"/> independent chains × <see cref="Iterations"/> iterations.
/// GFLOP/s = 2 · lanes · chains · iterations / time. Vector512 is software-emulated on CPUs without AVX-512.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class FmaPeakBenchmarks : IFlopCounted
{
    public const int Iterations = 1_000_000;

    public double FlopsPerInvocation(string benchmarkMethod) =>
        2.0 * FmaPeakKernels.Chains * Iterations * (benchmarkMethod == nameof(Vector512Fma) ? Vector512<float>.Count : Vector256<float>.Count);

    [Benchmark(Baseline = true)]
    public float Vector256Fma() => FmaPeakKernels.Peak256(Iterations);

    [Benchmark]
    public float Vector512Fma() => FmaPeakKernels.Peak512(Iterations);
}
