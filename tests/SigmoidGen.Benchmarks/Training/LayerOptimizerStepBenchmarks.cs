using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using SigmoidGen.Benchmarks.Infrastructure;
using SigmoidGen.Benchmarks.Layers;

namespace SigmoidGen.Benchmarks.Training;

/// <summary>
/// Issue 19, layers: one training step of a first layer (the binary cross-entropy and its gradient from a saved output,
/// then the update; no forward pass, no input gradient) at (64, 784, 128) and (256, 512, 512), float, one thread:
/// <list type="bullet">
/// <item><c>Sgd</c> (baseline): <c>[SigmoidLayerTrainStep]</c> with plain SGD, lr 0.1;</item>
/// <item><c>Momentum</c>, <c>Adam</c>: the same with <c>Optimizer = Sgd</c> (momentum 0.9) and <c>Optimizer = Adam</c>
/// (lr 1e-3), the update fused into the backward kernel (dW never stored);</item>
/// <item><c>UnfusedAdam</c>: the generated <c>[SigmoidLayerBackward]</c> into gradient buffers, then
/// <see cref="SigmoidOptimizerSteps.Adam(Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, double, double, double, double, double, bool, long)"/>
/// on the weights and on the bias (same bits as <c>Adam</c>);</item>
/// <item><c>TensorPrimitivesAdam</c>: the loss, dz and the gradients with TensorPrimitives
/// (<see cref="ReferenceLayers.TensorPrimitivesBackwardFromDz"/>), then a separate <see cref="PlainLoopAdam"/> pass.</item>
/// </list>
/// Targets: Adam and Momentum ≤ 1.25× Sgd; TensorPrimitivesAdam ≥ 4× Adam. Every <see cref="ReloadPeriod"/> steps the
/// initial parameters are copied back (state kept), as in <see cref="OptimizerStepBenchmarks"/>. Flops per invocation:
/// 2·B·I·O (dW).
/// </summary>
[Config(typeof(ShortRunConfig))]
public class LayerOptimizerStepBenchmarks : IFlopCounted, ISampleCounted
{
    /// <summary>Steps between two reloads of the initial parameters.</summary>
    public const int ReloadPeriod = 100;

    private const float SgdLearningRate = 0.1f;
    private const double AdamLearningRate = 1e-3;

    private float[] _x = [], _y = [], _t = [], _initial = [], _w = [], _b = [];
    private float[] _state1 = [], _state2 = [], _dw = [], _db = [], _dz = [], _loss1 = [], _loss2 = [], _tpParameters = [], _tpGradients = [];
    private PlainLoopAdam _plainAdam = null!;
    private int _inputs, _outputs, _steps;
    private long _t1, _t2;

    [Params(LayerShape.B64_I784_O128, LayerShape.B256_I512_O512)]
    public LayerShape Shape { get; set; }

    public double FlopsPerInvocation(string benchmarkMethod)
    {
        var (batch, inputs, outputs) = LayerShapes.Dimensions(Shape);
        return 2.0 * batch * inputs * outputs;
    }

    public double SamplesPerInvocation(string benchmarkMethod) => LayerShapes.Dimensions(Shape).Batch;

    [GlobalSetup(Target = nameof(Sgd))]
    public void SetupSgd() => Setup(() => Sgd());

    [GlobalSetup(Target = nameof(Momentum))]
    public void SetupMomentum() => Setup(() => Momentum());

    [GlobalSetup(Target = nameof(Adam))]
    public void SetupAdam() => Setup(() => Adam());

    [GlobalSetup(Target = nameof(UnfusedAdam))]
    public void SetupUnfusedAdam() => Setup(() => UnfusedAdam());

    [GlobalSetup(Target = nameof(TensorPrimitivesAdam))]
    public void SetupTensorPrimitivesAdam() => Setup(() => TensorPrimitivesAdam());

    private void Setup(Action warmup)
    {
        var (batch, inputs, outputs) = LayerShapes.Dimensions(Shape);
        (_inputs, _outputs) = (inputs, outputs);
        var random = new Random(19);
        float scale = 1f / MathF.Sqrt(inputs);
        _x = Fill(batch * inputs, () => (random.NextSingle() * 2f) - 1f);
        _y = Fill(batch * outputs, () => 0.02f + (0.96f * random.NextSingle()));
        _t = Fill(batch * outputs, () => random.Next(2));
        _initial = Fill((inputs * outputs) + outputs, () => ((random.NextSingle() * 2f) - 1f) * scale);
        _w = _initial[..(inputs * outputs)];
        _b = _initial[(inputs * outputs)..];
        _state1 = new float[_initial.Length];
        _state2 = new float[_initial.Length];
        _dw = new float[inputs * outputs];
        _db = new float[outputs];
        _dz = new float[batch * outputs];
        _loss1 = new float[batch * outputs];
        _loss2 = new float[batch * outputs];
        _plainAdam = new PlainLoopAdam(_initial.Length, AdamLearningRate);
        _tpParameters = (float[])_initial.Clone();
        _tpGradients = new float[_initial.Length];
        CheckAgreement();
        (_t1, _t2, _steps) = (0, 0, 0);
        Array.Clear(_state1);
        Array.Clear(_state2);
        warmup();
        JitWarmup.Run(warmup);
    }

    /// <summary>
    /// Fused and unfused Adam give the same bits after one step from the same start: the fused step sums each gradient over
    /// the same blocks of rows (31 at 784 inputs, 48 at 512), in the same order, as the plain backward pass.
    /// </summary>
    private void CheckAgreement()
    {
        float[] w = (float[])_w.Clone(), b = (float[])_b.Clone();
        Adam();
        float[] fused = [.. _w, .. _b];
        (_w, _b) = (w, b);
        Array.Clear(_state1);
        Array.Clear(_state2);
        _t1 = 0;
        UnfusedAdam();
        float[] unfused = [.. _w, .. _b];
        for (int i = 0; i < fused.Length; i++)
        {
            if (fused[i] != unfused[i])
            {
                throw new InvalidOperationException($"{Shape}: fused and unfused Adam disagree at parameter {i}: {fused[i]} against {unfused[i]}.");
            }
        }

        _initial[.._w.Length].CopyTo(_w, 0);
        _initial[_w.Length..].CopyTo(_b, 0);
    }

    [Benchmark(Baseline = true)]
    public float Sgd()
    {
        Reload();
        return Shape == LayerShape.B64_I784_O128
            ? LayerSteps.Sgd784x128(_x, _w, _b, _y, _t, SgdLearningRate)
            : LayerSteps.Sgd512x512(_x, _w, _b, _y, _t, SgdLearningRate);
    }

    [Benchmark]
    public float Momentum()
    {
        Reload();
        var step = new SigmoidSgdStep(SgdLearningRate, ++_t1, momentum: 0.9);
        return Shape == LayerShape.B64_I784_O128
            ? LayerSteps.Momentum784x128(_x, _w, _b, _y, _t, step, _state1)
            : LayerSteps.Momentum512x512(_x, _w, _b, _y, _t, step, _state1);
    }

    [Benchmark]
    public float Adam()
    {
        Reload();
        var step = new SigmoidAdamStep(AdamLearningRate, ++_t1);
        return Shape == LayerShape.B64_I784_O128
            ? LayerSteps.Adam784x128(_x, _w, _b, _y, _t, step, _state1, _state2)
            : LayerSteps.Adam512x512(_x, _w, _b, _y, _t, step, _state1, _state2);
    }

    [Benchmark]
    public float UnfusedAdam()
    {
        Reload();
        float loss = Shape == LayerShape.B64_I784_O128
            ? LayerSteps.Backward784x128(_x, _w, _y, _t, _dw, _db)
            : LayerSteps.Backward512x512(_x, _w, _y, _t, _dw, _db);
        long step = ++_t1;
        int n = _w.Length;
        SigmoidOptimizerSteps.Adam(_w, _dw, _state1.AsSpan(0, n), _state2.AsSpan(0, n), AdamLearningRate, 0.9, 0.999, 1e-8, 0, false, step);
        SigmoidOptimizerSteps.Adam(_b, _db, _state1.AsSpan(n), _state2.AsSpan(n), AdamLearningRate, 0.9, 0.999, 1e-8, 0, false, step);
        return loss;
    }

    [Benchmark]
    public float TensorPrimitivesAdam()
    {
        Reload();
        Span<float> a = _loss1, b = _loss2;
        ReadOnlySpan<float> y = _y, t = _t;

        // loss = −mean(t·max(log y, −100) + (1 − t)·max(log(1 − y), −100)), as TensorPrimitivesLayerTrainer.
        TensorPrimitives.Log(y, a);
        TensorPrimitives.Max(a, -100f, a);
        TensorPrimitives.Subtract(1f, y, b);
        TensorPrimitives.Log(b, b);
        TensorPrimitives.Max(b, -100f, b);
        TensorPrimitives.Subtract(a, b, a);
        TensorPrimitives.MultiplyAdd(a, t, b, a);
        float loss = -TensorPrimitives.Sum(a) / t.Length;

        TensorPrimitives.Subtract(y, t, _dz);
        TensorPrimitives.Multiply(_dz, 1f / t.Length, _dz);
        // The gradients into one buffer laid out like the parameters (weights, then bias), then one Adam pass over both.
        int n = _inputs * _outputs;
        Span<float> p = _tpParameters, g = _tpGradients;
        ReferenceLayers.TensorPrimitivesBackwardFromDz(_x, p[..n], _dz, g[..n], g[n..], Span<float>.Empty, _inputs, _outputs);
        _plainAdam.Update(p, g);
        return loss;
    }

    private void Reload()
    {
        if (++_steps == ReloadPeriod)
        {
            _steps = 0;
            _initial[.._w.Length].CopyTo(_w, 0);
            _initial[_w.Length..].CopyTo(_b, 0);
            _initial.CopyTo(_tpParameters, 0);
        }
    }

    private static float[] Fill(int length, Func<float> next)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = next();
        }

        return values;
    }
}
