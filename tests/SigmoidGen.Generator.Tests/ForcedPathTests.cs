using System.Reflection;
using SigmoidGen.Tests.Reference;
using SigmoidGen.Generator.Tests.Infrastructure;

namespace SigmoidGen.Generator.Tests;

/// <summary>
/// Every SIMD path of the generated code, whatever this CPU has: the generated dispatch is rewritten to force one path
/// (a Vector512 path runs in software where AVX-512 is missing), compiled in memory, run, and compared with the
/// double-precision reference.
/// </summary>
public class ForcedPathTests
{
    private const string Source = """
        using System;
        using SigmoidGen;

        public static partial class Layers
        {
            [SigmoidLayer(33, 17)] public static partial void F33x17(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(9, 32)] public static partial void F9x32(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(4, 20)] public static partial void F4x20(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(3, 5)] public static partial void F3x5(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(17, 9, Batch = 6)] public static partial void F17x9Batch6(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(33, 17, Precision = SigmoidPrecision.Fast)] public static partial void F33x17Fast(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(33, 17)] public static partial void D33x17(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y);
            [SigmoidLayer(20, 10)] public static partial void F20x10(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(20, 24)] public static partial void F20x24(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(9, 5)] public static partial void D9x5(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y);
            [SigmoidLayer(30, 16)] public static partial void F30x16(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(20, 24, Batch = 24)] public static partial void F20x24Batch24(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(9, 12)] public static partial void D9x12(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y);
            [SigmoidLayer(9, 8)] public static partial void D9x8(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y);
            [SigmoidLayer(64, 24)] public static partial void F64x24(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(30, 1)] public static partial void F30x1(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(30, 3)] public static partial void F30x3(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(7, 2, Precision = SigmoidPrecision.Fast)] public static partial void F7x2Fast(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(30, 20)] public static partial void F30x20(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(64, 28)] public static partial void F64x28(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(9, 11)] public static partial void D9x11(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y);
            [SigmoidLayer(1, 1)] public static partial void F1x1(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(13, 1)] public static partial void D13x1(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y);
            [SigmoidLayer(1, 3)] public static partial void D1x3(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y);
            [SigmoidLayer(20, 40)] public static partial void F20x40(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(20, 40, Batch = 41)] public static partial void F20x40Batch41(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(20, 40, Parallel = true)] public static partial void F20x40Parallel(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(20, 40, Batch = 601, Parallel = true)] public static partial void F20x40Batch601Parallel(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(9, 7, Parallel = true)] public static partial void D9x7Parallel(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y);
            [SigmoidLayer(20, 128, Parallel = true)] public static partial void F20x128Parallel(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(20, 264, Parallel = true)] public static partial void F20x264Parallel(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(9, 7, Batch = 11)] public static partial void D9x7Batch11(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y);
            [SigmoidLayer(20, 40, PackedWeights = true)] public static partial void F20x40Packed(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(33, 17, PackedWeights = true)] public static partial void F33x17Packed(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(20, 48, PackedWeights = true)] public static partial void F20x48Packed(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(9, 64, Batch = 15, PackedWeights = true)] public static partial void F9x64Batch15Packed(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(300, 40, PackedWeights = true)] public static partial void F300x40Packed(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);
            [SigmoidLayer(33, 17, PackedWeights = true)] public static partial void D33x17Packed(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y);
            [SigmoidLayer(9, 7, PackedWeights = true)] public static partial void D9x7Packed(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y);
            [SigmoidLayerBackward(33, 17)] public static partial void B33x17(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);
            [SigmoidLayerBackward(130, 129)] public static partial void B130x129(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);
            [SigmoidLayerBackward(33, 17, Batch = 1)] public static partial void B33x17Batch1(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);
            [SigmoidLayerBackward(3, 6)] public static partial void B3x6(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);
            [SigmoidLayerBackward(70, 5, Batch = 9)] public static partial void BD70x5Batch9(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);
            [SigmoidLayerBackward(1, 3)] public static partial void BD1x3(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);
        }
        """;

    private static readonly Dictionary<int, Assembly> Assemblies = new();

    public static TheoryData<int, string, int, int, int, double> Cases()
    {
        var data = new TheoryData<int, string, int, int, int, double>();
        foreach (int bits in new[] { 512, 256, 128, 0 })
        {
            data.Add(bits, "F33x17", 9, 33, 17, 2.5e-7);
            data.Add(bits, "F3x5", 5, 3, 5, 2.5e-7);

            // Single rows (a batch of one, and the rows after the last row block) store their output tiles joined into
            // the sigmoid's vector width: 8 tiles make 2 groups of 4 on Vector512 and 4 groups of 2 on Vector256.
            data.Add(bits, "F9x32", 1, 9, 32, 2.5e-7);
            data.Add(bits, "F9x32", 5, 9, 32, 2.5e-7);
            data.Add(bits, "F17x9Batch6", 6, 17, 9, 2.5e-7);
            data.Add(bits, "F33x17Fast", 9, 33, 17, 5e-6);
            data.Add(bits, "D33x17", 9, 33, 17, 1e-15);
            data.Add(bits, "D1x3", 5, 1, 3, 1e-15);

            // Rows narrower than a vector (σ swept once over the batch), and their batch of one row, whose kernel applies
            // σ itself: one output, two (Fast), three (narrow on Vector512 only), double.
            foreach (int batch in new[] { 1, 7 })
            {
                data.Add(bits, "F30x1", batch, 30, 1, 2.5e-7);
                data.Add(bits, "F30x3", batch, 30, 3, 2.5e-7);
                data.Add(bits, "F7x2Fast", batch, 7, 2, 5e-6);
            }

            data.Add(bits, "D1x3", 1, 1, 3, 1e-15);
            data.Add(bits, "D9x7Batch11", 11, 9, 7, 1e-15);

            // One or two outputs over a tile of rows or more (issue 17's narrow kernel): one vector of outputs per tile
            // (16, 8, 4 one-output float rows by path; half as many with two outputs; doubles half again), the last tile
            // overlapping the one before; one input and one output element by element. Each tile size, one row fewer and
            // an odd number more.
            foreach (int batch in new[] { 3, 4, 8, 9, 15, 16, 17, 33, 40 })
            {
                data.Add(bits, "F30x1", batch, 30, 1, 2.5e-7);
                data.Add(bits, "F7x2Fast", batch, 7, 2, 5e-6);
                data.Add(bits, "F1x1", batch, 1, 1, 2.5e-7);
                data.Add(bits, "D13x1", batch, 13, 1, 1e-15);
            }

            // Batches large enough for the outer-product (panel) kernel: 14-row tiles on Vector512, 6-row tiles
            // otherwise, with every remainder tile (8, 4, 2, 1 rows) and overlapping tail panels somewhere among them.
            data.Add(bits, "F33x17", 30, 33, 17, 2.5e-7);
            data.Add(bits, "F20x40", 45, 20, 40, 2.5e-7);
            data.Add(bits, "F20x40", 31, 20, 40, 2.5e-7);
            data.Add(bits, "F20x40Batch41", 41, 20, 40, 2.5e-7);
            data.Add(bits, "D33x17", 29, 33, 17, 1e-15);

            // Outputs that fill one vector but not two. On Vector256 and Vector128: panels of one vector, tiles of 12 rows
            // (remainders 8, 4, 2, 1), an overlapping tail panel. On Vector512: one panel of one vector for 16 floats and
            // 8 doubles (tiles of 16 rows; remainders 8, 4, 2, 1), one panel of two overlapping vectors for 24 floats and
            // 12 doubles (tiles of 14 rows), the dot-product tiles otherwise. Every remainder tile; the smallest batches
            // that take the Vector512 panels (16 rows, 64 with 48 inputs or more) and one row fewer.
            foreach (int batch in new[] { 31, 61, 90, 455 })
            {
                data.Add(bits, "F20x10", batch, 20, 10, 2.5e-7);
                data.Add(bits, "F20x24", batch, 20, 24, 2.5e-7);
                data.Add(bits, "F30x16", batch, 30, 16, 2.5e-7);
                data.Add(bits, "F64x24", batch, 64, 24, 2.5e-7);
                data.Add(bits, "D9x5", batch, 9, 5, 1e-15);
                data.Add(bits, "D9x8", batch, 9, 8, 1e-15);
                data.Add(bits, "D9x12", batch, 9, 12, 1e-15);
            }

            // Widths of 17–31 floats (9–15 doubles) other than 24 (12): the two-vector Vector512 panel overlapping by any
            // amount (packed by 8 × 8 blocks, the last overlapping), from 16 rows with few inputs, 64 with more.
            foreach (int batch in new[] { 15, 16, 31, 63, 64, 90 })
            {
                data.Add(bits, "F30x20", batch, 30, 20, 2.5e-7);
                data.Add(bits, "F64x28", batch, 64, 28, 2.5e-7);
                data.Add(bits, "D9x11", batch, 9, 11, 1e-15);
            }

            foreach (int batch in new[] { 15, 16 })
            {
                data.Add(bits, "F30x16", batch, 30, 16, 2.5e-7);
                data.Add(bits, "F20x24", batch, 20, 24, 2.5e-7);
                data.Add(bits, "D9x12", batch, 9, 12, 1e-15);
            }

            data.Add(bits, "F64x24", 63, 64, 24, 2.5e-7);
            data.Add(bits, "F64x24", 64, 64, 24, 2.5e-7);
            data.Add(bits, "F20x24Batch24", 24, 20, 24, 2.5e-7);

            // Parallel = true: about 260 rows per chunk for (20, 40), 1 830 for (9, 7), so these split on two cores or
            // more, unevenly; the small batch stays on the calling thread.
            data.Add(bits, "F20x40Parallel", 601, 20, 40, 2.5e-7);
            data.Add(bits, "F20x40Parallel", 45, 20, 40, 2.5e-7);
            data.Add(bits, "F20x40Batch601Parallel", 601, 20, 40, 2.5e-7);
            data.Add(bits, "D9x7Parallel", 4001, 9, 7, 1e-15);

            // Parallel = true split by output panels: (20, 128) has 4 / 8 / 16 panels on Vector512 / 256 / 128, (20, 264)
            // 9 (split by rows) / 17 (the last overlapping) / 33; 400 rows make two chunks, 33 stay on the calling thread.
            foreach (int batch in new[] { 33, 400 })
            {
                data.Add(bits, "F20x128Parallel", batch, 20, 128, 2.5e-7);
                data.Add(bits, "F20x264Parallel", batch, 20, 264, 2.5e-7);
            }

            // PackedWeights = true: units of 16 floats / 8 doubles; on Vector512 pairs of units, with a leftover full unit
            // (20, 48), an overlapping last unit (20, 40), no pair at all (33, 17), two pairs (9, 64); a double layer too
            // narrow to pack (9, 7). Every tile, from one row (accumulators split over 4 sets) to full tiles.
            foreach (int batch in new[] { 1, 2, 5, 31 })
            {
                data.Add(bits, "F20x40Packed", batch, 20, 40, 2.5e-7);
                data.Add(bits, "F33x17Packed", batch, 33, 17, 2.5e-7);
                data.Add(bits, "F20x48Packed", batch, 20, 48, 2.5e-7);
                data.Add(bits, "D33x17Packed", batch, 33, 17, 1e-15);
                data.Add(bits, "D9x7Packed", batch, 9, 7, 1e-15);
            }

            // Four inputs: a single row reads W whole on Vector512 (16 + 4 outputs) and Vector256 (8 + 8 + 4).
            data.Add(bits, "F4x20", 1, 4, 20, 2.5e-7);
            data.Add(bits, "F4x20", 6, 4, 20, 2.5e-7);

            data.Add(bits, "F9x64Batch15Packed", 15, 9, 64, 2.5e-7);

            // Many inputs (a looped tile) and larger batches, with leftover rows on every path.
            data.Add(bits, "F300x40Packed", 100, 300, 40, 2.5e-7);
            data.Add(bits, "F300x40Packed", 85, 300, 40, 2.5e-7);
        }

        return data;
    }

    public static TheoryData<int, string, int, int, int> BackwardCases()
    {
        var data = new TheoryData<int, string, int, int, int>();
        foreach (int bits in new[] { 512, 256, 128, 0 })
        {
            data.Add(bits, "B33x17", 9, 33, 17);
            data.Add(bits, "B33x17", 261, 33, 17);
            data.Add(bits, "B3x6", 5, 3, 6);

            // A batch of one row: its own kernel (chunks of 8 vectors, an overlapping tail), at run time or fixed.
            data.Add(bits, "B33x17", 1, 33, 17);
            data.Add(bits, "B130x129", 1, 130, 129);
            data.Add(bits, "B3x6", 1, 3, 6);
            data.Add(bits, "B33x17Batch1", 1, 33, 17);
            data.Add(bits, "BD1x3", 1, 1, 3);

            // 67 KB of weights: from 12 rows the input gradient runs in groups over copied column chunks (and a tail
            // chunk read in place); 11 rows run block by block.
            data.Add(bits, "B130x129", 11, 130, 129);
            data.Add(bits, "B130x129", 12, 130, 129);
            data.Add(bits, "B130x129", 41, 130, 129);
            data.Add(bits, "BD70x5Batch9", 9, 70, 5);
            data.Add(bits, "BD1x3", 6, 1, 3);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PathMatchesReference(int bits, string layer, int batch, int inputs, int outputs, double sigmoidError)
    {
        MethodInfo method = Compile(bits).GetType("Layers")!.GetMethod(layer)!;
        bool packed = layer.EndsWith("Packed", StringComparison.Ordinal);
        if (layer.StartsWith('F'))
        {
            ForwardLayer<float> f = method.CreateDelegate<ForwardLayer<float>>();
            ReferenceLayer.AssertMatches<float>(packed ? (x, w, b, y) => f(x, SigmoidPacking.Pack(w, inputs, outputs), b, y) : f, batch, inputs, outputs, sigmoidError, seed: 11);
        }
        else
        {
            ForwardLayer<double> f = method.CreateDelegate<ForwardLayer<double>>();
            ReferenceLayer.AssertMatches<double>(packed ? (x, w, b, y) => f(x, SigmoidPacking.Pack(w, inputs, outputs), b, y) : f, batch, inputs, outputs, sigmoidError, seed: 11);
        }
    }

    [Theory]
    [MemberData(nameof(BackwardCases))]
    public void BackwardPathMatchesReference(int bits, string layer, int batch, int inputs, int outputs)
    {
        MethodInfo method = Compile(bits).GetType("Layers")!.GetMethod(layer)!;
        if (layer.StartsWith("BD", StringComparison.Ordinal))
        {
            ReferenceBackward.AssertMatches(method.CreateDelegate<BackwardLayer<double>>(), batch, inputs, outputs, seed: 14);
        }
        else
        {
            ReferenceBackward.AssertMatches(method.CreateDelegate<BackwardLayer<float>>(), batch, inputs, outputs, seed: 14);
        }
    }

    /// <summary>Compiles the layers with the dispatch forced to the path of <paramref name="bits"/> bits (0 = scalar).</summary>
    private static Assembly Compile(int bits)
    {
        lock (Assemblies)
        {
            if (!Assemblies.TryGetValue(bits, out Assembly? assembly))
            {
                // The switch is a static readonly field rather than a literal, so the compiler sees no unreachable code.
                string flags = string.Join(", ", new[] { 512, 256, 128 }.Select(width => $"V{width} = {(width == bits ? "true" : "false")}"));
                string source = Source + $"\npublic static class ForcedPath {{ public static readonly bool {flags}; }}\n";
                assembly = GeneratorHarness.CompileAndLoad(source, text =>
                {
                    foreach (int width in new[] { 512, 256, 128 })
                    {
                        text = text.Replace($"Vector{width}.IsHardwareAccelerated", $"global::ForcedPath.V{width}");
                    }

                    return text;
                });
                Assemblies[bits] = assembly;
            }

            return assembly;
        }
    }
}
