using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SigmoidGen.Internal;

/// <summary>
/// Transposes a block of consecutive weight rows into the panel layout that generated outer-product kernels read:
/// <c>panel[k * columns + c] = weights[c * inputs + k]</c>, so that the weights of <c>columns</c> outputs for one
/// input are contiguous vectors. The generated kernel broadcasts one input per batch row and multiplies it by those
/// vectors: no horizontal sums, every FMA useful.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PanelPacking
{
    /// <summary>Packs <paramref name="columns"/> rows of <paramref name="inputs"/> weights, starting at <paramref name="weights"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(ref float weights, int inputs, int columns, ref float panel)
    {
        int k = 0;
        if (Avx512F.IsSupported && columns >= 16)
        {
            // 16 × 16 blocks on AVX-512: sixteen 64-byte row loads, a register transpose of 64 shuffles (the 8 × 8 blocks
            // take 96 for the same 256 values), sixteen 64-byte stores; a width that is not a multiple of 16 ends with an
            // overlapping block, as below. The inputs after the last 16 go on with the 8 × 8 blocks and the scalar loop.
            // Packing all of W in 32-column panels alone, on the 2-core AVX-512 EPYC under load 30–110 (min of 200–400
            // interleaved rounds, 8 × 8 → 16 × 16): (784, 128) 7.1–7.4 → 6.9–7.9 µs, level (the strided reads of W from
            // L2 bound it more than the shuffles), (512, 512) 31–64 → 30–45 µs. Inside the row-major layer (median of the
            // per-round ratios, 300–400 rounds): (32, 784, 128) 1.4 %, (64, 784, 128) 2.2 %, (100, 784, 128) 0.9 %,
            // (32, 512, 512) 16 %, (256, 512, 512) 3.5 % faster. Walking one block of columns down all the inputs before
            // the next (16 row streams instead of 32) was slower at (784, 128): 11.0 µs.
            int lastBlock = columns - 16;
            for (; k + 16 <= inputs; k += 16)
            {
                for (int c = 0; c < columns; c += 16)
                {
                    int start = c <= lastBlock ? c : lastBlock;
                    Transpose16x16(ref Unsafe.Add(ref weights, (start * inputs) + k), inputs, 16, ref Unsafe.Add(ref panel, (k * columns) + start), columns);
                }
            }
        }

        if (Avx.IsSupported && columns >= 8)
        {
            // 8 × 8 blocks: eight row loads, a register transpose, eight contiguous stores. A width that is not a multiple
            // of 8 ends with a block of the last 8 columns, overlapping the one before: it writes the same values again.
            int lastBlock = columns - 8;
            for (; k + 8 <= inputs; k += 8)
            {
                for (int c = 0; c < columns; c += 8)
                {
                    int start = c <= lastBlock ? c : lastBlock;
                    Transpose8x8(ref Unsafe.Add(ref weights, (start * inputs) + k), inputs, ref Unsafe.Add(ref panel, (k * columns) + start), columns);
                }
            }
        }

        for (; k < inputs; k++)
        {
            ref float row = ref Unsafe.Add(ref panel, k * columns);
            for (int c = 0; c < columns; c++)
            {
                Unsafe.Add(ref row, c) = Unsafe.Add(ref weights, (c * inputs) + k);
            }
        }
    }

    /// <summary>
    /// Packs the first <paramref name="rows"/> of <paramref name="columns"/> rows of <paramref name="inputs"/> weights as
    /// <see cref="Pack(ref float, int, int, ref float)"/> does, the other columns of the panel zero: a last block of rows
    /// that the batch does not fill (its missing rows are not read). At least 16 rows of at most 16 more columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackPadded(ref float weights, int inputs, int rows, int columns, ref float panel)
    {
        int k = 0;
        if (Avx512F.IsSupported && rows >= 16 && columns - rows < 16)
        {
            // The 16 × 16 blocks of the full rows, then one block of the last 16 columns whose rows past the last one are
            // zeros instead of loads (it rewrites the columns it shares with the block before: the same values).
            int lastBlock = columns - 16;
            for (; k + 16 <= inputs; k += 16)
            {
                for (int c = 0; c + 16 <= rows && c < lastBlock; c += 16)
                {
                    Transpose16x16(ref Unsafe.Add(ref weights, (c * inputs) + k), inputs, 16, ref Unsafe.Add(ref panel, (k * columns) + c), columns);
                }

                Transpose16x16Padded(ref Unsafe.Add(ref weights, (lastBlock * inputs) + k), inputs, rows - lastBlock, ref Unsafe.Add(ref panel, (k * columns) + lastBlock), columns);
            }
        }

        for (; k < inputs; k++)
        {
            ref float row = ref Unsafe.Add(ref panel, k * columns);
            for (int c = 0; c < columns; c++)
            {
                Unsafe.Add(ref row, c) = c < rows ? Unsafe.Add(ref weights, (c * inputs) + k) : 0f;
            }
        }
    }

    /// <summary>
    /// The first <paramref name="count"/> of the <paramref name="stride"/> elements of each of <paramref name="columns"/>
    /// rows transposed: <c>panel[k * columns + c] = source[c * stride + k]</c> for k &lt; count (zᵀ of a last block of
    /// rows that the batch does not fill, into its rows of y only). At least 16 of them on AVX-512, the last 16 overlapping
    /// the block before (the same values written again).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackPart(ref float source, int stride, int count, int columns, ref float panel)
    {
        if (Avx512F.IsSupported && count >= 16 && columns >= 16)
        {
            int lastBlock = columns - 16;
            for (int k0 = 0; k0 < count; k0 += 16)
            {
                int k = k0 + 16 <= count ? k0 : count - 16;
                for (int c = 0; c < columns; c += 16)
                {
                    int start = c <= lastBlock ? c : lastBlock;
                    Transpose16x16(ref Unsafe.Add(ref source, (start * stride) + k), stride, 16, ref Unsafe.Add(ref panel, (k * columns) + start), columns);
                }
            }

            return;
        }

        for (int k = 0; k < count; k++)
        {
            ref float row = ref Unsafe.Add(ref panel, k * columns);
            for (int c = 0; c < columns; c++)
            {
                Unsafe.Add(ref row, c) = Unsafe.Add(ref source, (c * stride) + k);
            }
        }
    }

    /// <inheritdoc cref="Pack(ref float, int, int, ref float)"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(ref double weights, int inputs, int columns, ref double panel)
    {
        int k = 0;
        if (Avx.IsSupported && columns >= 4)
        {
            // 4 × 4 blocks, the last one overlapping the one before when the width is not a multiple of 4 (as for float).
            int lastBlock = columns - 4;
            for (; k + 4 <= inputs; k += 4)
            {
                for (int c = 0; c < columns; c += 4)
                {
                    int start = c <= lastBlock ? c : lastBlock;
                    Transpose4x4(ref Unsafe.Add(ref weights, (start * inputs) + k), inputs, ref Unsafe.Add(ref panel, (k * columns) + start), columns);
                }
            }
        }

        for (; k < inputs; k++)
        {
            ref double row = ref Unsafe.Add(ref panel, k * columns);
            for (int c = 0; c < columns; c++)
            {
                Unsafe.Add(ref row, c) = Unsafe.Add(ref weights, (c * inputs) + k);
            }
        }
    }

    /// <summary>
    /// A 16 × 16 transpose of the first <paramref name="valid"/> rows, the others zeros (not read): 16 with a constant where
    /// inlined (every row read), fewer for a padded last block (<see cref="Transpose16x16Padded"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose16x16(ref float source, int sourceStride, int valid, ref float target, int targetStride)
    {
        // Stage 1: pairs of rows interleaved within each 128-bit lane (as the 8 × 8 transpose's first stage).
        Vector512<float> t0 = LoadOrZero(ref source, 0, sourceStride, valid), t1 = LoadOrZero(ref source, 1, sourceStride, valid);
        Vector512<float> u0 = Avx512F.UnpackLow(t0, t1), u1 = Avx512F.UnpackHigh(t0, t1);
        t0 = LoadOrZero(ref source, 2, sourceStride, valid); t1 = LoadOrZero(ref source, 3, sourceStride, valid);
        Vector512<float> u2 = Avx512F.UnpackLow(t0, t1), u3 = Avx512F.UnpackHigh(t0, t1);
        t0 = LoadOrZero(ref source, 4, sourceStride, valid); t1 = LoadOrZero(ref source, 5, sourceStride, valid);
        Vector512<float> u4 = Avx512F.UnpackLow(t0, t1), u5 = Avx512F.UnpackHigh(t0, t1);
        t0 = LoadOrZero(ref source, 6, sourceStride, valid); t1 = LoadOrZero(ref source, 7, sourceStride, valid);
        Vector512<float> u6 = Avx512F.UnpackLow(t0, t1), u7 = Avx512F.UnpackHigh(t0, t1);
        t0 = LoadOrZero(ref source, 8, sourceStride, valid); t1 = LoadOrZero(ref source, 9, sourceStride, valid);
        Vector512<float> u8 = Avx512F.UnpackLow(t0, t1), u9 = Avx512F.UnpackHigh(t0, t1);
        t0 = LoadOrZero(ref source, 10, sourceStride, valid); t1 = LoadOrZero(ref source, 11, sourceStride, valid);
        Vector512<float> u10 = Avx512F.UnpackLow(t0, t1), u11 = Avx512F.UnpackHigh(t0, t1);
        t0 = LoadOrZero(ref source, 12, sourceStride, valid); t1 = LoadOrZero(ref source, 13, sourceStride, valid);
        Vector512<float> u12 = Avx512F.UnpackLow(t0, t1), u13 = Avx512F.UnpackHigh(t0, t1);
        t0 = LoadOrZero(ref source, 14, sourceStride, valid); t1 = LoadOrZero(ref source, 15, sourceStride, valid);
        Vector512<float> u14 = Avx512F.UnpackLow(t0, t1), u15 = Avx512F.UnpackHigh(t0, t1);

        // Stage 2: lane L of q{4g + m} holds element 4L + m of rows 4g..4g+3.
        Vector512<float> q0 = Avx512F.Shuffle(u0, u2, 0x44), q1 = Avx512F.Shuffle(u0, u2, 0xEE);
        Vector512<float> q2 = Avx512F.Shuffle(u1, u3, 0x44), q3 = Avx512F.Shuffle(u1, u3, 0xEE);
        Vector512<float> q4 = Avx512F.Shuffle(u4, u6, 0x44), q5 = Avx512F.Shuffle(u4, u6, 0xEE);
        Vector512<float> q6 = Avx512F.Shuffle(u5, u7, 0x44), q7 = Avx512F.Shuffle(u5, u7, 0xEE);
        Vector512<float> q8 = Avx512F.Shuffle(u8, u10, 0x44), q9 = Avx512F.Shuffle(u8, u10, 0xEE);
        Vector512<float> q10 = Avx512F.Shuffle(u9, u11, 0x44), q11 = Avx512F.Shuffle(u9, u11, 0xEE);
        Vector512<float> q12 = Avx512F.Shuffle(u12, u14, 0x44), q13 = Avx512F.Shuffle(u12, u14, 0xEE);
        Vector512<float> q14 = Avx512F.Shuffle(u13, u15, 0x44), q15 = Avx512F.Shuffle(u13, u15, 0xEE);

        // Stages 3 and 4, per element m of a lane: gather lane L of q{m}, q{4 + m}, q{8 + m}, q{12 + m} into column 4L + m.
        Columns(q0, q4, q8, q12, ref target, 0, targetStride);
        Columns(q1, q5, q9, q13, ref target, 1, targetStride);
        Columns(q2, q6, q10, q14, ref target, 2, targetStride);
        Columns(q3, q7, q11, q15, ref target, 3, targetStride);
    }

    /// <summary><see cref="Transpose16x16"/> of the first <paramref name="valid"/> rows, the others zeros (not read).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Transpose16x16Padded(ref float source, int sourceStride, int valid, ref float target, int targetStride) =>
        Transpose16x16(ref source, sourceStride, valid, ref target, targetStride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LoadOrZero(ref float source, int row, int stride, int valid) =>
        row < valid ? Vector512.LoadUnsafe(ref Unsafe.Add(ref source, row * stride)) : Vector512<float>.Zero;

    /// <summary>Columns m, 4 + m, 8 + m and 12 + m of a 16 × 16 block, from lanes of the four stage-2 vectors of element m.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Columns(Vector512<float> rows0, Vector512<float> rows4, Vector512<float> rows8, Vector512<float> rows12, ref float target, int m, int stride)
    {
        Vector512<float> low0 = Avx512F.Shuffle4x128(rows0, rows4, 0x44), high0 = Avx512F.Shuffle4x128(rows0, rows4, 0xEE);
        Vector512<float> low8 = Avx512F.Shuffle4x128(rows8, rows12, 0x44), high8 = Avx512F.Shuffle4x128(rows8, rows12, 0xEE);
        Avx512F.Shuffle4x128(low0, low8, 0x88).StoreUnsafe(ref Unsafe.Add(ref target, m * stride));
        Avx512F.Shuffle4x128(low0, low8, 0xDD).StoreUnsafe(ref Unsafe.Add(ref target, (4 + m) * stride));
        Avx512F.Shuffle4x128(high0, high8, 0x88).StoreUnsafe(ref Unsafe.Add(ref target, (8 + m) * stride));
        Avx512F.Shuffle4x128(high0, high8, 0xDD).StoreUnsafe(ref Unsafe.Add(ref target, (12 + m) * stride));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref float source, int sourceStride, ref float target, int targetStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source);
        Vector256<float> r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, sourceStride));
        Vector256<float> r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 2 * sourceStride));
        Vector256<float> r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 3 * sourceStride));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 4 * sourceStride));
        Vector256<float> r5 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 5 * sourceStride));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 6 * sourceStride));
        Vector256<float> r7 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 7 * sourceStride));

        // Interleave pairs of rows, then pairs of pairs, then swap 128-bit halves: the classic 24-shuffle transpose.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Permute2x128(s0, s4, 0x20).StoreUnsafe(ref target);
        Avx.Permute2x128(s1, s5, 0x20).StoreUnsafe(ref Unsafe.Add(ref target, targetStride));
        Avx.Permute2x128(s2, s6, 0x20).StoreUnsafe(ref Unsafe.Add(ref target, 2 * targetStride));
        Avx.Permute2x128(s3, s7, 0x20).StoreUnsafe(ref Unsafe.Add(ref target, 3 * targetStride));
        Avx.Permute2x128(s0, s4, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 4 * targetStride));
        Avx.Permute2x128(s1, s5, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 5 * targetStride));
        Avx.Permute2x128(s2, s6, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 6 * targetStride));
        Avx.Permute2x128(s3, s7, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 7 * targetStride));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(ref double source, int sourceStride, ref double target, int targetStride)
    {
        Vector256<double> r0 = Vector256.LoadUnsafe(ref source);
        Vector256<double> r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, sourceStride));
        Vector256<double> r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 2 * sourceStride));
        Vector256<double> r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 3 * sourceStride));

        Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<double> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);

        Avx.Permute2x128(t0, t2, 0x20).StoreUnsafe(ref target);
        Avx.Permute2x128(t1, t3, 0x20).StoreUnsafe(ref Unsafe.Add(ref target, targetStride));
        Avx.Permute2x128(t0, t2, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 2 * targetStride));
        Avx.Permute2x128(t1, t3, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 3 * targetStride));
    }
}
