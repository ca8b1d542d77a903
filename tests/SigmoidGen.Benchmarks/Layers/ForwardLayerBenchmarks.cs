using BenchmarkDotNet.Attributes;
using SigmoidGen.Benchmarks.Infrastructure;

namespace SigmoidGen.Benchmarks.Layers;

/// <summary>
/// One forward pass of a dense sigmoid layer (float, single thread): generated code, from row-major weights and from
/// weights packed once (<c>PackedWeights = true</c>, the inference form), against TensorPrimitives (baseline) and a
/// scalar loop, for every <see cref="LayerShape"/>. Flops per pass: 2·B·I·O.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class ForwardLayerBenchmarks : IFlopCounted
{
    private float[] _input = [];
    private float[] _weights = [];
    private float[] _packedWeights = [];
    private float[] _bias = [];
    private float[] _output = [];
    private int _inputs;
    private int _outputs;

    [Params(LayerShape.B1_I4_O8, LayerShape.B1_I64_O32, LayerShape.B32_I64_O32, LayerShape.B64_I784_O128, LayerShape.B256_I512_O512)]
    public LayerShape Shape { get; set; }

    public double FlopsPerInvocation(string benchmarkMethod)
    {
        var (batch, inputs, outputs) = LayerShapes.Dimensions(Shape);
        return 2.0 * batch * inputs * outputs;
    }

    // One setup per benchmark: the common setup, then a JIT warm-up of that benchmark only (see JitWarmup).
    [GlobalSetup(Target = nameof(Generated))]
    public void SetupGenerated()
    {
        Setup();
        JitWarmup.Run(() => Generated());
    }

    [GlobalSetup(Target = nameof(GeneratedPacked))]
    public void SetupGeneratedPacked()
    {
        Setup();
        JitWarmup.Run(() => GeneratedPacked());
    }

    [GlobalSetup(Target = nameof(TensorPrimitives))]
    public void SetupTensorPrimitives()
    {
        Setup();
        JitWarmup.Run(() => TensorPrimitives());
    }

    [GlobalSetup(Target = nameof(ScalarLoop))]
    public void SetupScalarLoop()
    {
        Setup();
        JitWarmup.Run(() => ScalarLoop());
    }

    public void Setup()
    {
        var (batch, inputs, outputs) = LayerShapes.Dimensions(Shape);
        _inputs = inputs;
        _outputs = outputs;
        var random = new Random(12345);
        float scale = 1f / MathF.Sqrt(inputs);
        _input = Fill(random, batch * inputs, 1f);
        _weights = Fill(random, outputs * inputs, scale);
        _packedWeights = SigmoidPacking.Pack(_weights, inputs, outputs);
        _bias = Fill(random, outputs, 0.5f);
        _output = new float[batch * outputs];
        CheckAgreement();
    }

    /// <summary>Fails the run if the four versions do not compute the same layer (to 1e-4).</summary>
    private void CheckAgreement()
    {
        float[] generated = (float[])Generated().Clone();
        float[] packed = (float[])GeneratedPacked().Clone();
        float[] tensor = (float[])TensorPrimitives().Clone();
        float[] scalar = (float[])ScalarLoop().Clone();
        for (int k = 0; k < generated.Length; k++)
        {
            if (MathF.Abs(generated[k] - tensor[k]) > 1e-4f || MathF.Abs(generated[k] - scalar[k]) > 1e-4f || MathF.Abs(packed[k] - tensor[k]) > 1e-4f)
            {
                throw new InvalidOperationException(
                    $"{Shape}: output {k} differs: generated {generated[k]}, packed {packed[k]}, TensorPrimitives {tensor[k]}, scalar {scalar[k]}.");
            }
        }
    }

    [Benchmark]
    public float[] Generated()
    {
        // A switch on a field that never changes during a run: predicted, about a nanosecond.
        switch (Shape)
        {
            case LayerShape.B1_I4_O8:
                GeneratedLayers.I4xO8(_input, _weights, _bias, _output);
                break;
            case LayerShape.B1_I64_O32:
            case LayerShape.B32_I64_O32:
                GeneratedLayers.I64xO32(_input, _weights, _bias, _output);
                break;
            case LayerShape.B64_I784_O128:
                GeneratedLayers.I784xO128(_input, _weights, _bias, _output);
                break;
            default:
                GeneratedLayers.I512xO512(_input, _weights, _bias, _output);
                break;
        }

        return _output;
    }

    [Benchmark]
    public float[] GeneratedPacked()
    {
        switch (Shape)
        {
            case LayerShape.B1_I4_O8:
                GeneratedPackedLayers.I4xO8(_input, _packedWeights, _bias, _output);
                break;
            case LayerShape.B1_I64_O32:
            case LayerShape.B32_I64_O32:
                GeneratedPackedLayers.I64xO32(_input, _packedWeights, _bias, _output);
                break;
            case LayerShape.B64_I784_O128:
                GeneratedPackedLayers.I784xO128(_input, _packedWeights, _bias, _output);
                break;
            default:
                GeneratedPackedLayers.I512xO512(_input, _packedWeights, _bias, _output);
                break;
        }

        return _output;
    }

    [Benchmark(Baseline = true)]
    public float[] TensorPrimitives()
    {
        ReferenceLayers.TensorPrimitivesForward(_input, _weights, _bias, _output, _inputs, _outputs);
        return _output;
    }

    [Benchmark]
    public float[] ScalarLoop()
    {
        ReferenceLayers.ScalarForward(_input, _weights, _bias, _output, _inputs, _outputs);
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
