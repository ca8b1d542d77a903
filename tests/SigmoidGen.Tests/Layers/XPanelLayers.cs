using SigmoidGen;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Layers whose batches below their outputs take x as the panel (the swapped outer-product kernel, issue 17), and two
/// that never do (few inputs; as many outputs as the panels' smallest batch).
/// </summary>
public static partial class XPanelLayers
{
    [SigmoidLayer(784, 128)]
    public static partial void F784x128(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(512, 512)]
    public static partial void F512x512(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(512, 512, Precision = SigmoidPrecision.Fast)]
    public static partial void F512x512Fast(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    // Fixed batches that take only the swapped kernel: 64 rows on Vector512 (two whole blocks); 63 rows on Vector512 and
    // Vector256 (the last block overlapping the one before by one row; Vector128 packs W).
    [SigmoidLayer(784, 128, Batch = 64)]
    public static partial void F784x128Batch64(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(512, 512, Batch = 63)]
    public static partial void F512x512Batch63(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    // 48 rows: on Vector512 one block of 32 and a last block of one vector (16 rows); whole blocks on 256/128 bits.
    [SigmoidLayer(512, 512, Batch = 48)]
    public static partial void F512x512Batch48(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    // 45 rows: W's panels on every path (13 rows after a block of 32); with the x-panel's dot products on
    // (KernelPlanner.XPanelDotRestEighths512), one block of 32 and 13 rows by dot products on Vector512; with padded last
    // blocks (KernelPlanner.XPanelPaddedFromSixteenths), one block of 48 rows on Vector512, its last 3 past the batch.
    [SigmoidLayer(512, 512, Batch = 45)]
    public static partial void F512x512Batch45(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    // 131 outputs: 9 tiles of 14 and a rest of 5 (two small tiles on Vector512), 21 tiles of 6 and a rest of 5 (one more full tile on 256/128 bits).
    [SigmoidLayer(100, 131)]
    public static partial void F100x131(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(40, 549)]
    public static partial void F40x549(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(64, 32)]
    public static partial void F64x32(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(784, 128)]
    public static partial void D784x128(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(512, 512)]
    public static partial void D512x512(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(100, 131)]
    public static partial void D100x131(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(40, 549)]
    public static partial void D40x549(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(64, 32)]
    public static partial void D64x32(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);
}
