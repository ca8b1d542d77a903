using System.Runtime.Intrinsics;
using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Layers;

/// <summary>Layers of 16–48 outputs, row-major and packed, for <see cref="PackedMatchesRowMajorTests"/>.</summary>
public static partial class PackedAndRowMajorLayers
{
    [SigmoidLayer(30, 16)]
    public static partial void F30x16(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(30, 16, PackedWeights = true)]
    public static partial void F30x16Packed(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(30, 20)]
    public static partial void F30x20(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(30, 20, PackedWeights = true)]
    public static partial void F30x20Packed(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(30, 24)]
    public static partial void F30x24(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(30, 24, PackedWeights = true)]
    public static partial void F30x24Packed(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(30, 31)]
    public static partial void F30x31(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(30, 31, PackedWeights = true)]
    public static partial void F30x31Packed(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(30, 48)]
    public static partial void F30x48(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(30, 48, PackedWeights = true)]
    public static partial void F30x48Packed(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(1024, 64)]
    public static partial void F1024x64(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(1024, 64, PackedWeights = true)]
    public static partial void F1024x64Packed(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(9, 8)]
    public static partial void D9x8(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(9, 8, PackedWeights = true)]
    public static partial void D9x8Packed(ReadOnlySpan<double> input, ReadOnlySpan<double> packedWeights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(9, 12)]
    public static partial void D9x12(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output);

    [SigmoidLayer(9, 12, PackedWeights = true)]
    public static partial void D9x12Packed(ReadOnlySpan<double> input, ReadOnlySpan<double> packedWeights, ReadOnlySpan<double> bias, Span<double> output);
}

/// <summary>
/// Packed weights against row-major ones, at every batch from 1 to 300 rows, on layers of one Vector512 of outputs, of one
/// and a part (one unit and an overlapping last unit), and of three units (a pair, then one left over): on Vector512
/// every unit that is not part of a pair goes through a one-vector panel of its own (issue 17). Every output of the
/// packed layer is checked against the double-precision reference. Once the row-major layer runs its panels too (32 rows
/// and more, on every SIMD path for these shapes), both compute each output as one chain of multiply-adds in input order,
/// then bias and σ: the same bits, except on the last few rows of a packed batch, whose tiles of 1, 2 or 4 rows spread
/// the inputs over several chains (at most 7 rows; those are held to the reference). Run with AVX-512 and AVX2 disabled
/// too, for the Vector256 and Vector128 panels.
/// </summary>
public class PackedMatchesRowMajorTests
{
    private const int Largest = 300;

    /// <summary>From this many rows the row-major layers above run their panels on every SIMD path.</summary>
    private const int RowMajorPanels = 32;

    /// <summary>The most rows at the end of a packed batch that tiles with several chains per accumulator can hold (4 + 2 + 1).</summary>
    private const int PhasedRows = 7;

    [Theory]
    [InlineData(nameof(PackedAndRowMajorLayers.F30x16), 30, 16)]
    [InlineData(nameof(PackedAndRowMajorLayers.F30x20), 30, 20)]
    [InlineData(nameof(PackedAndRowMajorLayers.F30x24), 30, 24)]
    [InlineData(nameof(PackedAndRowMajorLayers.F30x31), 30, 31)]
    [InlineData(nameof(PackedAndRowMajorLayers.F30x48), 30, 48)]
    public void FloatPackedGivesTheRowMajorBits(string layer, int inputs, int outputs) =>
        AssertSameBits<float>(layer, inputs, outputs, 2.5e-7, (a, b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b));

    /// <summary>
    /// Batches of more than one block of x (<c>PanelPlan.RowBlock</c>: 126 rows of 1 024 inputs on every SIMD path, the last
    /// block up to 189): every panel runs over one block before the next, and every row keeps the bits of the row-major
    /// layer's panels.
    /// </summary>
    [Fact]
    public void FloatPackedInBlocksOfRowsGivesTheRowMajorBits() =>
        AssertSameBits<float>(
            nameof(PackedAndRowMajorLayers.F1024x64), 1024, 64, 2.5e-7, (a, b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b),
            [1, 14, 126, 127, 189, 190, 253, 267, 300, 400]);

    /// <summary>
    /// On Vector512 a two-unit panel ends a batch that is not whole tiles in two tiles of about half its last full tile and
    /// the rest (<c>PanelPlan.BalancedFrom</c>: 45 rows as 14 + 14 + 9 + 8), one chain per output: there every row keeps the
    /// row-major layer's bits, none is left to tiles of 1, 2 or 4 rows. (F1024x64 has two pairs of units and no lone unit;
    /// its row-major layer runs W's panels from 33 rows.)
    /// </summary>
    [Fact]
    public void FloatPackedBalancedLastTilesGiveTheRowMajorBitsOnEveryRow() =>
        AssertSameBits<float>(
            nameof(PackedAndRowMajorLayers.F1024x64), 1024, 64, 2.5e-7, (a, b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b),
            [.. Enumerable.Range(33, 40), 127, 131, 139, 140, 141, 189, 190, 253, 267],
            phasedRows: Vector512.IsHardwareAccelerated ? 0 : PhasedRows);

    [Theory]
    [InlineData(nameof(PackedAndRowMajorLayers.D9x8), 9, 8)]
    [InlineData(nameof(PackedAndRowMajorLayers.D9x12), 9, 12)]
    public void DoublePackedGivesTheRowMajorBits(string layer, int inputs, int outputs) =>
        AssertSameBits<double>(layer, inputs, outputs, 1e-15, (a, b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b));

    private static void AssertSameBits<T>(string layer, int inputs, int outputs, double sigmoidError, Func<T, T, bool> sameBits, int[]? batches = null, int phasedRows = PhasedRows)
        where T : struct, IConvertible
    {
        var rowMajor = (ForwardLayer<T>)Delegate.CreateDelegate(typeof(ForwardLayer<T>), typeof(PackedAndRowMajorLayers), layer);
        var packed = (ForwardLayer<T>)Delegate.CreateDelegate(typeof(ForwardLayer<T>), typeof(PackedAndRowMajorLayers), layer + "Packed");
        int largest = batches?.Max() ?? Largest;
        T[] x = ReferenceLayer.Random<T>(largest * inputs, 17, 2);
        T[] w = ReferenceLayer.Random<T>(outputs * inputs, 18, 1.5 / Math.Sqrt(inputs));
        T[] b = ReferenceLayer.Random<T>(outputs, 19, 1);
        T[] p = typeof(T) == typeof(float)
            ? (T[])(object)SigmoidPacking.Pack((float[])(object)w, inputs, outputs)
            : (T[])(object)SigmoidPacking.Pack((double[])(object)w, inputs, outputs);
        (double[] expected, double[] bounds) = ReferenceLayer.Forward(x, w, b, largest, inputs, outputs, sigmoidError);
        bool vectors = Vector128.IsHardwareAccelerated;

        foreach (int batch in batches ?? Enumerable.Range(1, Largest))
        {
            var fromPacked = new T[batch * outputs];
            var fromRowMajor = new T[batch * outputs];
            packed(x.AsSpan(0, batch * inputs), p, b, fromPacked);
            rowMajor(x.AsSpan(0, batch * inputs), w, b, fromRowMajor);
            int sameRows = vectors && batch >= RowMajorPanels ? batch - phasedRows : 0;
            for (int k = 0; k < fromPacked.Length; k++)
            {
                double actual = Convert.ToDouble(fromPacked[k]);
                Assert.True(
                    Math.Abs(actual - expected[k]) <= bounds[k],
                    $"batch {batch}, row {k / outputs}, output {k % outputs}: packed {actual:R}, expected {expected[k]:R} ± {bounds[k]:E2}");
                Assert.True(
                    k / outputs >= sameRows || sameBits(fromPacked[k], fromRowMajor[k]),
                    $"batch {batch}, row {k / outputs}, output {k % outputs}: packed {actual:R}, row-major {Convert.ToDouble(fromRowMajor[k]):R}");
            }
        }
    }
}
