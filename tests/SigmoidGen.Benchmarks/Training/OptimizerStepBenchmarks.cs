using BenchmarkDotNet.Attributes;
using SigmoidGen.Benchmarks.Infrastructure;
using SigmoidGen.Benchmarks.Layers;

namespace SigmoidGen.Benchmarks.Training;

/// <summary>
/// Issue 19: one training step of a one-layer sigmoid network (float, single thread) at (64, 784, 128) and
/// (256, 512, 512), with each optimizer. Generated networks (<see cref="Net784x128"/>, <see cref="Net512x512"/>):
/// <list type="bullet">
/// <item><c>Sgd</c> (baseline): the fused plain-SGD <c>TrainStep(x, t, learningRate)</c>, lr 0.1;</item>
/// <item><c>Momentum</c>: <c>TrainStep(x, t, SigmoidSgd)</c>, lr 0.1, momentum 0.9;</item>
/// <item><c>Adam</c>: <c>TrainStep(x, t, SigmoidAdam)</c>, lr 1e-3, PyTorch's defaults otherwise;</item>
/// </list>
/// and <c>TensorPrimitivesAdam</c>: the same step written with TensorPrimitives followed by a plain-loop Adam
/// (<see cref="TensorPrimitivesLayerTrainer"/>). Issue 19's targets: Adam and momentum ≤ 1.25× Sgd's time,
/// TensorPrimitivesAdam ≥ 4× Adam's.
/// <para>Every step trains on the same random minibatch (inputs in [−1, 1), 0/1 targets). Every
/// <see cref="ReloadPeriod"/> steps the method copies the initial parameters back (the optimizer state is kept, bounded:
/// Adam moves a parameter by at most about lr per step), so no run drifts into saturation or NaN; the copy adds
/// 1/<see cref="ReloadPeriod"/> of a parameter copy to every method alike. Flops per invocation: 4·B·I·O (forward and
/// dW; the layer is the first, so no input gradient; the element-wise work and the update are not counted).</para>
/// </summary>
[Config(typeof(ShortRunConfig))]
public class OptimizerStepBenchmarks : IFlopCounted, ISampleCounted
{
    /// <summary>Steps between two reloads of the initial parameters.</summary>
    public const int ReloadPeriod = 100;

    private const float SgdLearningRate = 0.1f;
    private const double AdamLearningRate = 1e-3;

    private float[] _x = [];
    private float[] _t = [];
    private float[] _initial = [];
    private GeneratedSteps _net = null!;
    private SigmoidSgd _momentum = null!;
    private SigmoidAdam _adam = null!;
    private TensorPrimitivesLayerTrainer _tensor = null!;
    private int _steps;

    [Params(LayerShape.B64_I784_O128, LayerShape.B256_I512_O512)]
    public LayerShape Shape { get; set; }

    public double FlopsPerInvocation(string benchmarkMethod)
    {
        var (batch, inputs, outputs) = LayerShapes.Dimensions(Shape);
        return 4.0 * batch * inputs * outputs;
    }

    public double SamplesPerInvocation(string benchmarkMethod) => LayerShapes.Dimensions(Shape).Batch;

    // One setup per benchmark: the common setup (with its agreement checks), then a JIT warm-up of that benchmark only.
    [GlobalSetup(Target = nameof(Sgd))]
    public void SetupSgd()
    {
        Setup();
        JitWarmup.Run(() => Sgd());
    }

    [GlobalSetup(Target = nameof(Momentum))]
    public void SetupMomentum()
    {
        Setup();
        JitWarmup.Run(() => Momentum());
    }

    [GlobalSetup(Target = nameof(Adam))]
    public void SetupAdam()
    {
        Setup();
        JitWarmup.Run(() => Adam());
    }

    [GlobalSetup(Target = nameof(TensorPrimitivesAdam))]
    public void SetupTensorPrimitivesAdam()
    {
        Setup();
        JitWarmup.Run(() => TensorPrimitivesAdam());
    }

    public void Setup()
    {
        var (batch, inputs, outputs) = LayerShapes.Dimensions(Shape);
        _net = Shape == LayerShape.B64_I784_O128 ? GeneratedSteps.Of(new Net784x128()) : GeneratedSteps.Of(new Net512x512());
        var random = new Random(19);
        float scale = 1f / MathF.Sqrt(inputs);
        _x = Fill(random, batch * inputs, () => (random.NextSingle() * 2f) - 1f);
        _t = Fill(random, batch * outputs, () => random.Next(2));
        _initial = Fill(random, _net.Parameters().Length, () => ((random.NextSingle() * 2f) - 1f) * scale);
        _momentum = new SigmoidSgd(SgdLearningRate, momentum: 0.9);
        _adam = new SigmoidAdam(AdamLearningRate);
        _tensor = new TensorPrimitivesLayerTrainer(inputs, outputs, batch, AdamLearningRate);
        OptimizerAgreement.Check(Shape.ToString(), _net, _momentum, _adam, _tensor, _initial, _x, _t, SgdLearningRate);
        _momentum.Reset();
        _adam.Reset();
        _tensor.Adam.Reset();
        _initial.CopyTo(_net.Parameters());
        _initial.CopyTo(_tensor.Parameters);
        _steps = 0;
    }

    [Benchmark(Baseline = true)]
    public float Sgd()
    {
        Reload(_net.Parameters());
        return _net.Sgd(_x, _t, SgdLearningRate);
    }

    [Benchmark]
    public float Momentum()
    {
        Reload(_net.Parameters());
        return _net.WithSgd(_x, _t, _momentum);
    }

    [Benchmark]
    public float Adam()
    {
        Reload(_net.Parameters());
        return _net.WithAdam(_x, _t, _adam);
    }

    [Benchmark]
    public float TensorPrimitivesAdam()
    {
        Reload(_tensor.Parameters);
        return _tensor.TrainStep(_x, _t);
    }

    /// <summary>Every <see cref="ReloadPeriod"/> calls, the initial parameters go back into <paramref name="parameters"/>.</summary>
    private void Reload(Span<float> parameters)
    {
        if (++_steps == ReloadPeriod)
        {
            _steps = 0;
            _initial.CopyTo(parameters);
        }
    }

    private static float[] Fill(Random random, int length, Func<float> next)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = next();
        }

        return values;
    }
}
