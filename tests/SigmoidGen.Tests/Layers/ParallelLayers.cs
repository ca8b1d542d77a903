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
}
