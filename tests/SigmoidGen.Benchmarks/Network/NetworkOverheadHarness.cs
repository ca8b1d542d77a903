using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SigmoidGen.Benchmarks.Network;

/// <summary>
/// The network's one-row overhead (issue 17: within 1.3× its layers called alone) measured so that it holds on a loaded
/// machine: <see cref="NetworkOverheadBenchmarks.Network"/> and <see cref="NetworkOverheadBenchmarks.Layers"/> — the
/// benchmark's own methods, on the same data — alternate in short bursts of 100 calls, the order swapped every round, for
/// many rounds, and the ratio is taken per round (both sides saw the same machine state) as well as from each side's
/// minimum. Separate BenchmarkDotNet runs are no good for this ratio here: on a shared 2-vCPU VM the same code runs in
/// 54 ns or 83 ns a call depending on what the other vCPU does, for seconds at a time.
/// Run: <c>dotnet run -c Release --project tests/SigmoidGen.Benchmarks -- --overhead [rounds] [rows]</c>.
/// </summary>
public static class NetworkOverheadHarness
{
    /// <summary>The command-line switch that runs this harness instead of BenchmarkDotNet.</summary>
    public const string Switch = "--overhead";

    private const int Burst = 100;

    public static int Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0]) : 20_000;
        int rows = args.Length > 1 ? int.Parse(args[1]) : 1;
        var benchmark = new NetworkOverheadBenchmarks { Rows = rows };
        benchmark.Setup(); // checks that both sides compute the same numbers, and warms both up (tiered compilation)
        Thread.Sleep(300); // let the last tier-up finish
        Time(benchmark, true, 10_000);

        var network = new double[rounds];
        var layers = new double[rounds];
        var ratio = new double[rounds];
        for (int k = 0; k < rounds; k++)
        {
            bool networkFirst = (k & 1) == 0;
            double first = Time(benchmark, networkFirst, Burst);
            double second = Time(benchmark, !networkFirst, Burst);
            network[k] = networkFirst ? first : second;
            layers[k] = networkFirst ? second : first;
            ratio[k] = network[k] / layers[k];
        }

        Array.Sort(network);
        Array.Sort(layers);
        Array.Sort(ratio);
        string path = Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : Vector128.IsHardwareAccelerated ? "Vector128" : "scalar";
        Console.WriteLine($"{path}, {rows} row(s), {rounds} rounds of {Burst} calls each side, ns per call:");
        Console.WriteLine($"  network  min {network[0]:F1}  p5 {At(network, 0.05):F1}  median {At(network, 0.5):F1}");
        Console.WriteLine($"  layers   min {layers[0]:F1}  p5 {At(layers, 0.05):F1}  median {At(layers, 0.5):F1}");
        Console.WriteLine($"  ratio    min/min {network[0] / layers[0]:F3}  per round: p25 {At(ratio, 0.25):F3}  median {At(ratio, 0.5):F3}  p75 {At(ratio, 0.75):F3}");
        return 0;
    }

    /// <summary>Nanoseconds per call of <paramref name="count"/> calls of one side (fully optimised at once, as <see cref="InterleavedRounds.NanosecondsPerCall"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Time(NetworkOverheadBenchmarks benchmark, bool network, int count)
    {
        long start = Stopwatch.GetTimestamp();
        if (network)
        {
            for (int i = 0; i < count; i++)
            {
                benchmark.Network();
            }
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                benchmark.Layers();
            }
        }

        return (Stopwatch.GetTimestamp() - start) * (1e9 / Stopwatch.Frequency) / count; // not a TimeSpan: its ticks are 100 ns
    }

    private static double At(double[] sorted, double fraction) => sorted[(int)(fraction * (sorted.Length - 1))];
}
