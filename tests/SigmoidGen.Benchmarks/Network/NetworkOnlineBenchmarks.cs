using BenchmarkDotNet.Attributes;
using SigmoidGen.Benchmarks.Infrastructure;

namespace SigmoidGen.Benchmarks.Network;

/// <summary>
/// Online scoring with the Quickstart's 30-16-1 network: one sample per call, as a service scores a request. Each
/// invocation predicts the next of the 455 samples in turn: the generated <see cref="QuickstartNet.Predict"/> on one row
/// against the TensorPrimitives network on one row (baseline), both with the parameters after one training epoch.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class NetworkOnlinePredictBenchmarks : IFlopCounted, ISampleCounted
{
    private const int Features = NetworkData.Features;
    private float[] _x = [];
    private readonly float[] _output = new float[1];
    private readonly QuickstartNet _generated = new();
    private readonly TensorPrimitivesNetwork _tensor = new(NetworkData.Samples);
    private int _next;

    public double FlopsPerInvocation(string benchmarkMethod) => NetworkData.ForwardFlopsPerSample;

    public double SamplesPerInvocation(string benchmarkMethod) => 1;

    [GlobalSetup(Target = nameof(Generated))]
    public void SetupGenerated()
    {
        Setup();
        JitWarmup.Run(() => Generated());
    }

    [GlobalSetup(Target = nameof(TensorPrimitives))]
    public void SetupTensorPrimitives()
    {
        Setup();
        JitWarmup.Run(() => TensorPrimitives());
    }

    public void Setup()
    {
        (_x, float[] y) = NetworkData.Create();
        _generated.Initialize(NetworkData.InitSeed);
        NetworkAgreement.Check(_generated, _tensor, _generated.Parameters.ToArray(), _x, y);
        OnlineAgreement.CheckPredictions(_generated, _tensor, _x);
        _next = 0;
    }

    [Benchmark]
    public float Generated()
    {
        _generated.Predict(_x.AsSpan(Next() * Features, Features), _output);
        return _output[0];
    }

    [Benchmark(Baseline = true)]
    public float TensorPrimitives()
    {
        _tensor.Predict(_x.AsSpan(Next() * Features, Features), _output);
        return _output[0];
    }

    private int Next()
    {
        int sample = _next;
        _next = sample + 1 == NetworkData.Samples ? 0 : sample + 1;
        return sample;
    }
}

/// <summary>
/// Online training of the Quickstart's 30-16-1 network: one SGD step on one sample per call (learning rate 0.1). Each
/// invocation takes the next of the 455 samples in turn; after each pass over them both networks get their initial
/// parameters back (one copy of 513 floats per 455 steps), so that every pass trains from the same start and neither
/// network drifts into saturation. Generated <see cref="QuickstartNet.TrainStep"/> against the TensorPrimitives network
/// (baseline).
/// </summary>
[Config(typeof(ShortRunConfig))]
public class NetworkOnlineTrainBenchmarks : IFlopCounted, ISampleCounted
{
    private const int Features = NetworkData.Features;
    private const float LearningRate = 0.1f;
    private float[] _x = [];
    private float[] _y = [];
    private float[] _initial = [];
    private readonly QuickstartNet _generated = new();
    private readonly TensorPrimitivesNetwork _tensor = new(NetworkData.Samples);
    private int _next;

    public double FlopsPerInvocation(string benchmarkMethod) => NetworkData.TrainFlopsPerSample;

    public double SamplesPerInvocation(string benchmarkMethod) => 1;

    [GlobalSetup(Target = nameof(Generated))]
    public void SetupGenerated()
    {
        Setup();
        JitWarmup.Run(() => Generated());
    }

    [GlobalSetup(Target = nameof(TensorPrimitives))]
    public void SetupTensorPrimitives()
    {
        Setup();
        JitWarmup.Run(() => TensorPrimitives());
    }

    public void Setup()
    {
        (_x, _y) = NetworkData.Create();
        _generated.Initialize(NetworkData.InitSeed);
        _initial = _generated.Parameters.ToArray();
        OnlineAgreement.CheckTraining(_generated, _tensor, _initial, _x, _y, LearningRate);
        _initial.CopyTo(_generated.Parameters);
        _initial.CopyTo(_tensor.Parameters);
        _next = 0;
    }

    [Benchmark]
    public float Generated()
    {
        int sample = Next(_generated.Parameters);
        return _generated.TrainStep(_x.AsSpan(sample * Features, Features), _y.AsSpan(sample, 1), LearningRate);
    }

    [Benchmark(Baseline = true)]
    public float TensorPrimitives()
    {
        int sample = Next(_tensor.Parameters);
        return _tensor.TrainStep(_x.AsSpan(sample * Features, Features), _y.AsSpan(sample, 1), LearningRate);
    }

    /// <summary>The next sample; at the start of each pass, the initial parameters go back into <paramref name="parameters"/>.</summary>
    private int Next(Span<float> parameters)
    {
        int sample = _next;
        if (sample == 0)
        {
            _initial.CopyTo(parameters);
        }

        _next = sample + 1 == NetworkData.Samples ? 0 : sample + 1;
        return sample;
    }
}

/// <summary>The checks the online benchmarks run before measuring: both networks compute the same thing one row at a time.</summary>
internal static class OnlineAgreement
{
    /// <summary>Throws unless both networks predict every sample, one row per call, to 1e-4.</summary>
    public static void CheckPredictions(QuickstartNet generated, TensorPrimitivesNetwork tensor, float[] x)
    {
        var p = new float[1];
        var q = new float[1];
        for (int s = 0; s < NetworkData.Samples; s++)
        {
            generated.Predict(x.AsSpan(s * NetworkData.Features, NetworkData.Features), p);
            tensor.Predict(x.AsSpan(s * NetworkData.Features, NetworkData.Features), q);
            if (!(Math.Abs(p[0] - q[0]) <= 1e-4f))
            {
                throw new InvalidOperationException($"Sample {s}, one row: generated predicts {p[0]}, TensorPrimitives {q[0]}.");
            }
        }
    }

    /// <summary>
    /// From <paramref name="initial"/> parameters, one pass of one-sample steps on both networks: throws unless every
    /// step's loss agrees to 1e-4 relative (1e-3 absolute for losses below 10) and the final parameters to 1e-3.
    /// </summary>
    public static void CheckTraining(QuickstartNet generated, TensorPrimitivesNetwork tensor, float[] initial, float[] x, float[] y, float learningRate)
    {
        initial.CopyTo(generated.Parameters);
        initial.CopyTo(tensor.Parameters);
        for (int s = 0; s < NetworkData.Samples; s++)
        {
            ReadOnlySpan<float> xs = x.AsSpan(s * NetworkData.Features, NetworkData.Features), ys = y.AsSpan(s, 1);
            float a = generated.TrainStep(xs, ys, learningRate), b = tensor.TrainStep(xs, ys, learningRate);
            if (!(Math.Abs(a - b) <= 1e-4f * Math.Max(Math.Abs(a), 10f)))
            {
                throw new InvalidOperationException($"Sample {s}, one-row step: loss {a} (generated) vs {b} (TensorPrimitives).");
            }
        }

        ReadOnlySpan<float> pg = generated.Parameters, pt = tensor.Parameters;
        for (int k = 0; k < pg.Length; k++)
        {
            if (!(Math.Abs(pg[k] - pt[k]) <= 1e-3f))
            {
                throw new InvalidOperationException($"After one pass of one-row steps, parameter {k}: {pg[k]} (generated) vs {pt[k]} (TensorPrimitives).");
            }
        }
    }
}
