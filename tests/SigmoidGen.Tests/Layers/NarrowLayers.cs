using SigmoidGen;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Layers of one or two outputs for the narrow kernel (issue 17): from a tile of rows (one vector of outputs: 16, 8 or 4
/// rows of one float output by path), sums reduced together and σ in registers; one input and one output as an
/// element-by-element sweep. Inputs with and without a tail at every vector width, a long dot product (a loop), a fixed batch.
/// </summary>
public static partial class NarrowLayers
{
    [SigmoidLayer(1, 1)]
    public static partial void F1x1(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(30, 1)]
    public static partial void F30x1(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(16, 1)]
    public static partial void F16x1(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(5, 1)]
    public static partial void F5x1(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(9, 2)]
    public static partial void F9x2(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(33, 2, Precision = SigmoidPrecision.Fast)]
    public static partial void F33x2Fast(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(300, 1)]
    public static partial void F300x1(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(30, 1, Batch = 37)]
    public static partial void F30x1Batch37(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(1, 1)]
    public static partial void D1x1(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(13, 1)]
    public static partial void D13x1(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(7, 2)]
    public static partial void D7x2(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);
}
