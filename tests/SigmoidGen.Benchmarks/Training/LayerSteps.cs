namespace SigmoidGen.Benchmarks.Training;

/// <summary>
/// The layer-level training steps of <see cref="LayerOptimizerStepBenchmarks"/>: the first layer of a network (no input
/// gradient) with the binary cross-entropy, at (784, 128) and (512, 512), fused with plain SGD, SGD with momentum and
/// Adam; and the plain backward passes that the unfused Adam step runs before <see cref="SigmoidOptimizerSteps"/>.
/// </summary>
public static partial class LayerSteps
{
    [SigmoidLayerTrainStep(784, 128, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial float Sgd784x128(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> t, float learningRate);

    [SigmoidLayerTrainStep(784, 128, Loss = SigmoidLoss.BinaryCrossEntropy, Optimizer = SigmoidOptimizerKind.Sgd)]
    public static partial float Momentum784x128(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> t, SigmoidSgdStep optimizer, Span<float> momentumBuffer);

    [SigmoidLayerTrainStep(784, 128, Loss = SigmoidLoss.BinaryCrossEntropy, Optimizer = SigmoidOptimizerKind.Adam)]
    public static partial float Adam784x128(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> t, SigmoidAdamStep optimizer, Span<float> firstMoment, Span<float> secondMoment);

    [SigmoidLayerBackward(784, 128, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial float Backward784x128(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> t, Span<float> dw, Span<float> db);

    [SigmoidLayerTrainStep(512, 512, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial float Sgd512x512(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> t, float learningRate);

    [SigmoidLayerTrainStep(512, 512, Loss = SigmoidLoss.BinaryCrossEntropy, Optimizer = SigmoidOptimizerKind.Sgd)]
    public static partial float Momentum512x512(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> t, SigmoidSgdStep optimizer, Span<float> momentumBuffer);

    [SigmoidLayerTrainStep(512, 512, Loss = SigmoidLoss.BinaryCrossEntropy, Optimizer = SigmoidOptimizerKind.Adam)]
    public static partial float Adam512x512(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> t, SigmoidAdamStep optimizer, Span<float> firstMoment, Span<float> secondMoment);

    [SigmoidLayerBackward(512, 512, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial float Backward512x512(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> t, Span<float> dw, Span<float> db);
}
