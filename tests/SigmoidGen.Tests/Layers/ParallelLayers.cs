using SigmoidGen;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Forward layers with <c>Parallel = true</c>. (129, 65) needs about 54 rows per chunk (2^20 flops at 20 930 flops per
/// row, in whole tiles of 6, or 56 in tiles of 14 on Vector512), so 301 rows make uneven chunks on any core count, and a
/// batch of a few rows stays on the calling thread.
/// </summary>
public static partial class ParallelLayers
{
    [SigmoidLayer(129, 65, Parallel = true)]
    public static partial void F129x65(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(129, 65, Batch = 301, Parallel = true)]
    public static partial void F129x65Batch301(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    // (400, 160): 2^20 flops take only 8 rows, so the chunk minimum is the panel kernel's batch (32 rows), rounded up to
    // whole tiles: 36 with tiles of 6, 42 with tiles of 14. Unrounded, 64 rows were cut 30 + 34 and the 30 ran the
    // dot-product tiles, with other sums than the single-threaded call.
    [SigmoidLayer(400, 160, Parallel = true)]
    public static partial void F400x160(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(33, 17, Parallel = true, Precision = SigmoidPrecision.Fast)]
    public static partial void F33x17Fast(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    // A fixed batch too small to split: the generator emits the single-threaded code.
    [SigmoidLayer(33, 17, Batch = 7, Parallel = true)]
    public static partial void F33x17Batch7(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(129, 65, Parallel = true)]
    public static partial void D129x65(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(129, 65, Batch = 301, Parallel = true)]
    public static partial void D129x65Batch301(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(33, 17, Batch = 7, Parallel = true)]
    public static partial void D33x17Batch7(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    // Split by output panels (ParallelPanels), and their single-threaded twins for the bit-for-bit comparison. The panel
    // counts per path (Vector512 / Vector256 / Vector128 floats: panels of 32 / 16 / 8 outputs; doubles: 16 / 8 / 4):
    // (40, 549): 18 / 35 / 69 panels, the last one overlapping (odd counts on the narrower paths);
    // (72, 272): 9 (the last overlapping: split by rows) / 17 (odd, no overlap) / 34;
    // (96, 128): 4 / 8 / 16, and below 64 rows too little work for two chunks on Vector512.
    [SigmoidLayer(40, 549, Parallel = true)]
    public static partial void F40x549(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(40, 549)]
    public static partial void F40x549Single(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(72, 272, Parallel = true)]
    public static partial void F72x272(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(72, 272)]
    public static partial void F72x272Single(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(96, 128, Parallel = true)]
    public static partial void F96x128(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(96, 128)]
    public static partial void F96x128Single(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(96, 128, Batch = 100, Parallel = true)]
    public static partial void F96x128Batch100(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(96, 128, Parallel = true, Precision = SigmoidPrecision.Fast)]
    public static partial void F96x128Fast(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(96, 128, Precision = SigmoidPrecision.Fast)]
    public static partial void F96x128FastSingle(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(40, 549, Parallel = true)]
    public static partial void D40x549(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(40, 549)]
    public static partial void D40x549Single(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(72, 272, Parallel = true)]
    public static partial void D72x272(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(72, 272)]
    public static partial void D72x272Single(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    // (512, 512): x as the panel at batches up to 256 rows (128 on Vector256; W packed on Vector128), the rows after the
    // whole blocks by dot products where few (Vector512, Vector256); split by the same ranges of outputs as W's 16 / 32
    // panels (floats; doubles 32 / 64).
    [SigmoidLayer(512, 512, Parallel = true)]
    public static partial void F512x512(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(512, 512)]
    public static partial void F512x512Single(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(512, 512, Parallel = true)]
    public static partial void D512x512(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(512, 512)]
    public static partial void D512x512Single(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);
}
