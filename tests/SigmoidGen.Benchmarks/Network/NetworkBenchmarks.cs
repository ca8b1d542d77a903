using BenchmarkDotNet.Attributes;
using SigmoidGen.Benchmarks.Infrastructure;

namespace SigmoidGen.Benchmarks.Network;

/// <summary>
/// One training epoch of the Quickstart's 30-16-1 network: 455 samples in order, minibatches of 32 (14 of 32, one of 7),
/// one SGD step each at learning rate 1: the generated <see cref="QuickstartNet.TrainStep"/> against the same network
/// written with TensorPrimitives (baseline). Every invocation first copies the same initial parameters (Initialize(42)
/// of the generated network, 513 floats) into the network, so each measures the same epoch.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class NetworkEpochBenchmarks : IFlopCounted, ISampleCounted
{
    private float[] _x = [];
    private float[] _y = [];
    private float[] _initial = [];
    private readonly QuickstartNet _generated = new();
    private readonly QuickstartNetFast _generatedFast = new();
    private readonly TensorPrimitivesNetwork _tensor = new(NetworkData.Samples);
    private TrainStepMethod? _generatedStep;
    private TrainStepMethod? _fastStep;
    private TrainStepMethod? _tensorStep;

    public double FlopsPerInvocation(string benchmarkMethod) => NetworkData.Samples * NetworkData.TrainFlopsPerSample;

    public double SamplesPerInvocation(string benchmarkMethod) => NetworkData.Samples;

    // One setup per benchmark: the common setup, then a JIT warm-up of that benchmark only (see JitWarmup).
    [GlobalSetup(Target = nameof(Generated))]
    public void SetupGenerated()
    {
        Setup();
        JitWarmup.Run(() => Generated());
    }

    [GlobalSetup(Target = nameof(GeneratedFastSigmoid))]
    public void SetupGeneratedFast()
    {
        Setup();
        JitWarmup.Run(() => GeneratedFastSigmoid());
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
        NetworkAgreement.Check(_generated, _tensor, _initial, _x, _y);
    }

    /// <summary>The same epoch with <c>Precision = SigmoidPrecision.Fast</c> (see <see cref="QuickstartNetFast"/>).</summary>
    [Benchmark]
    public float GeneratedFastSigmoid() => Epoch(_generatedFast.Parameters, _fastStep ??= _generatedFast.TrainStep);

    [Benchmark]
    public float Generated() => Epoch(_generated.Parameters, _generatedStep ??= _generated.TrainStep);

    [Benchmark(Baseline = true)]
    public float TensorPrimitives() => Epoch(_tensor.Parameters, _tensorStep ??= _tensor.TrainStep);

    /// <summary>One training step of a network on a minibatch: returns its loss.</summary>
    private delegate float TrainStepMethod(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate);

    /// <summary>
    /// Copies the initial parameters in, then runs the epoch: every method measured goes through this same loop and one
    /// cached delegate call per minibatch (~2 ns each, 15 per epoch).
    /// </summary>
    private float Epoch(Span<float> parameters, TrainStepMethod trainStep)
    {
        _initial.CopyTo(parameters);
        ReadOnlySpan<float> x = _x, y = _y;
        float loss = 0;
        for (int start = 0; start < NetworkData.Samples; start += NetworkData.BatchSize)
        {
            int rows = Math.Min(NetworkData.BatchSize, NetworkData.Samples - start);
            loss += trainStep(x.Slice(start * NetworkData.Features, rows * NetworkData.Features), y.Slice(start, rows), NetworkData.LearningRate);
        }

        return loss;
    }
}

/// <summary>
/// Prediction of all 455 samples in one batch by the 30-16-1 network (parameters after one training epoch, identical in
/// both): generated <see cref="QuickstartNet.Predict"/> against the two TensorPrimitives forward layers (baseline).
/// </summary>
[Config(typeof(ShortRunConfig))]
public class NetworkPredictBenchmarks : IFlopCounted, ISampleCounted
{
    private float[] _x = [];
    private float[] _y = [];
    private readonly float[] _output = new float[NetworkData.Samples];
    private readonly QuickstartNet _generated = new();
    private readonly TensorPrimitivesNetwork _tensor = new(NetworkData.Samples);

    public double FlopsPerInvocation(string benchmarkMethod) => NetworkData.Samples * NetworkData.ForwardFlopsPerSample;

    public double SamplesPerInvocation(string benchmarkMethod) => NetworkData.Samples;

    // One setup per benchmark: the common setup, then a JIT warm-up of that benchmark only (see JitWarmup).
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
        NetworkAgreement.Check(_generated, _tensor, _generated.Parameters.ToArray(), _x, _y);
    }

    [Benchmark]
    public float[] Generated()
    {
        _generated.Predict(_x, _output);
        return _output;
    }

    [Benchmark(Baseline = true)]
    public float[] TensorPrimitives()
    {
        _tensor.Predict(_x, _output);
        return _output;
    }
}

/// <summary>The check both network benchmarks run before measuring.</summary>
internal static class NetworkAgreement
{
    /// <summary>
    /// From identical <paramref name="initial"/> parameters, trains both networks for one epoch (minibatches of 32 in
    /// order) and throws unless their losses agree to 1e-4 (relative) and their predictions of all samples to 1e-4
    /// (absolute). Leaves both networks with their parameters after that epoch.
    /// </summary>
    public static void Check(QuickstartNet generated, TensorPrimitivesNetwork tensor, float[] initial, float[] x, float[] y)
    {
        initial.CopyTo(generated.Parameters);
        initial.CopyTo(tensor.Parameters);
        double lossGenerated = 0, lossTensor = 0;
        for (int start = 0; start < NetworkData.Samples; start += NetworkData.BatchSize)
        {
            int rows = Math.Min(NetworkData.BatchSize, NetworkData.Samples - start);
            ReadOnlySpan<float> xs = x.AsSpan(start * NetworkData.Features, rows * NetworkData.Features), ys = y.AsSpan(start, rows);
            lossGenerated += rows * generated.TrainStep(xs, ys, NetworkData.LearningRate);
            lossTensor += rows * tensor.TrainStep(xs, ys, NetworkData.LearningRate);
        }

        if (Math.Abs(lossGenerated - lossTensor) > 1e-4 * Math.Abs(lossGenerated))
        {
            throw new InvalidOperationException($"Epoch losses differ: generated {lossGenerated / NetworkData.Samples}, TensorPrimitives {lossTensor / NetworkData.Samples}.");
        }

        var p = new float[NetworkData.Samples];
        var q = new float[NetworkData.Samples];
        generated.Predict(x, p);
        tensor.Predict(x, q);
        for (int s = 0; s < p.Length; s++)
        {
            if (!(Math.Abs(p[s] - q[s]) <= 1e-4f))
            {
                throw new InvalidOperationException($"After one epoch, sample {s}: generated predicts {p[s]}, TensorPrimitives {q[s]}.");
            }
        }

        Console.WriteLine($"// NetworkAgreement: epoch loss {lossGenerated / NetworkData.Samples:F5} (generated) vs {lossTensor / NetworkData.Samples:F5} (TensorPrimitives); " +
            $"max |Δprediction| {Enumerable.Range(0, p.Length).Max(s => Math.Abs(p[s] - q[s])):E2}; " +
            $"accuracy {Enumerable.Range(0, p.Length).Count(s => (p[s] >= 0.5f) == (y[s] >= 0.5f)) / (double)p.Length:P1}.");
    }
}
