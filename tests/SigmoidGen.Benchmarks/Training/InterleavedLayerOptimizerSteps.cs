using System.Diagnostics;
using System.Runtime.Intrinsics;
using SigmoidGen.Benchmarks.Layers;

namespace SigmoidGen.Benchmarks.Training;

/// <summary>
/// <c>--interleaved-layer-optimizers [rounds]</c>: the methods of <see cref="LayerOptimizerStepBenchmarks"/> timed with a
/// Stopwatch, every method in turn within each round; medians and minimums over the rounds, and each ratio taken within
/// every round, then its median. On a host shared with other loads, BenchmarkDotNet measures methods minutes apart and
/// its ratios mix different loads; here each round's methods see about the same load. Besides the five steps, it times the two halves of the unfused step: the generated backward
/// alone and <see cref="SigmoidOptimizerSteps"/>' Adam pass alone (what the fused step saves or adds is the difference).
/// </summary>
public static class InterleavedLayerOptimizerSteps
{
    /// <summary>The command-line switch.</summary>
    public const string Switch = "--interleaved-layer-optimizers";

    /// <summary>Runs the harness and prints one table per shape.</summary>
    public static int Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 21;
        Console.WriteLine($"Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}; {rounds} rounds; load {Load()}");
        foreach (LayerShape shape in new[] { LayerShape.B64_I784_O128, LayerShape.B256_I512_O512 })
        {
            var bench = new LayerOptimizerStepBenchmarks { Shape = shape };
            bench.SetupSgd();
            var (batch, inputs, outputs) = LayerShapes.Dimensions(shape);
            var random = new Random(7);
            float[] x = Fill(batch * inputs, () => (random.NextSingle() * 2f) - 1f);
            float[] w = Fill(inputs * outputs, () => (random.NextSingle() - 0.5f) * 0.1f);
            float[] y = Fill(batch * outputs, () => 0.02f + (0.96f * random.NextSingle()));
            float[] t = Fill(batch * outputs, () => random.Next(2));
            float[] dw = new float[w.Length], db = new float[outputs], m = new float[w.Length], v = new float[w.Length];
            long step = 0;
            void Backward()
            {
                _ = shape == LayerShape.B64_I784_O128
                    ? LayerSteps.Backward784x128(x, w, y, t, dw, db)
                    : LayerSteps.Backward512x512(x, w, y, t, dw, db);
            }

            void Update()
            {
                SigmoidOptimizerSteps.Adam(w, dw, m, v, 1e-9, 0.9, 0.999, 1e-8, 0, false, ++step);
            }

            (string Name, Action Step)[] methods =
            [
                ("Sgd", () => bench.Sgd()),
                ("Momentum", () => bench.Momentum()),
                ("Adam", () => bench.Adam()),
                ("UnfusedAdam", () => bench.UnfusedAdam()),
                ("TensorPrimitivesAdam", () => bench.TensorPrimitivesAdam()),
                ("Backward alone", Backward),
                ("Adam update alone", Update),
            ];
            foreach (var (_, method) in methods)
            {
                var warm = Stopwatch.StartNew();
                while (warm.ElapsedMilliseconds < 500)
                {
                    method();
                }
            }

            int steps = shape == LayerShape.B64_I784_O128 ? 40 : 6;
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

            double[] medians = times.Select(Median).ToArray();
            double[] minimums = times.Select(t => t.Min()).ToArray();

            // The host changes speed by up to 2x within seconds; a round lasts tens of milliseconds, so the ratio of two
            // methods within each round, then its median over the rounds, is the steadiest number.
            double RoundRatio(int k, int baseline) => Median(Enumerable.Range(0, rounds).Select(r => times[k][r] / times[baseline][r]).ToList());
            Console.WriteLine($"{shape} ({rounds} rounds x {steps} steps), load {Load()}");
            Console.WriteLine($"  {"method",-22} {"median",10}     {"min",10}     {"x Sgd: per-round median",24}  {"of mins",8}");
            for (int k = 0; k < methods.Length; k++)
            {
                Console.WriteLine($"  {methods[k].Name,-22} {medians[k],10:F1} us  {minimums[k],10:F1} us  {RoundRatio(k, 0),24:F2}  {minimums[k] / minimums[0],8:F2}");
            }

            Console.WriteLine($"  TensorPrimitivesAdam / Adam {RoundRatio(4, 2):F2} (of mins {minimums[4] / minimums[2]:F2}), UnfusedAdam / Adam {RoundRatio(3, 2):F2} (of mins {minimums[3] / minimums[2]:F2})");
        }

        return 0;
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

    private static float[] Fill(int length, Func<float> next)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = next();
        }

        return values;
    }
}
