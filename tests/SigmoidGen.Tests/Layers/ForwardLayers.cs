using SigmoidGen;

namespace SigmoidGen.Tests.Layers;

/// <summary>The layers under test, generated at build time by the real generator (shapes: inputs × outputs).</summary>
public static partial class ForwardLayers
{
    [SigmoidLayer(1, 1)]
    public static partial void F1x1(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    // One or two outputs: a row block holds less than a vector, so σ runs once over the whole batch at the end.
    [SigmoidLayer(16, 1)]
    public static partial void F16x1(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(7, 2, Precision = SigmoidPrecision.Fast)]
    public static partial void F7x2Fast(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(5, 1, Batch = 10)]
    public static partial void F5x1Batch10(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(3, 5)]
    public static partial void F3x5(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(4, 8)]
    public static partial void F4x8(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    // Four inputs: a single row reads W whole on Vector512 (a group of 16 outputs, then two vectors of W and one: 16 + 4,
    // 16 + 8 + 4) and on Vector256 (groups of 8, then two vectors: 8 + 8 + 4, 3 × 8 + 4).
    [SigmoidLayer(4, 20)]
    public static partial void F4x20(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(4, 28, Precision = SigmoidPrecision.Fast)]
    public static partial void F4x28Fast(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(33, 17)]
    public static partial void F33x17(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(129, 65)]
    public static partial void F129x65(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    // One Vector512 of outputs: tiles of 16 rows; a rest of one row takes a one-row tile (issue 16), fixed or run time.
    [SigmoidLayer(30, 16)]
    public static partial void F30x16(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(30, 16, Batch = 17)]
    public static partial void F30x16Batch17(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    // The single-threaded twin of ParallelLayers.F400x160, whose chunk minimum comes from the panel kernel's batch.
    [SigmoidLayer(400, 160)]
    public static partial void F400x160(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    // Issue 15 item 12: sums that overflow float, on the dot-product tiles (batches below 32) and the panel kernel.
    [SigmoidLayer(784, 128)]
    public static partial void F784x128(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(17, 257)]
    public static partial void F17x257(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(33, 17, Batch = 7)]
    public static partial void F33x17Batch7(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    // A fixed batch large enough for the outer-product (panel) kernel alone: 13 = 2 tiles of 6 rows + 1 row.
    [SigmoidLayer(33, 17, Batch = 13)]
    public static partial void F33x17Batch13(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(33, 17, Precision = SigmoidPrecision.Fast)]
    public static partial void F33x17Fast(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(1, 1)]
    public static partial void D1x1(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(3, 5)]
    public static partial void D3x5(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(33, 17)]
    public static partial void D33x17(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(129, 65)]
    public static partial void D129x65(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(17, 257)]
    public static partial void D17x257(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(33, 17, Batch = 7)]
    public static partial void D33x17Batch7(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(33, 17, Batch = 13)]
    public static partial void D33x17Batch13(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(33, 17, Precision = SigmoidPrecision.Fast)]
    public static partial void D33x17Fast(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);
}

/// <summary>A small layer for hand-checked values.</summary>
public static partial class ForwardLayers
{
    [SigmoidLayer(inputs: 3, outputs: 2)]
    public static partial void F3x2(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
}
