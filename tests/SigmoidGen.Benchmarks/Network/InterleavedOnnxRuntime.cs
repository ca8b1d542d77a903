using System.Runtime.Intrinsics;
using SigmoidGen.Benchmarks.Infrastructure;
using SigmoidGen.Benchmarks.Layers;

namespace SigmoidGen.Benchmarks.Network;

/// <summary>
/// Issue 17's ratios to ONNX Runtime on a loaded machine: the benchmark methods of <see cref="OnnxRuntimeLayerBenchmarks"/>
/// (ORT, ours on row-major weights, ours on packed weights) for one or more cases, plus the Fast sigmoid's layer and
/// network, all timed in turn in one process: per round every method runs one burst of calls (about 40 µs), the order
/// rotated every round, for many rounds. Each method reports the minimum and the median time per call, and its ratio to
/// ORT from the minima and per round (both saw the same machine state). Separate BenchmarkDotNet runs drift by 2× here.
/// Run: <c>dotnet run -c Release --project tests/SigmoidGen.Benchmarks -- --interleaved-ort [rounds] [case,case…]</c>,
/// cases as in <see cref="OnnxRuntimeLayerBenchmarks.Case"/> (default <c>455x30x16,Quickstart455</c>; <c>QuickstartN</c> runs the
/// network on N rows, so a list of them sweeps the batch).
/// </summary>
public static class InterleavedOnnxRuntime
{
    /// <summary>The command-line switch that runs this harness instead of BenchmarkDotNet.</summary>
    public const string Switch = "--interleaved-ort";

    /// <summary>Target length of one burst of calls.</summary>
    private const double BurstNanoseconds = 40_000;

    public static int Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0]) : 2_000;
        string[] cases = (args.Length > 1 ? args[1] : "455x30x16,Quickstart455").Split(',');
        var methods = new List<(string Case, string Name, Func<float> Call)>();
        var keep = new List<IDisposable>();
        foreach (string c in cases)
        {
            var benchmark = new OnnxRuntimeLayerBenchmarks { Case = c };
            benchmark.SetupSigmoidGen(); // checks ours (row-major and packed) against ORT within 1e-5, and warms up
            keep.Add(benchmark);
            int? networkRows = OnnxRuntimeLayerBenchmarks.NetworkRows(c);
            bool network = networkRows is not null;
            methods.Add((c, "ORT", benchmark.OnnxRuntime));
            methods.Add((c, network ? "ours" : "ours row-major", benchmark.SigmoidGen));
            if (!network)
            {
                methods.Add((c, "ours packed", benchmark.SigmoidGenPacked));
            }

            if (c == "455x30x16")
            {
                methods.Add((c, "ours row-major Fast", FastLayer(455)));
            }

            if (network)
            {
                methods.Add((c, "ours Fast", FastNetwork(networkRows!.Value)));
                (Func<float> both, Func<float> output) = QuickstartLayers(networkRows.Value);
                methods.Add((c, "its 2 layers alone", both));
                methods.Add((c, "its 16->1 alone", output));
            }
        }

        InterleavedRounds.WarmUp(methods.Select(m => m.Call));
        int[] burst = methods.Select(m => Math.Max(1, (int)(BurstNanoseconds / InterleavedRounds.NanosecondsPerCall(m.Call, 200)))).ToArray();
        double[][] times = InterleavedRounds.Run(methods.Select(m => m.Call).ToList(), burst, rounds);

        string path = Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : Vector128.IsHardwareAccelerated ? "Vector128" : "scalar";
        Console.WriteLine($"{path}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {rounds} rounds, each method one burst of ~{BurstNanoseconds / 1000:F0} µs per round in rotating order; µs per call; ratio = ORT / ours (> 1: ours faster)");
        for (int m = 0; m < methods.Count; m++)
        {
            int ort = methods.FindIndex(x => x.Case == methods[m].Case && x.Name == "ORT");
            double[] perRound = times[ort].Zip(times[m], (o, s) => o / s).ToArray();
            double[] sorted = [.. times[m]];
            Array.Sort(sorted);
            Array.Sort(perRound);
            double ortMin = times[ort].Min();
            Console.WriteLine(
                $"  {methods[m].Case,-14} {methods[m].Name,-20} min {sorted[0] / 1000,8:F3}  median {At(sorted, 0.5) / 1000,8:F3}" +
                (m == ort ? string.Empty : $"   ratio min/min {ortMin / sorted[0],5:F2}  per round median {At(perRound, 0.5),5:F2} (p25 {At(perRound, 0.25):F2}, p75 {At(perRound, 0.75):F2})"));
        }

        foreach (IDisposable d in keep)
        {
            d.Dispose();
        }

        return 0;
    }

    /// <summary>The 30 → 16 layer with the Fast sigmoid on random data.</summary>
    private static Func<float> FastLayer(int rows)
    {
        var random = new Random(5);
        float[] x = Random(random, rows * 30, 1), w = Random(random, 16 * 30, 0.2), b = Random(random, 16, 0.1), y = new float[rows * 16];
        return () =>
        {
            OnnxComparedLayers.I30xO16Fast(x, w, b, y);
            return y[^1];
        };
    }

    /// <summary>The Quickstart network's two layers called one after the other (no network glue), and its 16 → 1 layer alone.</summary>
    private static (Func<float> Both, Func<float> Output) QuickstartLayers(int rows)
    {
        var random = new Random(9);
        float[] x = Random(random, rows * 30, 1), w0 = Random(random, 16 * 30, 0.2), b0 = Random(random, 16, 0.1), h = new float[rows * 16];
        float[] w1 = Random(random, 16, 0.3), b1 = Random(random, 1, 0.1), y = new float[rows];
        OnnxComparedLayers.I30xO16(x, w0, b0, h);
        return (
            () =>
            {
                OnnxComparedLayers.I30xO16(x, w0, b0, h);
                OnnxComparedLayers.I16xO1(h, w1, b1, y);
                return y[^1];
            },
            () =>
            {
                OnnxComparedLayers.I16xO1(h, w1, b1, y);
                return y[^1];
            });
    }

    /// <summary>The Quickstart network with the Fast sigmoid.</summary>
    private static Func<float> FastNetwork(int rows)
    {
        var network = new QuickstartNetFast();
        network.Initialize(NetworkData.InitSeed);
        float[] x = Random(new Random(7), rows * 30, 1), y = new float[rows];
        return () =>
        {
            network.Predict(x, y);
            return y[^1];
        };
    }

    private static float[] Random(Random random, int length, double scale)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2) - 1) * scale);
        }

        return values;
    }

    private static double At(double[] sorted, double fraction) => sorted[(int)(fraction * (sorted.Length - 1))];
}
