using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SigmoidGen.Benchmarks.Peak;

namespace SigmoidGen.Benchmarks.Layers;

/// <summary>
/// <c>--interleaved-narrow [rounds]</c>: issue 17's narrow and one-row layers (<see cref="NarrowLayerBenchmarks"/>'
/// methods, and the forward + backward of (32, 64, 32)) timed with a Stopwatch, every method in turn within each round,
/// each for about 2 ms of calls; the minimum and the median per call over the rounds (40 by default). On a host shared
/// with other loads BenchmarkDotNet measures methods minutes apart and its ratios mix different loads; here each
/// round's methods see about the same load, and the minimum is the least disturbed call. Prints per shape the times
/// and the ratios TensorPrimitives / generated, and for (32, 64, 32) the share of the widest path's FMA peak
/// (<see cref="FmaPeakKernels"/>, timed in the same rounds).
/// </summary>
public static partial class InterleavedNarrowLayers
{
    /// <summary>The command-line switch.</summary>
    public const string Switch = "--interleaved-narrow";

    private static readonly TimeSpan RoundTime = TimeSpan.FromMilliseconds(2);

    /// <summary>Runs the harness and prints one table per shape.</summary>
    public static int Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
        Console.WriteLine($"Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}; {rounds} rounds; {DateTime.UtcNow:HH:mm} UTC; load {Load()}");
        var methods = new List<Method>();
        foreach (LayerShape shape in new[] { LayerShape.B1048576_I1_O1, LayerShape.B1024_I30_O1, LayerShape.B1_I4_O8, LayerShape.B1_I64_O32, LayerShape.B32_I64_O32 })
        {
            var bench = new NarrowLayerBenchmarks { Shape = shape };
            bench.Setup();
            string name = shape.ToString();
            methods.Add(new Method(name, "Generated", () => bench.Generated()));
            methods.Add(new Method(name, "TensorPrimitives", () => bench.TensorPrimitives()));
            if (shape == LayerShape.B1048576_I1_O1)
            {
                methods.Add(new Method(name, "TensorPrimitivesSigmoidOnly", () => bench.TensorPrimitivesSigmoidOnly()));
            }

            methods.Add(new Method(name, "GeneratedForwardBackward", () => bench.GeneratedForwardBackward()));
            methods.Add(new Method(name, "TensorPrimitivesForwardBackward", () => bench.TensorPrimitivesForwardBackward()));
            AddScratch(shape, bench, methods);
        }

        const int PeakIterations = 2000;
        float peakSink = 0;
        methods.Add(new Method("Peak", "Fma", () => peakSink += Vector512.IsHardwareAccelerated ? FmaPeakKernels.Peak512(PeakIterations) : FmaPeakKernels.Peak256(PeakIterations)));

        foreach (Method method in methods)
        {
            method.Calibrate();
        }

        for (int round = 0; round < rounds; round++)
        {
            foreach (Method method in methods)
            {
                method.TimeOnce();
            }
        }

        Console.WriteLine($"after the rounds: {DateTime.UtcNow:HH:mm} UTC; load {Load()}; peak checksum {peakSink}");
        Method peak = methods[^1];
        double peakFlopsPerNs = 2.0 * FmaPeakKernels.Chains * PeakIterations * (Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256<float>.Count) / peak.Min;
        foreach (var group in methods.Take(methods.Count - 1).GroupBy(m => m.Shape))
        {
            Console.WriteLine(group.Key);
            Dictionary<string, Method> byName = group.ToDictionary(m => m.Name);
            foreach (Method method in group)
            {
                Console.WriteLine($"  {method.Name,-34} min {Format(method.Min),11}  median {Format(method.Median),11}");
            }

            Ratio(byName, "TensorPrimitives", "Generated", "forward");
            Ratio(byName, "TensorPrimitivesForwardBackward", "GeneratedForwardBackward", "forward + backward");
            Ratio(byName, "TensorPrimitivesSigmoidOnly", "Generated", "TP sigmoid alone / layer");
            if (group.Key == nameof(LayerShape.B32_I64_O32))
            {
                var (batch, inputs, outputs) = LayerShapes.Dimensions(LayerShape.B32_I64_O32);
                double flops = 2.0 * batch * inputs * outputs;
                Console.WriteLine($"  of the FMA peak ({peakFlopsPerNs:F1} flop/ns): forward {100 * flops / byName["Generated"].Min / peakFlopsPerNs:F0} %, " +
                    $"forward + backward {100 * 3 * flops / byName["GeneratedForwardBackward"].Min / peakFlopsPerNs:F0} %");
            }

            foreach (Method method in group.Where(m => m.Name.StartsWith("Scratch", StringComparison.Ordinal)))
            {
                string current = method.Name.Contains("ForwardBackward", StringComparison.Ordinal) ? "GeneratedForwardBackward" : "Generated";
                Console.WriteLine($"  {method.Name} / {current}: min {method.Min / byName[current].Min:F3}, median {method.Median / byName[current].Median:F3}");
            }
        }

        return 0;
    }

    /// <summary>A place for an uncommitted A/B copy: adds methods named "Scratch…" for <paramref name="shape"/>.</summary>
    static partial void AddScratch(LayerShape shape, NarrowLayerBenchmarks bench, List<Method> methods);

    private static void Ratio(Dictionary<string, Method> byName, string baseline, string generated, string what)
    {
        if (byName.TryGetValue(baseline, out Method? b) && byName.TryGetValue(generated, out Method? g))
        {
            Console.WriteLine($"  {what,-26} TP / generated: min {b.Min / g.Min,6:F2}x, median {b.Median / g.Median,6:F2}x");
        }
    }

    private static string Format(double nanoseconds) =>
        nanoseconds >= 10_000 ? $"{nanoseconds / 1000:F1} us" : $"{nanoseconds:F1} ns";

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

    /// <summary>One timed method: its calls per round (about <see cref="RoundTime"/>) and its time per call each round.</summary>
    private sealed class Method(string shape, string name, Action call)
    {
        private readonly List<double> _nanosecondsPerCall = [];
        private int _calls = 1;

        public string Shape { get; } = shape;

        public string Name { get; } = name;

        public double Min => _nanosecondsPerCall.Min();

        public double Median
        {
            get
            {
                var sorted = _nanosecondsPerCall.Order().ToList();
                return sorted[sorted.Count / 2];
            }
        }

        /// <summary>Warms the method up (tiered JIT) for 0.5 s, then sets the calls per round.</summary>
        public void Calibrate()
        {
            var warm = Stopwatch.StartNew();
            long calls = 0;
            while (warm.ElapsedMilliseconds < 500)
            {
                call();
                calls++;
            }

            _calls = (int)Math.Max(1, calls * RoundTime.TotalMilliseconds / warm.Elapsed.TotalMilliseconds);
        }

        /// <summary>One round's burst (fully optimised at once, as <see cref="InterleavedRounds.NanosecondsPerCall"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void TimeOnce()
        {
            long start = Stopwatch.GetTimestamp();
            for (int n = 0; n < _calls; n++)
            {
                call();
            }

            _nanosecondsPerCall.Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / _calls);
        }
    }
}
