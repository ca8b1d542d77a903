using SigmoidGen;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Layers for the one-row backward kernel's loops (<see cref="OneRowBackwardTests"/>): 150 inputs are a whole chunk of
/// eight vectors then a tail of two (Vector512), three (Vector256) or five (Vector128) float vectors whose last one
/// overlaps, so the input and weight gradients share one loop through whole chunks and an overlapping tail.
/// </summary>
public static partial class OneRowBackwardLayers
{
    [SigmoidLayerBackward(150, 20)]
    public static partial void F150x20(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(150, 20, Batch = 1)]
    public static partial void F150x20Batch1(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(150, 20, Accumulate = true)]
    public static partial void F150x20Accumulate(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerTrainStep(150, 20)]
    public static partial void F150x20Step(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float learningRate, Span<float> dx);

    [SigmoidLayerTrainStep(150, 20, Batch = 1)]
    public static partial void F150x20StepBatch1(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float learningRate, Span<float> dx);

    [SigmoidLayerBackward(75, 21)]
    public static partial void D75x21(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerTrainStep(75, 21)]
    public static partial void D75x21Step(ReadOnlySpan<double> x, Span<double> w, Span<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, double learningRate, Span<double> dx);

    [SigmoidLayerBackward(75, 21, Accumulate = true)]
    public static partial void D75x21Accumulate(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);
}
