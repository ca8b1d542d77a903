using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
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
/// running the model <see cref="SigmoidOnnx.Export{T}(ISigmoidNetwork{T}, Stream)"/> wrote for it. ONNX Runtime takes
/// its fastest documented CPU path: one intra-op and one inter-op thread, sequential execution, all graph
/// optimisations, and the input and output as <see cref="OrtValue"/>s over pre-allocated arrays, bound once with
/// <see cref="OrtIoBinding"/> so that a call is only <see cref="InferenceSession.RunWithBinding(RunOptions, OrtIoBinding)"/>.
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
    private InferenceSession? _session;
    private OrtValue? _inputValue, _outputValue;
    private OrtIoBinding? _binding;
    private RunOptions? _runOptions;

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
        _binding?.Dispose();
        _inputValue?.Dispose();
        _outputValue?.Dispose();
        _runOptions?.Dispose();
        _session?.Dispose();
        _binding = null;
        _inputValue = _outputValue = null;
        _runOptions = null;
        _session = null;
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
        _session!.RunWithBinding(_runOptions!, _binding!);
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

        using var model = new MemoryStream();
        SigmoidOnnx.Export(_network, model);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model.ToArray(), options);
        _runOptions = new RunOptions();
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, [Rows, inputs]);
        _outputValue = OrtValue.CreateTensorValueFromMemory(_ortOutput, [Rows, outputs]);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(SigmoidOnnx.InputName, _inputValue);
        _binding.BindOutput(SigmoidOnnx.OutputName, _outputValue);

        SigmoidGen();
        OnnxRuntime();
        for (int i = 0; i < _output.Length; i++)
        {
            if (Math.Abs(_output[i] - _ortOutput[i]) > 1e-5f)
            {
                throw new InvalidOperationException(
                    $"SigmoidGen and ONNX Runtime disagree at output {i}: {_output[i]} vs {_ortOutput[i]}.");
            }
        }
    }
}
