using BenchmarkDotNet.Attributes;
using SigmoidGen.Benchmarks.Infrastructure;

namespace SigmoidGen.Benchmarks.Layers;

/// <summary>
/// Issue 17's narrow and short layers (float, single thread), forward and forward + backward, each against
/// TensorPrimitives (baseline: <see cref="ReferenceLayers"/>): a 1×1 layer over 1 048 576 rows, whose goal is
/// <see cref="TensorPrimitivesSigmoidOnly"/> (TensorPrimitives' sigmoid alone over the same number of values); a logistic
/// regression (1 024 rows, 30 inputs, 1 output); and the one-row layers (1, 4, 8) and (1, 64, 32).
/// Ratios are read between methods of one run. Flops per forward: 2·B·I·O (the GFLOP/s column counts the forward only).
/// </summary>
[Config(typeof(NarrowRunConfig))]
public class NarrowLayerBenchmarks : IFlopCounted
{
    private float[] _input = [];
    private float[] _weights = [];
    private float[] _bias = [];
    private float[] _output = [];
    private float[] _outputGradient = [];
    private float[] _weightsGradient = [];
    private float[] _biasGradient = [];
    private float[] _inputGradient = [];
    private float[] _dz = [];
    private float[] _sigmoidInput = [];
    private int _inputs;
    private int _outputs;

    [Params(LayerShape.B1048576_I1_O1, LayerShape.B1024_I30_O1, LayerShape.B1_I4_O8, LayerShape.B1_I64_O32)]
    public LayerShape Shape { get; set; }

    public double FlopsPerInvocation(string benchmarkMethod)
    {
        var (batch, inputs, outputs) = LayerShapes.Dimensions(Shape);
        return 2.0 * batch * inputs * outputs;
    }

    [GlobalSetup(Target = nameof(Generated))]
    public void SetupGenerated() => SetupAndWarm(() => Generated());

    [GlobalSetup(Target = nameof(TensorPrimitives))]
    public void SetupTensorPrimitives() => SetupAndWarm(() => TensorPrimitives());

    [GlobalSetup(Target = nameof(TensorPrimitivesSigmoidOnly))]
    public void SetupTensorPrimitivesSigmoidOnly() => SetupAndWarm(() => TensorPrimitivesSigmoidOnly());

    [GlobalSetup(Target = nameof(GeneratedForwardBackward))]
    public void SetupGeneratedForwardBackward() => SetupAndWarm(() => GeneratedForwardBackward());

    [GlobalSetup(Target = nameof(TensorPrimitivesForwardBackward))]
    public void SetupTensorPrimitivesForwardBackward() => SetupAndWarm(() => TensorPrimitivesForwardBackward());

    private void SetupAndWarm(Action benchmark)
    {
        Setup();
        JitWarmup.Run(benchmark);
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
        _bias = Fill(random, outputs, 0.5f);
        _outputGradient = Fill(random, batch * outputs, 1f);
        _output = new float[batch * outputs];
        _weightsGradient = new float[outputs * inputs];
        _biasGradient = new float[outputs];
        _inputGradient = new float[batch * inputs];
        _dz = new float[batch * outputs];
        _sigmoidInput = Fill(random, batch * outputs, 1f);
        CheckAgreement();
    }

    /// <summary>Fails the run unless the generated and TensorPrimitives forward passes agree to 1e-4.</summary>
    private void CheckAgreement()
    {
        float[] generated = (float[])Generated().Clone();
        float[] tensor = TensorPrimitives();
        for (int k = 0; k < generated.Length; k++)
        {
            if (!(MathF.Abs(generated[k] - tensor[k]) <= 1e-4f))
            {
                throw new InvalidOperationException($"{Shape}: output {k} differs: generated {generated[k]}, TensorPrimitives {tensor[k]}.");
            }
        }
    }

    [Benchmark]
    public float[] Generated()
    {
        switch (Shape)
        {
            case LayerShape.B1048576_I1_O1:
                GeneratedLayers.I1xO1(_input, _weights, _bias, _output);
                break;
            case LayerShape.B1024_I30_O1:
                GeneratedLayers.I30xO1(_input, _weights, _bias, _output);
                break;
            case LayerShape.B1_I4_O8:
                GeneratedLayers.I4xO8(_input, _weights, _bias, _output);
                break;
            default:
                GeneratedLayers.I64xO32(_input, _weights, _bias, _output);
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

    /// <summary>TensorPrimitives.Sigmoid alone over the batch × outputs values, out of place (the 1×1 layer's goal).</summary>
    [Benchmark]
    public float[] TensorPrimitivesSigmoidOnly()
    {
        System.Numerics.Tensors.TensorPrimitives.Sigmoid(_sigmoidInput, _output);
        return _output;
    }

    [Benchmark]
    public float[] GeneratedForwardBackward()
    {
        switch (Shape)
        {
            case LayerShape.B1048576_I1_O1:
                GeneratedLayers.I1xO1(_input, _weights, _bias, _output);
                GeneratedBackwardLayers.I1xO1(_input, _weights, _output, _outputGradient, _weightsGradient, _biasGradient, _inputGradient);
                break;
            case LayerShape.B1024_I30_O1:
                GeneratedLayers.I30xO1(_input, _weights, _bias, _output);
                GeneratedBackwardLayers.I30xO1(_input, _weights, _output, _outputGradient, _weightsGradient, _biasGradient, _inputGradient);
                break;
            case LayerShape.B1_I4_O8:
                GeneratedLayers.I4xO8(_input, _weights, _bias, _output);
                GeneratedBackwardLayers.I4xO8(_input, _weights, _output, _outputGradient, _weightsGradient, _biasGradient, _inputGradient);
                break;
            default:
                GeneratedLayers.I64xO32(_input, _weights, _bias, _output);
                GeneratedBackwardLayers.I64xO32(_input, _weights, _output, _outputGradient, _weightsGradient, _biasGradient, _inputGradient);
                break;
        }

        return _inputGradient;
    }

    [Benchmark]
    public float[] TensorPrimitivesForwardBackward()
    {
        ReferenceLayers.TensorPrimitivesForward(_input, _weights, _bias, _output, _inputs, _outputs);
        ReferenceLayers.TensorPrimitivesBackward(_input, _weights, _output, _outputGradient, _weightsGradient, _biasGradient, _inputGradient, _dz, _inputs, _outputs);
        return _inputGradient;
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
