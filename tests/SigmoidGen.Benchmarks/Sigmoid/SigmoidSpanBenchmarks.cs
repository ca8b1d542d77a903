using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using SigmoidGen.Benchmarks.Infrastructure;

namespace SigmoidGen.Benchmarks.Sigmoid;

/// <summary>
/// The sigmoid alone over 4 096 floats (in L1) and 1M floats (4 MB each way: past L2), out of place, single thread.
/// Inputs uniform in [-Range, Range]: 10 is the usual
/// range of pre-activations; 100 puts most of them where the sigmoid saturates and e^-|x| is tiny, which shows whether a
/// kernel falls into subnormal arithmetic there (slow on x86).
/// </summary>
[Config(typeof(ShortRunConfig))]
public class SigmoidSpanBenchmarks
{
    private float[] _x = [];
    private float[] _y = [];

    [Params(4096, 1 << 20)]
    public int Length { get; set; }

    [Params(10f, 100f)]
    public float Range { get; set; }

    // One setup per benchmark: the common setup, then a JIT warm-up of that benchmark only (see JitWarmup).
    [GlobalSetup(Target = nameof(SigmoidExact))]
    public void SetupSigmoidExact()
    {
        Setup();
        JitWarmup.Run(() => SigmoidExact());
    }

    [GlobalSetup(Target = nameof(SigmoidFast))]
    public void SetupSigmoidFast()
    {
        Setup();
        JitWarmup.Run(() => SigmoidFast());
    }

    [GlobalSetup(Target = nameof(TensorPrimitivesSigmoid))]
    public void SetupTensorPrimitivesSigmoid()
    {
        Setup();
        JitWarmup.Run(() => TensorPrimitivesSigmoid());
    }

    [GlobalSetup(Target = nameof(ScalarLoop))]
    public void SetupScalarLoop()
    {
        Setup();
        JitWarmup.Run(() => ScalarLoop());
    }

    public void Setup()
    {
        var random = new Random(12345);
        _x = new float[Length];
        _y = new float[Length];
        for (int i = 0; i < _x.Length; i++)
        {
            _x[i] = (random.NextSingle() * 2f - 1f) * Range;
        }
    }

    [Benchmark(Description = "SigmoidMath.Sigmoid (Exact)")]
    public float[] SigmoidExact()
    {
        SigmoidMath.Sigmoid(_x, _y);
        return _y;
    }

    [Benchmark(Description = "SigmoidMath.SigmoidFast")]
    public float[] SigmoidFast()
    {
        SigmoidMath.SigmoidFast(_x, _y);
        return _y;
    }

    [Benchmark(Baseline = true, Description = "TensorPrimitives.Sigmoid")]
    public float[] TensorPrimitivesSigmoid()
    {
        TensorPrimitives.Sigmoid(_x, _y);
        return _y;
    }

    [Benchmark(Description = "Scalar 1/(1+MathF.Exp(-x))")]
    public float[] ScalarLoop()
    {
        float[] x = _x;
        float[] y = _y;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = 1f / (1f + MathF.Exp(-x[i]));
        }

        return y;
    }
}
