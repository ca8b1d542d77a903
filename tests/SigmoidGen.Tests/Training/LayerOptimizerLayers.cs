using SigmoidGen;

namespace SigmoidGen.Tests.Training;

/// <summary>
/// Training steps with a fused optimizer (issue 19), and the plain backward passes of the same shapes that the unfused
/// path (gradients, then <see cref="SigmoidOptimizerSteps"/>) runs beside them. Shapes:
/// (33, 17): tails on every width (33 inputs: whole vectors and an overlapping last one, a lone one in the double
/// Vector512 tail chunk; 17 outputs: whole output tiles and a tail), with an input gradient;
/// (200, 20): no input gradient, batches beyond one weight-gradient block of the plain backward (122 float rows, 61 double);
/// (70, 6): on Vector512 and Vector256 the chunk's tail is one overlapping vector alone (its shared lanes already updated);
/// (1000, 70): 280 KB of float gradient rows, so the fused steps run pass 2 in two groups of 36 outputs (the last ending
/// with the tail tile), over blocks of 24 rows.
/// </summary>
public static partial class LayerOptimizerLayers
{
    [SigmoidLayerTrainStep(33, 17, Optimizer = SigmoidOptimizerKind.Adam)]
    public static partial void F33x17Adam(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, SigmoidAdamStep optimizer, Span<float> m, Span<float> v, Span<float> dx);

    [SigmoidLayerTrainStep(33, 17, Optimizer = SigmoidOptimizerKind.Sgd)]
    public static partial void F33x17Sgd(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, SigmoidSgdStep optimizer, Span<float> momentum, Span<float> dx);

    [SigmoidLayerBackward(33, 17)]
    public static partial void F33x17(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerTrainStep(33, 17, Optimizer = SigmoidOptimizerKind.Adam)]
    public static partial void D33x17Adam(ReadOnlySpan<double> x, Span<double> w, Span<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, SigmoidAdamStep optimizer, Span<double> m, Span<double> v, Span<double> dx);

    [SigmoidLayerTrainStep(33, 17, Optimizer = SigmoidOptimizerKind.Sgd)]
    public static partial void D33x17Sgd(ReadOnlySpan<double> x, Span<double> w, Span<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, SigmoidSgdStep optimizer, Span<double> momentum, Span<double> dx);

    [SigmoidLayerBackward(33, 17)]
    public static partial void D33x17(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerTrainStep(200, 20, Optimizer = SigmoidOptimizerKind.Adam)]
    public static partial void F200x20Adam(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, SigmoidAdamStep optimizer, Span<float> m, Span<float> v);

    [SigmoidLayerTrainStep(200, 20, Optimizer = SigmoidOptimizerKind.Sgd)]
    public static partial void F200x20Sgd(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, SigmoidSgdStep optimizer, Span<float> momentum);

    [SigmoidLayerBackward(200, 20)]
    public static partial void F200x20(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db);

    [SigmoidLayerTrainStep(200, 20, Optimizer = SigmoidOptimizerKind.Adam)]
    public static partial void D200x20Adam(ReadOnlySpan<double> x, Span<double> w, Span<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, SigmoidAdamStep optimizer, Span<double> m, Span<double> v);

    [SigmoidLayerTrainStep(200, 20, Optimizer = SigmoidOptimizerKind.Sgd)]
    public static partial void D200x20Sgd(ReadOnlySpan<double> x, Span<double> w, Span<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, SigmoidSgdStep optimizer, Span<double> momentum);

    [SigmoidLayerBackward(200, 20)]
    public static partial void D200x20(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db);

    [SigmoidLayerTrainStep(70, 6, Optimizer = SigmoidOptimizerKind.Adam)]
    public static partial void F70x6Adam(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, SigmoidAdamStep optimizer, Span<float> m, Span<float> v);

    [SigmoidLayerTrainStep(70, 6, Optimizer = SigmoidOptimizerKind.Sgd)]
    public static partial void F70x6Sgd(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, SigmoidSgdStep optimizer, Span<float> momentum);

    [SigmoidLayerBackward(70, 6)]
    public static partial void F70x6(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db);

    [SigmoidLayerTrainStep(1000, 70, Optimizer = SigmoidOptimizerKind.Adam)]
    public static partial void F1000x70Adam(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, SigmoidAdamStep optimizer, Span<float> m, Span<float> v);

    [SigmoidLayerTrainStep(1000, 70, Optimizer = SigmoidOptimizerKind.Sgd)]
    public static partial void F1000x70Sgd(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, SigmoidSgdStep optimizer, Span<float> momentum);

    [SigmoidLayerBackward(1000, 70)]
    public static partial void F1000x70(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db);

    // With the loss: the returned loss is the backward pass's, and dz = (y − t)/(batch·outputs).
    [SigmoidLayerTrainStep(33, 17, Loss = SigmoidLoss.BinaryCrossEntropy, Optimizer = SigmoidOptimizerKind.Adam)]
    public static partial float F33x17BceAdam(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> target, SigmoidAdamStep optimizer, Span<float> m, Span<float> v, Span<float> dx);

    [SigmoidLayerBackward(33, 17, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial float F33x17Bce(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> target, Span<float> dw, Span<float> db, Span<float> dx);
}
