using SigmoidGen;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// (784, 128): x as the panel on Vector512 up to 96 rows in blocks of two or three vectors of rows; with
/// <c>Parallel = true</c>, the batches with rows by dot products whose blocks fall into two halves (65–70 rows: 32 + 33–38,
/// 81–86: 48 + 33–38) split into two chunks of rows at a block, the others by ranges of outputs or W's panels.
/// </summary>
public static partial class XPanelRowSplitLayers
{
    [SigmoidLayer(784, 128, Parallel = true)]
    public static partial void F784x128(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(784, 128)]
    public static partial void F784x128Single(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(784, 128, Parallel = true)]
    public static partial void D784x128(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(784, 128)]
    public static partial void D784x128Single(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);
}
