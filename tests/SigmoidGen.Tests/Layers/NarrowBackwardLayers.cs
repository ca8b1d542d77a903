using SigmoidGen;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Backward passes and training steps of one or two outputs with few inputs, for the narrow backward kernel (issue 17):
/// one pass over the rows in tiles of one vector of dz (16, 8 or 4 rows of one float output by path, half as many with
/// two), several sets of weight-gradient accumulators, the rows after the last full tile one at a time. Inputs of one
/// vector, of several with an overlapping last one, of a narrower vector than the path (5 floats: Vector128), too many
/// for the kernel on the narrower paths (33 and 64 inputs), and too many for it on every path (300: the two-pass kernels).
/// </summary>
public static partial class NarrowBackwardLayers
{
    [SigmoidLayerBackward(30, 1)]
    public static partial void F30x1(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(16, 1)]
    public static partial void F16x1(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(5, 1)]
    public static partial void F5x1(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(64, 1)]
    public static partial void F64x1(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(300, 1)]
    public static partial void F300x1(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(9, 2)]
    public static partial void F9x2(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(33, 2)]
    public static partial void F33x2(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(30, 1, Batch = 37)]
    public static partial void F30x1Batch37(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(30, 1, Batch = 32)]
    public static partial void F30x1Batch32(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(30, 1)]
    public static partial void F30x1NoInputGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db);

    [SigmoidLayerBackward(30, 1, Accumulate = true)]
    public static partial void F30x1Accumulate(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(9, 2, Accumulate = true)]
    public static partial void F9x2Accumulate(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(30, 1, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial float F30x1Bce(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> target, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerTrainStep(30, 1)]
    public static partial void F30x1Step(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float learningRate, Span<float> dx);

    [SigmoidLayerTrainStep(9, 2)]
    public static partial void F9x2Step(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float learningRate, Span<float> dx);

    [SigmoidLayerTrainStep(30, 1, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial float F30x1BceStep(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> target, float learningRate, Span<float> dx);

    [SigmoidLayerBackward(30, 1)]
    public static partial void D30x1(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerBackward(13, 1)]
    public static partial void D13x1(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerBackward(7, 2)]
    public static partial void D7x2(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerBackward(7, 2, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial double D7x2Bce(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> target, Span<double> dw, Span<double> db, Span<double> dx);
}
