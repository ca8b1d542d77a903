using System.Numerics;
using SigmoidGen.Tests.Reference;
using Xunit.Abstractions;

namespace SigmoidGen.Tests.Training;

/// <summary>
/// <c>[SigmoidLayerTrainStep(..., Optimizer = Sgd / Adam)]</c>: the optimizer fused into the backward pass, over
/// <see cref="OptimizerHarness.Steps"/> steps of fresh data each, every configuration of <see cref="OptimizerHarness"/>,
/// float and double, on the SIMD path of the run (CI runs this project on every path). Two checks per step:
/// <list type="bullet">
/// <item>against the plain backward pass then <see cref="SigmoidOptimizerSteps"/> on the weights and on the bias (with
/// the state spans' two slices), from the same parameters and state: the input gradient, the parameters and the state
/// bit for bit (the fused step sums the gradient over the same blocks of rows, in the same order, as the plain backward
/// pass; batches of several blocks and layers whose pass 2 runs in groups of outputs are among the cases);</item>
/// <item>against the double-precision reference (<see cref="ReferenceBackward"/> for the gradients, with their
/// rounding-error bounds, then <see cref="ReferenceOptimizer"/>): double within 1e-12 of each parameter's scale;
/// float within the first-order bound of the gradient's and the update's roundings carried along the trajectory.</item>
/// </list>
/// </summary>
public class LayerOptimizerTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        (string Shape, int Batch)[] shapes = [("33x17", 1), ("33x17", 7), ("33x17", 40), ("200x20", 130), ("70x6", 9)];
        foreach (string name in OptimizerHarness.Configurations.Keys)
        {
            foreach ((string shape, int batch) in shapes)
            {
                data.Add(name, shape, batch);
            }
        }

        // Pass 2 in two groups of outputs, over three blocks of rows (float only; a few configurations, for time).
        foreach (string name in new[] { "momentum-decay", "nesterov", "adam", "adamw" })
        {
            data.Add(name, "1000x70", 50);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FloatMatchesTheUnfusedPathAndTheReference(string name, string shape, int batch) => Run(FloatLayer(shape), name, batch);

    [Theory]
    [MemberData(nameof(Cases))]
    public void DoubleMatchesTheUnfusedPathAndTheReference(string name, string shape, int batch)
    {
        if (shape is not "70x6" and not "1000x70")
        {
            Run(DoubleLayer(shape), name, batch);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(24)]
    public void TheLossVariantReturnsTheBackwardLoss(int batch)
    {
        const int inputs = 33, outputs = 17;
        float[] w = ReferenceLayer.Random<float>(inputs * outputs, 3, 0.3), b = ReferenceLayer.Random<float>(outputs, 4, 0.1);
        float[] m = new float[w.Length + b.Length], v = new float[w.Length + b.Length];
        for (long t = 1; t <= 5; t++)
        {
            (float[] x, _, float[] y, float[] target) = ReferenceBackward.Data<float>(batch, inputs, outputs, targets: true, seed: (int)t);
            float[] dw = new float[w.Length], db = new float[outputs], dx = new float[x.Length], fusedDx = new float[x.Length];
            float loss = LayerOptimizerLayers.F33x17Bce(x, w, y, target, dw, db, dx);
            float[] ew = (float[])w.Clone(), eb = (float[])b.Clone(), em = (float[])m.Clone(), ev = (float[])v.Clone();
            SigmoidOptimizerSteps.Adam(ew, dw, em.AsSpan(0, w.Length), ev.AsSpan(0, w.Length), 0.01, 0.9, 0.999, 1e-8, 0, false, t);
            SigmoidOptimizerSteps.Adam(eb, db, em.AsSpan(w.Length), ev.AsSpan(w.Length), 0.01, 0.9, 0.999, 1e-8, 0, false, t);

            float fusedLoss = LayerOptimizerLayers.F33x17BceAdam(x, w, b, y, target, new SigmoidAdamStep(0.01, t), m, v, fusedDx);
            Assert.Equal(loss, fusedLoss);
            Assert.Equal(dx, fusedDx);
            Assert.Equal(ew, w);
            Assert.Equal(eb, b);
            Assert.Equal(em, m);
            Assert.Equal(ev, v);
        }
    }

    /// <summary>One layer shape in one element type: the fused steps and the plain backward pass.</summary>
    private sealed record Layer<T>(
        int Inputs,
        int Outputs,
        bool InputGradient,
        Action<T[], T[], T[], T[], T[], SigmoidAdamStep, T[], T[], T[]> Adam,
        Action<T[], T[], T[], T[], T[], SigmoidSgdStep, T[], T[]> Sgd,
        Action<T[], T[], T[], T[], T[], T[], T[]> Backward);

    private static Layer<float> FloatLayer(string shape) => shape switch
    {
        "33x17" => new(33, 17, true,
            (x, w, b, y, g, o, m, v, dx) => LayerOptimizerLayers.F33x17Adam(x, w, b, y, g, o, m, v, dx),
            (x, w, b, y, g, o, mom, dx) => LayerOptimizerLayers.F33x17Sgd(x, w, b, y, g, o, mom, dx),
            (x, w, y, g, dw, db, dx) => LayerOptimizerLayers.F33x17(x, w, y, g, dw, db, dx)),
        "200x20" => new(200, 20, false,
            (x, w, b, y, g, o, m, v, dx) => LayerOptimizerLayers.F200x20Adam(x, w, b, y, g, o, m, v),
            (x, w, b, y, g, o, mom, dx) => LayerOptimizerLayers.F200x20Sgd(x, w, b, y, g, o, mom),
            (x, w, y, g, dw, db, dx) => LayerOptimizerLayers.F200x20(x, w, y, g, dw, db)),
        "1000x70" => new(1000, 70, false,
            (x, w, b, y, g, o, m, v, dx) => LayerOptimizerLayers.F1000x70Adam(x, w, b, y, g, o, m, v),
            (x, w, b, y, g, o, mom, dx) => LayerOptimizerLayers.F1000x70Sgd(x, w, b, y, g, o, mom),
            (x, w, y, g, dw, db, dx) => LayerOptimizerLayers.F1000x70(x, w, y, g, dw, db)),
        _ => new(70, 6, false,
            (x, w, b, y, g, o, m, v, dx) => LayerOptimizerLayers.F70x6Adam(x, w, b, y, g, o, m, v),
            (x, w, b, y, g, o, mom, dx) => LayerOptimizerLayers.F70x6Sgd(x, w, b, y, g, o, mom),
            (x, w, y, g, dw, db, dx) => LayerOptimizerLayers.F70x6(x, w, y, g, dw, db)),
    };

    private static Layer<double> DoubleLayer(string shape) => shape switch
    {
        "33x17" => new(33, 17, true,
            (x, w, b, y, g, o, m, v, dx) => LayerOptimizerLayers.D33x17Adam(x, w, b, y, g, o, m, v, dx),
            (x, w, b, y, g, o, mom, dx) => LayerOptimizerLayers.D33x17Sgd(x, w, b, y, g, o, mom, dx),
            (x, w, y, g, dw, db, dx) => LayerOptimizerLayers.D33x17(x, w, y, g, dw, db, dx)),
        _ => new(200, 20, false,
            (x, w, b, y, g, o, m, v, dx) => LayerOptimizerLayers.D200x20Adam(x, w, b, y, g, o, m, v),
            (x, w, b, y, g, o, mom, dx) => LayerOptimizerLayers.D200x20Sgd(x, w, b, y, g, o, mom),
            (x, w, y, g, dw, db, dx) => LayerOptimizerLayers.D200x20(x, w, y, g, dw, db)),
    };

    private void Run<T>(Layer<T> layer, string name, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>, IConvertible
    {
        object configuration = OptimizerHarness.Configurations[name];
        int weights = layer.Inputs * layer.Outputs, count = weights + layer.Outputs;
        double[] start = OptimizerHarness.InitialParameters(count, seed: 7);
        T[] w = start.Take(weights).Select(T.CreateChecked).ToArray();
        T[] b = start.Skip(weights).Select(T.CreateChecked).ToArray();
        T[] s1 = new T[count], s2 = new T[count];
        if (configuration is SgdOptions)
        {
            Array.Fill(s1, T.NaN); // the momentum buffer is not read at step 1
        }

        ReferenceOptimizer reference = OptimizerHarness.Reference(configuration, start, OptimizerHarness.UnitRoundoff<T>());
        double worst = 0;
        for (long t = 1; t <= OptimizerHarness.Steps; t++)
        {
            (T[] x, _, T[] y, T[] g) = ReferenceBackward.Data<T>(batch, layer.Inputs, layer.Outputs, targets: false, seed: (int)(100 * t));

            // Unfused, from the same parameters and state: gradients, then the span-level step on each parameter span.
            T[] dw = new T[weights], db = new T[layer.Outputs], dx = new T[layer.InputGradient ? x.Length : 0];
            layer.Backward(x, w, y, g, dw, db, dx);
            T[] ew = (T[])w.Clone(), eb = (T[])b.Clone(), e1 = (T[])s1.Clone(), e2 = (T[])s2.Clone();
            UnfusedStep(configuration, t, ew, dw, e1.AsSpan(0, weights), e2.AsSpan(0, weights));
            UnfusedStep(configuration, t, eb, db, e1.AsSpan(weights), e2.AsSpan(weights));

            // Fused.
            T[] fusedDx = new T[dx.Length];
            switch (configuration)
            {
                case AdamOptions o:
                    layer.Adam(x, w, b, y, g, new SigmoidAdamStep(o.LearningRate, t, o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay, o.Decoupled), s1, s2, fusedDx);
                    break;
                case SgdOptions o:
                    layer.Sgd(x, w, b, y, g, new SigmoidSgdStep(o.LearningRate, t, o.Momentum, o.Nesterov, o.WeightDecay), s1, fusedDx);
                    break;
            }

            string what = $"{typeof(T).Name} {layer.Inputs}x{layer.Outputs}, batch {batch}, {configuration}, step {t}";
            Assert.Equal(dx, fusedDx); // with the weights before the update, as the plain backward pass
            Assert.True(ew.SequenceEqual(w) && eb.SequenceEqual(b), $"{what}: parameters differ from the unfused path");
            Assert.True(e1.SequenceEqual(s1) && (configuration is SgdOptions || e2.SequenceEqual(s2)), $"{what}: state differs from the unfused path");

            // The reference: exact gradients (with the bounds of a computation in T), then the optimizer.
            ReferenceBackward exact = ReferenceBackward.Compute(x, w, y, g, batch, layer.Inputs, layer.Outputs, bce: false);
            reference.Step([.. exact.WeightsGradient, .. exact.BiasGradient], [.. exact.WeightsBound, .. exact.BiasBound]);
            T[] parameters = [.. w, .. b];
            OptimizerHarness.AssertClose(parameters, reference, what);
            for (int i = 0; i < count; i++)
            {
                worst = Math.Max(worst, Math.Abs(double.CreateChecked(parameters[i]) - reference.P[i]) / reference.ScaleP[i]);
            }
        }

        output.WriteLine($"{typeof(T).Name} {layer.Inputs}x{layer.Outputs} batch {batch} {name}: largest error / scale {worst:E2}, same bits as the unfused path");
    }

    private static void UnfusedStep<T>(object configuration, long t, T[] parameters, T[] gradients, Span<T> s1, Span<T> s2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (configuration)
        {
            case AdamOptions o:
                SigmoidOptimizerSteps.Adam<T>(parameters, gradients, s1, s2, o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay, o.Decoupled, t, int.MaxValue);
                break;
            case SgdOptions o:
                SigmoidOptimizerSteps.Sgd<T>(parameters, gradients, s1, o.LearningRate, o.Momentum, o.Nesterov, o.WeightDecay, t == 1, int.MaxValue);
                break;
        }
    }
}
