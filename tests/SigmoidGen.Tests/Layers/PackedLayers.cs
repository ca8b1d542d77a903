using SigmoidGen;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Layers declared with <c>PackedWeights = true</c>: their weights parameter takes <see cref="SigmoidPacking.Pack(ReadOnlySpan{float}, int, int)"/>'s
/// output (units of 16 floats, 8 doubles). Shapes cover layers too narrow to pack (their packed form is the weights),
/// exactly one unit, an overlapping last unit, several units (on Vector512: pairs, a leftover unit), a fixed batch,
/// Fast, Parallel and double.
/// </summary>
public static partial class PackedLayers
{
    [SigmoidLayer(4, 8, PackedWeights = true)]
    public static partial void F4x8(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(30, 16, PackedWeights = true)]
    public static partial void F30x16(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(64, 32, PackedWeights = true)]
    public static partial void F64x32(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(20, 40, PackedWeights = true)]
    public static partial void F20x40(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(129, 65, PackedWeights = true)]
    public static partial void F129x65(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(3, 100, PackedWeights = true, Precision = SigmoidPrecision.Fast)]
    public static partial void F3x100Fast(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(33, 40, Batch = 7, PackedWeights = true)]
    public static partial void F33x40Batch7(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(33, 40, Batch = 1, PackedWeights = true)]
    public static partial void F33x40Batch1(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(20, 40, Parallel = true, PackedWeights = true)]
    public static partial void F20x40Parallel(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(9, 7, PackedWeights = true)]
    public static partial void D9x7(ReadOnlySpan<double> input, ReadOnlySpan<double> packedWeights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(9, 8, PackedWeights = true)]
    public static partial void D9x8(ReadOnlySpan<double> input, ReadOnlySpan<double> packedWeights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(9, 16, PackedWeights = true)]
    public static partial void D9x16(ReadOnlySpan<double> input, ReadOnlySpan<double> packedWeights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(33, 17, PackedWeights = true)]
    public static partial void D33x17(ReadOnlySpan<double> input, ReadOnlySpan<double> packedWeights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(129, 65, PackedWeights = true)]
    public static partial void D129x65(ReadOnlySpan<double> input, ReadOnlySpan<double> packedWeights, ReadOnlySpan<double> bias, Span<double> output);
}
