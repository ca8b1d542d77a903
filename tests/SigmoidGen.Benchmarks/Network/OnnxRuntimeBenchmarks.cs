using BenchmarkDotNet.Attributes;
using SigmoidGen.Benchmarks.Infrastructure;
using SigmoidGen.Onnx;

namespace SigmoidGen.Benchmarks.Network;

/// <summary>A 784-128-10 network (MNIST-sized) for <see cref="OnnxRuntimeBenchmarks"/>.</summary>
[SigmoidNetwork(784, 128, 10)]
public sealed partial class MnistSizedNet
{
}

/// <summary>
/// Inference of the same network in the same process: the generated <c>Predict</c> against ONNX Runtime (baseline)
/// running the model <see cref="SigmoidOnnx.Export{T}(ISigmoidNetwork{T}, Stream)"/> wrote for it, on its fastest
/// documented CPU path (<see cref="OnnxRuntimeRunner"/>: one thread, sequential, all graph optimisations, IoBinding).
/// Both compute on the same input rows each call; the setup checks that their outputs agree within 1e-5. Run:
/// <c>dotnet run -c Release --project tests/SigmoidGen.Benchmarks -- --filter '*OnnxRuntime*'</c>.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class OnnxRuntimeBenchmarks : IFlopCounted, ISampleCounted, IDisposable
{
    private ISigmoidNetwork<float> _network = new QuickstartNet();
    private float[] _input = [];
    private float[] _output = [];
    private float[] _ortOutput = [];
    private OnnxRuntimeRunner? _onnxRuntime;

    /// <summary>The network: the Quickstart's 30-16-1, or 784-128-10.</summary>
    [Params("30-16-1", "784-128-10")]
    public string Network { get; set; } = "30-16-1";

    /// <summary>Rows per call: one request, or a batch.</summary>
    [Params(1, 256)]
    public int Rows { get; set; } = 1;

    /// <summary>2·Σ in·out per row, from <see cref="Network"/> (the columns ask a fresh instance that has had no setup).</summary>
    public double FlopsPerInvocation(string benchmarkMethod) =>
        Rows * (Network == "30-16-1" ? 2.0 * (30 * 16 + 16 * 1) : 2.0 * (784 * 128 + 128 * 10));

    public double SamplesPerInvocation(string benchmarkMethod) => Rows;

    [GlobalSetup(Target = nameof(SigmoidGen))]
    public void SetupSigmoidGen()
    {
        Setup();
        JitWarmup.Run(() => SigmoidGen());
    }

    [GlobalSetup(Target = nameof(OnnxRuntime))]
    public void SetupOnnxRuntime()
    {
        Setup();
        JitWarmup.Run(() => OnnxRuntime());
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _onnxRuntime?.Dispose();
        _onnxRuntime = null;
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public float SigmoidGen()
    {
        _network.Predict(_input, _output);
        return _output[0];
    }

    [Benchmark(Baseline = true)]
    public float OnnxRuntime()
    {
        _onnxRuntime!.Run();
        return _ortOutput[0];
    }

    private void Setup()
    {
        Dispose();
        if (Network == "30-16-1")
        {
            var quickstart = new QuickstartNet();
            quickstart.Initialize(NetworkData.InitSeed);
            _network = quickstart;
        }
        else
        {
            var mnist = new MnistSizedNet();
            mnist.Initialize(NetworkData.InitSeed);
            _network = mnist;
        }

        var random = new Random(7);
        Span<float> parameters = _network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] += (float)(random.NextDouble() * 0.2 - 0.1);   // non-zero biases too
        }

        int inputs = _network.LayerSizes[0], outputs = _network.LayerSizes[^1];
        _input = new float[Rows * inputs];
        for (int i = 0; i < _input.Length; i++)
        {
            _input[i] = (float)(random.NextDouble() * 2 - 1);
        }

        _output = new float[Rows * outputs];
        _ortOutput = new float[Rows * outputs];

        _onnxRuntime = new OnnxRuntimeRunner(_network, _input, _ortOutput);

        SigmoidGen();
        OnnxRuntime();
        OnnxRuntimeRunner.CheckAgreement(_output, _ortOutput, "SigmoidGen");
    }
}
