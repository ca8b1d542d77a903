using BenchmarkDotNet.Attributes;
using SigmoidGen.Benchmarks.Infrastructure;
using SigmoidGen.Benchmarks.Network;

namespace SigmoidGen.Benchmarks.Training;

/// <summary>
/// Issue 19: one training epoch of the Quickstart's 30-16-1 network with Adam (lr 0.01, PyTorch's defaults otherwise):
/// 455 samples in order, minibatches of 32 (14 of 32, one of 7), as <see cref="NetworkEpochBenchmarks"/>. The generated
/// <c>QuickstartNet.TrainStep(x, t, SigmoidAdam)</c> against the TensorPrimitives network with a plain-loop Adam
/// (<see cref="TensorPrimitivesNetwork.TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float}, PlainLoopAdam)"/>,
/// baseline); issue 19's target: at least 5× faster. Every invocation first copies the same initial parameters in and
/// resets the optimizer (the generated one then allocates its 2 × 513-float state at the epoch's first step), so each
/// measures the same epoch from fresh Adam state.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class OptimizerEpochBenchmarks : IFlopCounted, ISampleCounted
{
    private const double LearningRate = 0.01;
    private float[] _x = [];
    private float[] _y = [];
    private float[] _initial = [];
    private readonly QuickstartNet _generated = new();
    private readonly TensorPrimitivesNetwork _tensor = new(NetworkData.Samples);
    private readonly SigmoidAdam _adam = new(LearningRate);
    private readonly PlainLoopAdam _tensorAdam = new(TensorPrimitivesNetwork.ParameterCount, LearningRate);

    public double FlopsPerInvocation(string benchmarkMethod) => NetworkData.Samples * NetworkData.TrainFlopsPerSample;

    public double SamplesPerInvocation(string benchmarkMethod) => NetworkData.Samples;

    [GlobalSetup(Target = nameof(GeneratedAdam))]
    public void SetupGeneratedAdam()
    {
        Setup();
        JitWarmup.Run(() => GeneratedAdam());
    }

    [GlobalSetup(Target = nameof(TensorPrimitivesAdam))]
    public void SetupTensorPrimitivesAdam()
    {
        Setup();
        JitWarmup.Run(() => TensorPrimitivesAdam());
    }

    /// <summary>
    /// Data and initial parameters as in <see cref="NetworkEpochBenchmarks"/>, then a check: one Adam epoch of each
    /// network gives the same epoch loss (1e-4 relative) and the same predictions of all samples (1e-4).
    /// </summary>
    public void Setup()
    {
        (_x, _y) = NetworkData.Create();
        _generated.Initialize(NetworkData.InitSeed);
        _initial = _generated.Parameters.ToArray();
        float generatedLoss = GeneratedAdam(), tensorLoss = TensorPrimitivesAdam();
        if (!(MathF.Abs(generatedLoss - tensorLoss) <= 1e-4f * MathF.Abs(generatedLoss)))
        {
            throw new InvalidOperationException($"Adam epoch losses differ: generated {generatedLoss}, TensorPrimitives {tensorLoss}.");
        }

        var p = new float[NetworkData.Samples];
        var q = new float[NetworkData.Samples];
        _generated.Predict(_x, p);
        _tensor.Predict(_x, q);
        float largest = 0;
        for (int s = 0; s < p.Length; s++)
        {
            if (!(Math.Abs(p[s] - q[s]) <= 1e-4f))
            {
                throw new InvalidOperationException($"After one Adam epoch, sample {s}: generated predicts {p[s]}, TensorPrimitives {q[s]}.");
            }

            largest = MathF.Max(largest, MathF.Abs(p[s] - q[s]));
        }

        Console.WriteLine($"// OptimizerEpoch: Adam epoch loss sum {generatedLoss:F5} (generated) vs {tensorLoss:F5} (TensorPrimitives); max |Δprediction| {largest:E2}.");
    }

    [Benchmark]
    public float GeneratedAdam()
    {
        _initial.CopyTo(_generated.Parameters);
        _adam.Reset();
        ReadOnlySpan<float> x = _x, y = _y;
        float loss = 0;
        for (int start = 0; start < NetworkData.Samples; start += NetworkData.BatchSize)
        {
            int rows = Math.Min(NetworkData.BatchSize, NetworkData.Samples - start);
            loss += _generated.TrainStep(x.Slice(start * NetworkData.Features, rows * NetworkData.Features), y.Slice(start, rows), _adam);
        }

        return loss;
    }

    [Benchmark(Baseline = true)]
    public float TensorPrimitivesAdam()
    {
        _initial.CopyTo(_tensor.Parameters);
        _tensorAdam.Reset();
        ReadOnlySpan<float> x = _x, y = _y;
        float loss = 0;
        for (int start = 0; start < NetworkData.Samples; start += NetworkData.BatchSize)
        {
            int rows = Math.Min(NetworkData.BatchSize, NetworkData.Samples - start);
            loss += _tensor.TrainStep(x.Slice(start * NetworkData.Features, rows * NetworkData.Features), y.Slice(start, rows), _tensorAdam);
        }

        return loss;
    }
}
