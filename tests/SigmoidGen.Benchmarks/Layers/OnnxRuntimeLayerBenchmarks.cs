using BenchmarkDotNet.Attributes;
using SigmoidGen.Benchmarks.Infrastructure;
using SigmoidGen.Benchmarks.Network;
using SigmoidGen.Onnx;

namespace SigmoidGen.Benchmarks.Layers;

/// <summary>The Quickstart network's hidden layer (30 → 16), for <see cref="OnnxRuntimeLayerBenchmarks"/>.</summary>
public static partial class OnnxComparedLayers
{
    [SigmoidLayer(inputs: 30, outputs: 16)]
    public static partial void I30xO16(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(inputs: 30, outputs: 16, PackedWeights = true)]
    public static partial void I30xO16Packed(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    /// <summary>The Quickstart network's output layer (16 → 1), to split its <c>Predict</c> into layers and glue.</summary>
    [SigmoidLayer(inputs: 16, outputs: 1)]
    public static partial void I16xO1(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    /// <summary>The same layer with the Fast sigmoid (issue 17 asks for <c>Fast</c> beside <c>Exact</c>; ORT's sigmoid is of its accuracy class).</summary>
    [SigmoidLayer(inputs: 30, outputs: 16, Precision = SigmoidPrecision.Fast)]
    public static partial void I30xO16Fast(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);
}

/// <summary>
/// Issue 17's goals against ONNX Runtime, layer by layer: one dense sigmoid layer (<c>Gemm</c> + <c>Sigmoid</c>, the
/// model <see cref="SigmoidOnnx.Export{T}(ISigmoidNetwork{T}, Stream)"/> writes for a one-layer network) run by ONNX
/// Runtime (baseline) against the generated layer with row-major weights (<c>SigmoidGen</c>) and with weights packed
/// once (<c>SigmoidGenPacked</c>), on the same input and parameters, in one process; plus the Quickstart 30-16-1
/// network's <c>Predict</c> at 455 rows (the issue's own case; <c>SigmoidGenPacked</c> is the same call there). ONNX
/// Runtime runs through <see cref="OnnxRuntimeRunner"/>, as in <see cref="OnnxRuntimeBenchmarks"/>. The setup checks
/// that all outputs agree within 1e-5. Run:
/// <c>dotnet run -c Release --project tests/SigmoidGen.Benchmarks -- --filter '*OnnxRuntimeLayer*' --inProcess</c>.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class OnnxRuntimeLayerBenchmarks : IFlopCounted, ISampleCounted, IDisposable
{
    private ISigmoidNetwork<float> _model = new QuickstartNet();
    private float[] _input = [];
    private float[] _weights = [], _packedWeights = [], _bias = [];
    private float[] _output = [];
    private float[] _ortOutput = [];
    private OnnxRuntimeRunner? _onnxRuntime;
    private int _layer;   // which generated layer the benchmark methods call: 0 = the network, see LayerIndex

    /// <summary>
    /// (batch, inputs, outputs) of the layer; <c>Quickstart455</c> is the 30-16-1 network on 455 rows (any other number
    /// of rows after <c>Quickstart</c> too, for the interleaved harness's sweeps over batches). The layer shapes are those of
    /// the forward benchmarks and the Quickstart's hidden layer at its sample's batch.
    /// </summary>
    [Params("1x4x8", "1x64x32", "32x64x32", "64x784x128", "256x512x512", "455x30x16", "1024x30x1", "Quickstart455")]
    public string Case { get; set; } = "1x4x8";

    private bool IsNetwork => NetworkRows(Case) is not null;

    /// <summary>
    /// The rows of a case that runs the Quickstart network (<c>Quickstart</c>, then its number of rows, e.g.
    /// <c>Quickstart455</c>), or null for a layer case.
    /// </summary>
    public static int? NetworkRows(string benchmarkCase) =>
        benchmarkCase.StartsWith("Quickstart", StringComparison.Ordinal) ? int.Parse(benchmarkCase.AsSpan("Quickstart".Length)) : null;

    private (int Batch, int Inputs, int Outputs) Shape
    {
        get
        {
            if (IsNetwork)
            {
                return (NetworkRows(Case)!.Value, 30, 1);
            }

            int[] parts = Case.Split('x').Select(int.Parse).ToArray();
            return (parts[0], parts[1], parts[2]);
        }
    }

    /// <summary>2·inputs·outputs per row (the network: both layers).</summary>
    public double FlopsPerInvocation(string benchmarkMethod)
    {
        (int batch, int inputs, int outputs) = Shape;
        return IsNetwork ? batch * 2.0 * ((30 * 16) + 16) : batch * 2.0 * inputs * outputs;
    }

    public double SamplesPerInvocation(string benchmarkMethod) => Shape.Batch;

    [GlobalSetup(Target = nameof(SigmoidGen))]
    public void SetupSigmoidGen()
    {
        Setup();
        JitWarmup.Run(() => SigmoidGen());
    }

    [GlobalSetup(Target = nameof(SigmoidGenPacked))]
    public void SetupSigmoidGenPacked()
    {
        Setup();
        JitWarmup.Run(() => SigmoidGenPacked());
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

    /// <summary>The generated layer on row-major weights (the network's <c>Predict</c> for <c>Quickstart455</c>).</summary>
    [Benchmark]
    public float SigmoidGen()
    {
        switch (_layer)
        {
            case 0: _model.Predict(_input, _output); break;
            case 1: GeneratedLayers.I4xO8(_input, _weights, _bias, _output); break;
            case 2: GeneratedLayers.I64xO32(_input, _weights, _bias, _output); break;
            case 3: GeneratedLayers.I784xO128(_input, _weights, _bias, _output); break;
            case 4: GeneratedLayers.I512xO512(_input, _weights, _bias, _output); break;
            case 5: OnnxComparedLayers.I30xO16(_input, _weights, _bias, _output); break;
            default: GeneratedLayers.I30xO1(_input, _weights, _bias, _output); break;
        }

        return _output[^1];
    }

    /// <summary>The generated layer on weights packed once (<c>PackedWeights = true</c>).</summary>
    [Benchmark]
    public float SigmoidGenPacked()
    {
        switch (_layer)
        {
            case 0: _model.Predict(_input, _output); break;
            case 1: GeneratedPackedLayers.I4xO8(_input, _packedWeights, _bias, _output); break;
            case 2: GeneratedPackedLayers.I64xO32(_input, _packedWeights, _bias, _output); break;
            case 3: GeneratedPackedLayers.I784xO128(_input, _packedWeights, _bias, _output); break;
            case 4: GeneratedPackedLayers.I512xO512(_input, _packedWeights, _bias, _output); break;
            case 5: OnnxComparedLayers.I30xO16Packed(_input, _packedWeights, _bias, _output); break;
            default: GeneratedLayers.I30xO1(_input, _weights, _bias, _output); break;   // one output: nothing to pack
        }

        return _output[^1];
    }

    [Benchmark(Baseline = true)]
    public float OnnxRuntime()
    {
        _onnxRuntime!.Run();
        return _ortOutput[^1];
    }

    private void Setup()
    {
        Dispose();
        (int batch, int inputs, int outputs) = Shape;
        var random = new Random(11);
        _layer = IsNetwork ? 0 : LayerIndex(inputs, outputs);
        if (IsNetwork)
        {
            var quickstart = new QuickstartNet();
            quickstart.Initialize(NetworkData.InitSeed);
            _model = quickstart;
        }
        else
        {
            _weights = new float[inputs * outputs];
            _bias = new float[outputs];
            Fill(_weights, random, 1.0 / Math.Sqrt(inputs));
            Fill(_bias, random, 0.1);
            _packedWeights = SigmoidPacking.Pack(_weights, inputs, outputs);
            _model = new LayerAsNetwork(inputs, outputs, _weights, _bias);
        }

        if (IsNetwork)
        {
            Span<float> parameters = _model.Parameters;
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i] += (float)((random.NextDouble() * 0.2) - 0.1);   // non-zero biases too
            }
        }

        _input = new float[batch * inputs];
        Fill(_input, random, 1.0);
        _output = new float[batch * outputs];
        _ortOutput = new float[batch * outputs];

        _onnxRuntime = new OnnxRuntimeRunner(_model, _input, _ortOutput);

        OnnxRuntime();
        SigmoidGen();
        OnnxRuntimeRunner.CheckAgreement(_output, _ortOutput, $"SigmoidGen on {Case}");
        Array.Clear(_output);
        SigmoidGenPacked();
        OnnxRuntimeRunner.CheckAgreement(_output, _ortOutput, $"SigmoidGenPacked on {Case}");
    }

    private static int LayerIndex(int inputs, int outputs) => (inputs, outputs) switch
    {
        (4, 8) => 1,
        (64, 32) => 2,
        (784, 128) => 3,
        (512, 512) => 4,
        (30, 16) => 5,
        (30, 1) => 6,
        _ => throw new NotSupportedException($"No generated layer {inputs} → {outputs} in this benchmark."),
    };

    private static void Fill(Span<float> values, Random random, double scale)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2) - 1) * scale);
        }
    }

    /// <summary>
    /// One layer seen as a one-layer network (the layout <see cref="ISigmoidNetwork{T}"/> documents: weights row-major,
    /// then the bias), so that <see cref="SigmoidOnnx"/> exports exactly that layer. The benchmark methods call the
    /// generated layers directly, not through this class.
    /// </summary>
    private sealed class LayerAsNetwork : ISigmoidNetwork<float>
    {
        private readonly int[] _sizes;
        private readonly float[] _parameters;
        private readonly float[] _weights, _bias;

        public LayerAsNetwork(int inputs, int outputs, float[] weights, float[] bias)
        {
            _sizes = [inputs, outputs];
            _weights = weights;
            _bias = bias;
            _parameters = [.. weights, .. bias];
        }

        public ReadOnlySpan<int> LayerSizes => _sizes;

        public Span<float> Parameters => _parameters;

        public void Predict(ReadOnlySpan<float> input, Span<float> output)
        {
            switch ((_sizes[0], _sizes[1]))
            {
                case (4, 8): GeneratedLayers.I4xO8(input, _weights, _bias, output); break;
                case (64, 32): GeneratedLayers.I64xO32(input, _weights, _bias, output); break;
                case (784, 128): GeneratedLayers.I784xO128(input, _weights, _bias, output); break;
                case (512, 512): GeneratedLayers.I512xO512(input, _weights, _bias, output); break;
                case (30, 16): OnnxComparedLayers.I30xO16(input, _weights, _bias, output); break;
                case (30, 1): GeneratedLayers.I30xO1(input, _weights, _bias, output); break;
                default: throw new NotSupportedException($"No generated layer {_sizes[0]} → {_sizes[1]} in this benchmark.");
            }
        }
    }
}
