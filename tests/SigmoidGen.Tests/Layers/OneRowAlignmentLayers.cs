using SigmoidGen;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Layers whose one-row backward reads W and stores dW in aligned vectors wherever the arrays lie
/// (<see cref="OneRowAlignmentTests"/>): rows of two or more whole vectors in one chunk, even and odd outputs (the two
/// accumulator sets and the last odd output), float and double, on each SIMD path's widths.
/// </summary>
public static partial class OneRowAlignmentLayers
{
    [SigmoidLayerBackward(64, 32)]
    public static partial void F64x32(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(32, 7, Batch = 1)]
    public static partial void F32x7Batch1(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(48, 2)]
    public static partial void F48x2(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(32, 5)]
    public static partial void D32x5(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerBackward(16, 4)]
    public static partial void D16x4(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);
}
