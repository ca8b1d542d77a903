using System.Runtime.Intrinsics;
using SigmoidGen.Benchmarks.Infrastructure;
using SigmoidGen.Benchmarks.Peak;

namespace SigmoidGen.Benchmarks.Layers;

/// <summary>
/// Issue 17's large shapes measured so that the ratios hold on a loaded machine: in one process, per round, each method
/// runs a burst of calls in turn (the order rotated every round) — the generated layer on row-major weights, on packed
/// weights, ONNX Runtime on the same layer (<see cref="OnnxRuntimeRunner"/>, as in <see cref="OnnxRuntimeLayerBenchmarks"/>),
/// ONNX Runtime packing W in every call instead of once per session (the like-for-like match of a row-major call),
/// the layer's forward then backward (with the input gradient), the Parallel layer, and the FMA peak kernel
/// (<see cref="FmaPeakKernels.Peak512"/> or <see cref="FmaPeakKernels.Peak256"/>, the widest path that runs). Printed per
/// method: min and median µs per call and GFLOP/s; the ratio to ONNX Runtime and the % of the FMA peak, each as the median
/// of the per-round values (both sides saw the same machine state) and from the two minima; the time per round against
/// the row-major layer; for Parallel, its speed-up over the row-major layer on one thread. A scratch file can add methods for an A/B of generated code
/// through <see cref="Extra"/> (e.g. the old generator's output compiled beside the new one under another class name).
/// Run: <c>dotnet run -c Release --project tests/SigmoidGen.Benchmarks -- --interleaved-large [rounds] [BxIxO,...]</c>.
/// </summary>
public static class InterleavedLargeLayers
{
    /// <summary>The command-line switch that runs this harness instead of BenchmarkDotNet.</summary>
    public const string Switch = "--interleaved-large";

    /// <summary>
    /// More methods to time beside the built-in ones (scratch A/B code registers them, for instance from a module
    /// initializer): a name, the (inputs, outputs) it serves, and the call (input, weights, packed weights, bias, output).
    /// Their outputs must agree with ONNX Runtime, except for a name ending in <c>*</c> (a part of a call, timed alone).
    /// </summary>
    public static readonly List<(string Name, int Inputs, int Outputs, LayerCall Call)> Extra = [];

    /// <summary>One forward call of a layer: input, row-major weights, packed weights, bias, output.</summary>
    public delegate void LayerCall(float[] input, float[] weights, float[] packedWeights, float[] bias, float[] output);

    private const double TargetMicroseconds = 400;   // per burst: long enough for the timer, short enough to interleave finely

    public static int Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0]) : 60;
        string[] cases = (args.Length > 1 ? args[1] : "64x784x128,256x512x512").Split(',');
        string path = Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : Vector128.IsHardwareAccelerated ? "Vector128" : "scalar";
        Console.WriteLine($"{path}, {rounds} rounds, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load {Load()}");
        foreach (string shape in cases)
        {
            int[] parts = shape.Split('x').Select(int.Parse).ToArray();
            RunCase(parts[0], parts[1], parts[2], rounds);
        }

        Console.WriteLine($"done {DateTime.UtcNow:HH:mm} UTC, load {Load()}");
        return 0;
    }

    private static void RunCase(int batch, int inputs, int outputs, int rounds)
    {
        var random = new Random(11);
        float[] weights = Fill(new float[inputs * outputs], random, 1.0 / Math.Sqrt(inputs));
        float[] bias = Fill(new float[outputs], random, 0.1);
        float[] packed = SigmoidPacking.Pack(weights, inputs, outputs);
        float[] input = Fill(new float[batch * inputs], random, 1.0);
        float[] output = new float[batch * outputs], ortOutput = new float[batch * outputs];
        float[] outputGradient = Fill(new float[batch * outputs], random, 1.0);
        float[] weightsGradient = new float[inputs * outputs], biasGradient = new float[outputs], inputGradient = new float[batch * inputs];
        var layer = new OneLayer(inputs, outputs, weights, bias);
        using var onnxRuntime = new OnnxRuntimeRunner(layer, input, ortOutput);
        float[] ortUnpackedOutput = new float[batch * outputs];
        using var ortUnpacked = new OnnxRuntimeRunner(layer, input, ortUnpackedOutput, prepack: false);

        var methods = new List<(string Name, Func<float> Call, double Flops)>();
        double forward = 2.0 * batch * inputs * outputs;
        LayerCall rowMajor = RowMajor(inputs, outputs), packedCall = Packed(inputs, outputs), parallel = Parallel(inputs, outputs);
        methods.Add(("row-major", () => { rowMajor(input, weights, packed, bias, output); return output[^1]; }, forward));
        methods.Add(("packed", () => { packedCall(input, weights, packed, bias, output); return output[^1]; }, forward));
        methods.Add(("ONNX Runtime", () => { onnxRuntime.Run(); return ortOutput[^1]; }, forward));
        methods.Add(("ORT, W packed per call", () => { ortUnpacked.Run(); return ortUnpackedOutput[^1]; }, forward));
        foreach ((string name, int i, int o, LayerCall call) in Extra.Where(e => e.Inputs == inputs && e.Outputs == outputs))
        {
            methods.Add((name, () => { call(input, weights, packed, bias, output); return output[^1]; }, forward));
        }

        BackwardCall backward = Backward(inputs, outputs);
        methods.Add(("forward+backward", () =>
        {
            rowMajor(input, weights, packed, bias, output);
            backward(input, weights, output, outputGradient, weightsGradient, biasGradient, inputGradient);
            return inputGradient[^1] + weightsGradient[^1];
        }, 3 * forward));
        methods.Add(("backward", () =>
        {
            backward(input, weights, output, outputGradient, weightsGradient, biasGradient, inputGradient);
            return inputGradient[^1] + weightsGradient[^1];
        }, 2 * forward));
        methods.Add(("Parallel", () => { parallel(input, weights, packed, bias, output); return output[^1]; }, forward));
        int peakIterations = 1000;
        bool wide = Vector512.IsHardwareAccelerated;
        double peakFlops = 2.0 * FmaPeakKernels.Chains * peakIterations * (wide ? Vector512<float>.Count : Vector256<float>.Count);
        methods.Add(("FMA peak", () => wide ? FmaPeakKernels.Peak512(peakIterations) : FmaPeakKernels.Peak256(peakIterations), peakFlops));

        // Every method must agree with ONNX Runtime (the same check as the BenchmarkDotNet class), then warm up.
        onnxRuntime.Run();
        ortUnpacked.Run();
        OnnxRuntimeRunner.CheckAgreement(ortUnpackedOutput, ortOutput, "ONNX Runtime without prepacking");
        foreach ((string name, Func<float> call, _) in methods.Where(m => m.Name is not ("ONNX Runtime" or "ORT, W packed per call" or "FMA peak" or "forward+backward" or "backward") && !m.Name.EndsWith('*')))
        {
            Array.Clear(output);
            call();
            OnnxRuntimeRunner.CheckAgreement(output, ortOutput, $"{name} on {batch}x{inputs}x{outputs}");
        }

        InterleavedRounds.WarmUp(methods.Select(m => m.Call));
        var calls = new int[methods.Count];
        for (int m = 0; m < methods.Count; m++)
        {
            double once = InterleavedRounds.NanosecondsPerCall(methods[m].Call, 5) / 1e3;   // µs
            calls[m] = Math.Max(1, (int)(TargetMicroseconds / once));
        }

        double[][] times = InterleavedRounds.Run(methods.Select(m => m.Call).ToList(), calls, rounds)
            .Select(t => t.Select(ns => ns / 1e3).ToArray()).ToArray();   // µs per call

        int ort = methods.FindIndex(m => m.Name == "ONNX Runtime"), peak = methods.Count - 1, single = 0;
        double[] peakRate = times[peak].Select(t => peakFlops / t).ToArray();   // flops per µs
        Console.WriteLine();
        Console.WriteLine($"({batch}, {inputs}, {outputs}): µs per call (min / median), GFLOP/s at the min; per round: ONNX Runtime time / this and % of that round's FMA peak (median; and from the two minima)");
        for (int m = 0; m < methods.Count; m++)
        {
            double[] t = times[m];
            double[] sorted = [.. t.Order()];
            string line = $"  {methods[m].Name,-22} {sorted[0],9:F2} / {Median(sorted),9:F2}  {methods[m].Flops / sorted[0] / 1e3,6:F1} GFLOP/s";
            if (m != peak)
            {
                double[] ratio = [.. Enumerable.Range(0, rounds).Select(k => times[ort][k] / t[k]).Order()];
                double[] ofPeak = [.. Enumerable.Range(0, rounds).Select(k => 100 * methods[m].Flops / t[k] / peakRate[k]).Order()];
                line += m == ort || methods[m].Flops != forward ? string.Empty : $"  ×ORT {Median(ratio):F3} (min/min {times[ort].Min() / sorted[0]:F3})";
                line += $"  peak {Median(ofPeak):F1} % (min/min {100 * methods[m].Flops / sorted[0] / (peakFlops / times[peak].Min()):F1} %)";
                if (m != single)
                {
                    double[] toSingle = [.. Enumerable.Range(0, rounds).Select(k => t[k] / times[single][k]).Order()];
                    line += $"  time/row-major {Median(toSingle):F3}";
                }

                if (methods[m].Name == "Parallel")
                {
                    double[] speedup = [.. Enumerable.Range(0, rounds).Select(k => times[single][k] / t[k]).Order()];
                    line += $"  ×one thread {Median(speedup):F2} (min/min {times[single].Min() / sorted[0]:F2})";
                }
            }

            Console.WriteLine(line);
        }
    }

    private delegate void BackwardCall(float[] input, float[] weights, float[] output, float[] outputGradient, float[] weightsGradient, float[] biasGradient, float[] inputGradient);

    private static LayerCall RowMajor(int inputs, int outputs) => (inputs, outputs) switch
    {
        (784, 128) => (x, w, p, b, y) => GeneratedLayers.I784xO128(x, w, b, y),
        (512, 512) => (x, w, p, b, y) => GeneratedLayers.I512xO512(x, w, b, y),
        (64, 32) => (x, w, p, b, y) => GeneratedLayers.I64xO32(x, w, b, y),
        _ => throw new NotSupportedException($"No generated layer {inputs} → {outputs} in this harness."),
    };

    private static LayerCall Packed(int inputs, int outputs) => (inputs, outputs) switch
    {
        (784, 128) => (x, w, p, b, y) => GeneratedPackedLayers.I784xO128(x, p, b, y),
        (512, 512) => (x, w, p, b, y) => GeneratedPackedLayers.I512xO512(x, p, b, y),
        (64, 32) => (x, w, p, b, y) => GeneratedPackedLayers.I64xO32(x, p, b, y),
        _ => throw new NotSupportedException($"No generated layer {inputs} → {outputs} in this harness."),
    };

    private static LayerCall Parallel(int inputs, int outputs) => (inputs, outputs) switch
    {
        (784, 128) => (x, w, p, b, y) => GeneratedParallelLayers.I784xO128(x, w, b, y),
        (512, 512) => (x, w, p, b, y) => GeneratedParallelLayers.I512xO512(x, w, b, y),
        (64, 32) => (x, w, p, b, y) => GeneratedParallelLayers.I64xO32(x, w, b, y),
        _ => throw new NotSupportedException($"No generated layer {inputs} → {outputs} in this harness."),
    };

    private static BackwardCall Backward(int inputs, int outputs) => (inputs, outputs) switch
    {
        (784, 128) => (x, w, y, dy, dw, db, dx) => GeneratedBackwardLayers.I784xO128(x, w, y, dy, dw, db, dx),
        (512, 512) => (x, w, y, dy, dw, db, dx) => GeneratedBackwardLayers.I512xO512(x, w, y, dy, dw, db, dx),
        (64, 32) => (x, w, y, dy, dw, db, dx) => GeneratedBackwardLayers.I64xO32(x, w, y, dy, dw, db, dx),
        _ => throw new NotSupportedException($"No generated layer {inputs} → {outputs} in this harness."),
    };

    private static double Median(double[] sorted) => sorted[sorted.Length / 2];

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static float[] Fill(float[] values, Random random, double scale)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2) - 1) * scale);
        }

        return values;
    }

    /// <summary>One layer as a one-layer network, only for <see cref="SigmoidOnnx"/> to export it (the harness calls the layers directly).</summary>
    private sealed class OneLayer(int inputs, int outputs, float[] weights, float[] bias) : ISigmoidNetwork<float>
    {
        private readonly int[] _sizes = [inputs, outputs];
        private readonly float[] _parameters = [.. weights, .. bias];

        public ReadOnlySpan<int> LayerSizes => _sizes;

        public Span<float> Parameters => _parameters;

        public void Predict(ReadOnlySpan<float> input, Span<float> output) => throw new NotSupportedException("Only exported.");
    }
}
