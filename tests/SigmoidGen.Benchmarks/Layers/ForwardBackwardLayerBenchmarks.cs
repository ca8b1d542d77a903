using BenchmarkDotNet.Attributes;
using SigmoidGen.Benchmarks.Infrastructure;

namespace SigmoidGen.Benchmarks.Layers;

/// <summary>
/// One forward pass followed by one backward pass (with the input gradient) of a dense sigmoid layer (float, single
/// thread): generated code against TensorPrimitives (baseline) and plain loops, for every <see cref="LayerShape"/>.
/// The output gradient is a fixed random array. Flops per invocation: 6·B·I·O (forward 2·B·I·O, dW 2·B·I·O,
/// dx 2·B·I·O; the element-wise dz and db are not counted).
/// </summary>
[Config(typeof(ShortRunConfig))]
public class ForwardBackwardLayerBenchmarks : IFlopCounted
{
    private float[] _input = [];
    private float[] _weights = [];
    private float[] _bias = [];
    private float[] _output = [];
    private float[] _outputGradient = [];
    private float[] _weightsGradient = [];
    private float[] _biasGradient = [];
    private float[] _inputGradient = [];
    private float[] _dz = []; // scratch of the TensorPrimitives version, B×O
    private int _inputs;
    private int _outputs;

    [Params(LayerShape.B1_I4_O8, LayerShape.B1_I64_O32, LayerShape.B32_I64_O32, LayerShape.B64_I784_O128, LayerShape.B256_I512_O512)]
    public LayerShape Shape { get; set; }

    public double FlopsPerInvocation(string benchmarkMethod)
    {
        var (batch, inputs, outputs) = LayerShapes.Dimensions(Shape);
        return 6.0 * batch * inputs * outputs;
    }

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
        _bias = Fill(random, outputs, 0.5f);
        _outputGradient = Fill(random, batch * outputs, 1f);
        _output = new float[batch * outputs];
        _weightsGradient = new float[outputs * inputs];
        _biasGradient = new float[outputs];
        _inputGradient = new float[batch * inputs];
        _dz = new float[batch * outputs];
        CheckAgreement();
    }

    /// <summary>
    /// Fails the run unless the three versions compute the same gradients: each of dW, db and dx must agree to 1e-4 of
    /// that gradient's largest magnitude.
    /// </summary>
    private void CheckAgreement()
    {
        var results = new List<(string Name, float[] Dw, float[] Db, float[] Dx)>();
        foreach ((string name, Action run) in new (string, Action)[] { ("Generated", () => Generated()), ("TensorPrimitives", () => TensorPrimitives()), ("ScalarLoop", () => ScalarLoop()) })
        {
            Array.Fill(_weightsGradient, float.NaN);
            Array.Fill(_biasGradient, float.NaN);
            Array.Fill(_inputGradient, float.NaN);
            run();
            results.Add((name, (float[])_weightsGradient.Clone(), (float[])_biasGradient.Clone(), (float[])_inputGradient.Clone()));
        }

        for (int r = 1; r < results.Count; r++)
        {
            Compare("weightsGradient", results[0].Dw, results[r].Dw, results[r].Name);
            Compare("biasGradient", results[0].Db, results[r].Db, results[r].Name);
            Compare("inputGradient", results[0].Dx, results[r].Dx, results[r].Name);
        }
    }

    private void Compare(string what, float[] generated, float[] other, string otherName)
    {
        float largest = 0;
        foreach (float v in generated)
        {
            largest = MathF.Max(largest, MathF.Abs(v));
        }

        float tolerance = 1e-4f * MathF.Max(largest, 1e-30f);
        for (int k = 0; k < generated.Length; k++)
        {
            if (!(MathF.Abs(generated[k] - other[k]) <= tolerance))
            {
                throw new InvalidOperationException(
                    $"{Shape}: {what}[{k}] differs: generated {generated[k]}, {otherName} {other[k]} (largest |value| {largest}).");
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
                GeneratedBackwardLayers.I4xO8(_input, _weights, _output, _outputGradient, _weightsGradient, _biasGradient, _inputGradient);
                break;
            case LayerShape.B1_I64_O32:
            case LayerShape.B32_I64_O32:
                GeneratedLayers.I64xO32(_input, _weights, _bias, _output);
                GeneratedBackwardLayers.I64xO32(_input, _weights, _output, _outputGradient, _weightsGradient, _biasGradient, _inputGradient);
                break;
            case LayerShape.B64_I784_O128:
                GeneratedLayers.I784xO128(_input, _weights, _bias, _output);
                GeneratedBackwardLayers.I784xO128(_input, _weights, _output, _outputGradient, _weightsGradient, _biasGradient, _inputGradient);
                break;
            default:
                GeneratedLayers.I512xO512(_input, _weights, _bias, _output);
                GeneratedBackwardLayers.I512xO512(_input, _weights, _output, _outputGradient, _weightsGradient, _biasGradient, _inputGradient);
                break;
        }

        return _inputGradient;
    }

    [Benchmark(Baseline = true)]
    public float[] TensorPrimitives()
    {
        ReferenceLayers.TensorPrimitivesForward(_input, _weights, _bias, _output, _inputs, _outputs);
        ReferenceLayers.TensorPrimitivesBackward(_input, _weights, _output, _outputGradient, _weightsGradient, _biasGradient, _inputGradient, _dz, _inputs, _outputs);
        return _inputGradient;
    }

    [Benchmark]
    public float[] ScalarLoop()
    {
        ReferenceLayers.ScalarForward(_input, _weights, _bias, _output, _inputs, _outputs);
        ReferenceLayers.ScalarBackward(_input, _weights, _output, _outputGradient, _weightsGradient, _biasGradient, _inputGradient, _inputs, _outputs);
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
