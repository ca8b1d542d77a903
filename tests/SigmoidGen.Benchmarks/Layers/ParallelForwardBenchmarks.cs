using BenchmarkDotNet.Attributes;
using SigmoidGen.Benchmarks.Infrastructure;

namespace SigmoidGen.Benchmarks.Layers;

/// <summary>
/// One forward pass (float) of the generated layer on one thread (baseline, <see cref="GeneratedLayers"/>) against the
/// same layer declared with <c>Parallel = true</c> (<see cref="GeneratedParallelLayers"/>), which splits calls with
/// enough work over the thread pool: the two large shapes, where it should approach the core count; (32, 512, 512), a
/// batch too small for the row split but split by output panels; logistic regression (1024, 30, 1), split by rows; and
/// (32, 64, 32), which must stay on the calling thread and cost nothing. Flops per pass: 2·B·I·O. Allocations are
/// shown: zero on one thread, one small object per split call. Run it in process (<c>--inProcess</c>) and compare the
/// two methods within one run: the interleaved harnesses' short bursts let the pool worker fall asleep between them,
/// and each burst then pays its wake-up.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class ParallelForwardBenchmarks : IFlopCounted
{
    private float[] _input = [];
    private float[] _weights = [];
    private float[] _bias = [];
    private float[] _output = [];

    /// <summary>The shapes, named B{batch}_I{inputs}_O{outputs}.</summary>
    public enum ParallelShape
    {
        B32_I64_O32,
        B32_I512_O512,
        B33_I512_O512,
        B40_I512_O512,
        B49_I512_O512,
        B45_I512_O512,
        B60_I512_O512,
        B100_I512_O512,
        B32_I784_O128,
        B33_I784_O128,
        B48_I784_O128,
        B64_I784_O128,
        B65_I784_O128,
        B70_I784_O128,
        B81_I784_O128,
        B86_I784_O128,
        B100_I784_O128,
        B256_I512_O512,
        B1024_I512_O512,
        B1024_I30_O1,
    }

    [Params(ParallelShape.B32_I64_O32, ParallelShape.B32_I512_O512, ParallelShape.B64_I784_O128, ParallelShape.B256_I512_O512, ParallelShape.B1024_I30_O1)]
    public ParallelShape Shape { get; set; }

    public double FlopsPerInvocation(string benchmarkMethod)
    {
        var (batch, inputs, outputs) = Dimensions(Shape);
        return 2.0 * batch * inputs * outputs;
    }

    private static (int Batch, int Inputs, int Outputs) Dimensions(ParallelShape shape) => shape switch
    {
        ParallelShape.B32_I64_O32 => (32, 64, 32),
        ParallelShape.B32_I512_O512 => (32, 512, 512),
        ParallelShape.B33_I512_O512 => (33, 512, 512),
        ParallelShape.B40_I512_O512 => (40, 512, 512),
        ParallelShape.B49_I512_O512 => (49, 512, 512),
        ParallelShape.B45_I512_O512 => (45, 512, 512),
        ParallelShape.B60_I512_O512 => (60, 512, 512),
        ParallelShape.B100_I512_O512 => (100, 512, 512),
        ParallelShape.B32_I784_O128 => (32, 784, 128),
        ParallelShape.B33_I784_O128 => (33, 784, 128),
        ParallelShape.B48_I784_O128 => (48, 784, 128),
        ParallelShape.B64_I784_O128 => (64, 784, 128),
        ParallelShape.B65_I784_O128 => (65, 784, 128),
        ParallelShape.B70_I784_O128 => (70, 784, 128),
        ParallelShape.B81_I784_O128 => (81, 784, 128),
        ParallelShape.B86_I784_O128 => (86, 784, 128),
        ParallelShape.B100_I784_O128 => (100, 784, 128),
        ParallelShape.B256_I512_O512 => (256, 512, 512),
        ParallelShape.B1024_I512_O512 => (1024, 512, 512),
        ParallelShape.B1024_I30_O1 => (1024, 30, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    // One setup per benchmark: the common setup, then a JIT warm-up of that benchmark only (see JitWarmup).
    [GlobalSetup(Target = nameof(SingleThread))]
    public void SetupSingleThread()
    {
        Setup();
        JitWarmup.Run(() => SingleThread());
    }

    [GlobalSetup(Target = nameof(Parallel))]
    public void SetupParallel()
    {
        Setup();
        JitWarmup.Run(() => Parallel());
    }

    public void Setup()
    {
        var (batch, inputs, outputs) = Dimensions(Shape);
        var random = new Random(12345);
        _input = Fill(random, batch * inputs, 1f);
        _weights = Fill(random, outputs * inputs, 1f / MathF.Sqrt(inputs));
        _bias = Fill(random, outputs, 0.5f);
        _output = new float[batch * outputs];
        CheckIdentical();
    }

    /// <summary>Fails the run unless both versions give the same bits (chunks are made of the same tiles).</summary>
    private void CheckIdentical()
    {
        float[] single = (float[])SingleThread().Clone();
        float[] parallel = (float[])Parallel().Clone();
        for (int k = 0; k < single.Length; k++)
        {
            if (BitConverter.SingleToInt32Bits(single[k]) != BitConverter.SingleToInt32Bits(parallel[k]))
            {
                throw new InvalidOperationException($"{Shape}: output {k} differs: single thread {single[k]}, parallel {parallel[k]}.");
            }
        }
    }

    [Benchmark(Baseline = true)]
    public float[] SingleThread()
    {
        switch (Shape)
        {
            case ParallelShape.B32_I64_O32:
                GeneratedLayers.I64xO32(_input, _weights, _bias, _output);
                break;
            case ParallelShape.B32_I784_O128:
            case ParallelShape.B33_I784_O128:
            case ParallelShape.B48_I784_O128:
            case ParallelShape.B64_I784_O128:
            case ParallelShape.B65_I784_O128:
            case ParallelShape.B70_I784_O128:
            case ParallelShape.B81_I784_O128:
            case ParallelShape.B86_I784_O128:
            case ParallelShape.B100_I784_O128:
                GeneratedLayers.I784xO128(_input, _weights, _bias, _output);
                break;
            case ParallelShape.B1024_I30_O1:
                GeneratedLayers.I30xO1(_input, _weights, _bias, _output);
                break;
            default:
                GeneratedLayers.I512xO512(_input, _weights, _bias, _output);
                break;
        }

        return _output;
    }

    [Benchmark]
    public float[] Parallel()
    {
        switch (Shape)
        {
            case ParallelShape.B32_I64_O32:
                GeneratedParallelLayers.I64xO32(_input, _weights, _bias, _output);
                break;
            case ParallelShape.B32_I784_O128:
            case ParallelShape.B33_I784_O128:
            case ParallelShape.B48_I784_O128:
            case ParallelShape.B64_I784_O128:
            case ParallelShape.B65_I784_O128:
            case ParallelShape.B70_I784_O128:
            case ParallelShape.B81_I784_O128:
            case ParallelShape.B86_I784_O128:
            case ParallelShape.B100_I784_O128:
                GeneratedParallelLayers.I784xO128(_input, _weights, _bias, _output);
                break;
            case ParallelShape.B1024_I30_O1:
                GeneratedParallelLayers.I30xO1(_input, _weights, _bias, _output);
                break;
            default:
                GeneratedParallelLayers.I512xO512(_input, _weights, _bias, _output);
                break;
        }

        return _output;
    }

    private static float[] Fill(Random random, int length, float scale)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (random.NextSingle() * 2f - 1f) * scale;
        }

        return values;
    }
}

/// <summary>Logistic regression with <c>Parallel = true</c> (the other parallel layers are in <c>GeneratedLayers.cs</c>).</summary>
public static partial class GeneratedParallelLayers
{
    [SigmoidLayer(inputs: 30, outputs: 1, Parallel = true)]
    public static partial void I30xO1(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);
}
