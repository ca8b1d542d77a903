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
