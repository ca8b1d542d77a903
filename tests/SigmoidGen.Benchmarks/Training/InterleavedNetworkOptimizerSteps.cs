using System.Diagnostics;
using System.Runtime.Intrinsics;
using SigmoidGen.Benchmarks.Layers;

namespace SigmoidGen.Benchmarks.Training;

/// <summary>
/// <c>--interleaved-network-optimizers [rounds]</c>: the methods of <see cref="OptimizerStepBenchmarks"/> (a one-layer
/// network's <c>TrainStep</c> with plain SGD, <c>SigmoidSgd</c> with momentum, <c>SigmoidAdam</c>, and the
/// TensorPrimitives step followed by a plain-loop Adam) and of <see cref="OptimizerEpochBenchmarks"/> (the Quickstart
/// network's Adam epoch against the TensorPrimitives network's), timed with a Stopwatch, every method in turn within
/// each round. Ratios are taken within each round, then their median over the rounds (the host changes speed within
/// seconds; a round lasts tens of milliseconds); the ratio of the minimums is printed beside it.
/// </summary>
public static class InterleavedNetworkOptimizerSteps
{
    /// <summary>The command-line switch.</summary>
    public const string Switch = "--interleaved-network-optimizers";

    /// <summary>Runs the harness and prints one table per shape, then the epochs.</summary>
    public static int Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 21;
        Console.WriteLine($"Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}; {rounds} rounds; load {Load()}");
        foreach (LayerShape shape in new[] { LayerShape.B64_I784_O128, LayerShape.B256_I512_O512 })
        {
            var bench = new OptimizerStepBenchmarks { Shape = shape };
            bench.Setup();
            (string Name, Action Step)[] methods =
            [
                ("Sgd", () => bench.Sgd()),
                ("Momentum", () => bench.Momentum()),
                ("Adam", () => bench.Adam()),
                ("TensorPrimitivesAdam", () => bench.TensorPrimitivesAdam()),
            ];
            int steps = shape == LayerShape.B64_I784_O128 ? 40 : 6;
            Report($"{shape} network step", methods, rounds, steps, [(2, 0, "Adam / Sgd"), (1, 0, "Momentum / Sgd"), (3, 2, "TensorPrimitivesAdam / Adam")]);
        }

        var epoch = new OptimizerEpochBenchmarks();
        epoch.Setup();
        (string Name, Action Step)[] epochs =
        [
            ("GeneratedAdam", () => epoch.GeneratedAdam()),
            ("TensorPrimitivesAdam", () => epoch.TensorPrimitivesAdam()),
        ];
        Report("Quickstart Adam epoch", epochs, rounds, 20, [(1, 0, "TensorPrimitivesAdam / GeneratedAdam")]);
        return 0;
    }

    private static void Report(string title, (string Name, Action Step)[] methods, int rounds, int steps, (int Method, int Baseline, string Label)[] ratios)
    {
        foreach (var (_, method) in methods)
        {
            var warm = Stopwatch.StartNew();
            while (warm.ElapsedMilliseconds < 500)
            {
                method();
            }
        }

        var times = methods.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < methods.Length; k++)
            {
                var watch = Stopwatch.StartNew();
                for (int s = 0; s < steps; s++)
                {
                    methods[k].Step();
                }

                times[k].Add(watch.Elapsed.TotalMicroseconds / steps);
            }
        }

        Console.WriteLine($"{title} ({rounds} rounds x {steps} calls), load {Load()}");
        for (int k = 0; k < methods.Length; k++)
        {
            Console.WriteLine($"  {methods[k].Name,-22} median {Median(times[k]),10:F1} us  min {times[k].Min(),10:F1} us");
        }

        foreach (var (method, baseline, label) in ratios)
        {
            double perRound = Median(Enumerable.Range(0, rounds).Select(r => times[method][r] / times[baseline][r]).ToList());
            Console.WriteLine($"  {label}: per-round median {perRound:F2}, of mins {times[method].Min() / times[baseline].Min():F2}");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Load()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
