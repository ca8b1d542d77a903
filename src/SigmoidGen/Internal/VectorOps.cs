using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SigmoidGen.Internal;

/// <summary>
/// The few vector primitives generated kernels need and .NET 8 does not offer portably: a fused multiply-add and the
/// horizontal sum of several accumulators at once. Every method inlines to a handful of instructions; the
/// <c>IsSupported</c> checks are JIT-time constants.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class VectorOps
{
    /// <summary>Returns <c>a * b + c</c>, fused (one rounding) where the hardware has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c)
    {
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a, b, c);
        }

        if (AdvSimd.IsSupported)
        {
            return AdvSimd.FusedMultiplyAdd(c, a, b);
        }

        return (a * b) + c;
    }

    /// <inheritdoc cref="MultiplyAdd(Vector128{float}, Vector128{float}, Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> MultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c)
    {
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a, b, c);
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.FusedMultiplyAdd(c, a, b);
        }

        return (a * b) + c;
    }

    /// <inheritdoc cref="MultiplyAdd(Vector128{float}, Vector128{float}, Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : (a * b) + c;

    /// <inheritdoc cref="MultiplyAdd(Vector128{float}, Vector128{float}, Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : (a * b) + c;

    /// <inheritdoc cref="MultiplyAdd(Vector128{float}, Vector128{float}, Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
        Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    /// <inheritdoc cref="MultiplyAdd(Vector128{float}, Vector128{float}, Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) =>
        Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    /// <summary>
    /// Returns <c>[Σ a0, Σ a1, Σ a2, Σ a3]</c>: four horizontal sums reduced together (three pairwise adds instead of
    /// four separate reductions), ready for a vector bias add and sigmoid.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SumEach(Vector128<float> a0, Vector128<float> a1, Vector128<float> a2, Vector128<float> a3)
    {
        if (Sse3.IsSupported)
        {
            return Sse3.HorizontalAdd(Sse3.HorizontalAdd(a0, a1), Sse3.HorizontalAdd(a2, a3));
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.AddPairwise(AdvSimd.Arm64.AddPairwise(a0, a1), AdvSimd.Arm64.AddPairwise(a2, a3));
        }

        return Vector128.Create(Vector128.Sum(a0), Vector128.Sum(a1), Vector128.Sum(a2), Vector128.Sum(a3));
    }

    /// <inheritdoc cref="SumEach(Vector128{float}, Vector128{float}, Vector128{float}, Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SumEach(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3)
    {
        if (Avx.IsSupported)
        {
            // Per 128-bit half: [a0 a1 a2 a3] partial sums; then add the two halves.
            Vector256<float> s = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3));
            return s.GetLower() + s.GetUpper();
        }

        return SumEach(
            a0.GetLower() + a0.GetUpper(), a1.GetLower() + a1.GetUpper(),
            a2.GetLower() + a2.GetUpper(), a3.GetLower() + a3.GetUpper());
    }

    /// <inheritdoc cref="SumEach(Vector128{float}, Vector128{float}, Vector128{float}, Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SumEach(Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3) =>
        SumEach(
            a0.GetLower() + a0.GetUpper(), a1.GetLower() + a1.GetUpper(),
            a2.GetLower() + a2.GetUpper(), a3.GetLower() + a3.GetUpper());

    /// <summary>Returns <c>[Σ a0, Σ a1]</c>: two horizontal sums reduced together.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> SumEach(Vector128<double> a0, Vector128<double> a1)
    {
        if (Sse3.IsSupported)
        {
            return Sse3.HorizontalAdd(a0, a1);
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.AddPairwise(a0, a1);
        }

        return Vector128.Create(Vector128.Sum(a0), Vector128.Sum(a1));
    }

    /// <inheritdoc cref="SumEach(Vector128{double}, Vector128{double})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> SumEach(Vector256<double> a0, Vector256<double> a1)
    {
        if (Avx.IsSupported)
        {
            Vector256<double> s = Avx.HorizontalAdd(a0, a1);
            return s.GetLower() + s.GetUpper();
        }

        return SumEach(a0.GetLower() + a0.GetUpper(), a1.GetLower() + a1.GetUpper());
    }

    /// <inheritdoc cref="SumEach(Vector128{double}, Vector128{double})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> SumEach(Vector512<double> a0, Vector512<double> a1) =>
        SumEach(a0.GetLower() + a0.GetUpper(), a1.GetLower() + a1.GetUpper());

    /// <summary>
    /// Returns <c>[Σ a0, Σ a1, …, Σ a15]</c>: sixteen horizontal sums reduced together by a transpose-and-add tree
    /// (15 pair steps of two shuffles and one add, instead of sixteen separate reductions), in order, ready for a
    /// vector bias add and sigmoid: one vector of outputs for sixteen rows of a one-output layer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SumEach(
        Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3,
        Vector512<float> a4, Vector512<float> a5, Vector512<float> a6, Vector512<float> a7,
        Vector512<float> a8, Vector512<float> a9, Vector512<float> a10, Vector512<float> a11,
        Vector512<float> a12, Vector512<float> a13, Vector512<float> a14, Vector512<float> a15)
    {
        if (Avx512F.IsSupported)
        {
            // Halves, then quarters: p holds a0 in its first 128-bit lane, a4 in the second, a8, a12 (four partial sums each).
            Vector512<float> p = Fold128(Fold256(a0, a4), Fold256(a8, a12));
            Vector512<float> q = Fold128(Fold256(a1, a5), Fold256(a9, a13));
            Vector512<float> r = Fold128(Fold256(a2, a6), Fold256(a10, a14));
            Vector512<float> s = Fold128(Fold256(a3, a7), Fold256(a11, a15));

            // Within each 128-bit lane k: [a4k a4k a4k+1 a4k+1 | a4k+2 … a4k+3 …], then [a4k a4k+1 a4k+2 a4k+3].
            return PairSums(PairSums(p, q), PairSums(r, s));
        }

        return Vector512.Create(
            Vector512.Sum(a0), Vector512.Sum(a1), Vector512.Sum(a2), Vector512.Sum(a3),
            Vector512.Sum(a4), Vector512.Sum(a5), Vector512.Sum(a6), Vector512.Sum(a7),
            Vector512.Sum(a8), Vector512.Sum(a9), Vector512.Sum(a10), Vector512.Sum(a11),
            Vector512.Sum(a12), Vector512.Sum(a13), Vector512.Sum(a14), Vector512.Sum(a15));

        // [x.lo + x.hi, y.lo + y.hi] (256-bit halves).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector512<float> Fold256(Vector512<float> x, Vector512<float> y) =>
            Avx512F.Shuffle4x128(x, y, 0b01_00_01_00) + Avx512F.Shuffle4x128(x, y, 0b11_10_11_10);

        // [x.q0 + x.q1, x.q2 + x.q3, y.q0 + y.q1, y.q2 + y.q3] (128-bit quarters).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector512<float> Fold128(Vector512<float> x, Vector512<float> y) =>
            Avx512F.Shuffle4x128(x, y, 0b10_00_10_00) + Avx512F.Shuffle4x128(x, y, 0b11_01_11_01);

        // Per 128-bit lane: [x0 + x1, x2 + x3, y0 + y1, y2 + y3].
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector512<float> PairSums(Vector512<float> x, Vector512<float> y) =>
            Avx512F.Shuffle(x, y, 0b10_00_10_00) + Avx512F.Shuffle(x, y, 0b11_01_11_01);
    }

    /// <summary>Returns <c>[Σ a0, …, Σ a7]</c>: eight horizontal sums reduced together (see the sixteen-vector overload).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SumEach(
        Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3,
        Vector256<float> a4, Vector256<float> a5, Vector256<float> a6, Vector256<float> a7)
    {
        if (Avx.IsSupported)
        {
            // p = [a0 | a4] (four partial sums each, per 128-bit half), q = [a1 | a5], r = [a2 | a6], s = [a3 | a7].
            Vector256<float> p = Fold128(a0, a4), q = Fold128(a1, a5), r = Fold128(a2, a6), s = Fold128(a3, a7);
            return PairSums(PairSums(p, q), PairSums(r, s));
        }

        return Vector256.Create(
            Vector256.Sum(a0), Vector256.Sum(a1), Vector256.Sum(a2), Vector256.Sum(a3),
            Vector256.Sum(a4), Vector256.Sum(a5), Vector256.Sum(a6), Vector256.Sum(a7));

        // [x.lo + x.hi, y.lo + y.hi] (128-bit halves).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector256<float> Fold128(Vector256<float> x, Vector256<float> y) =>
            Avx.Permute2x128(x, y, 0x20) + Avx.Permute2x128(x, y, 0x31);

        // Per 128-bit half: [x0 + x1, x2 + x3, y0 + y1, y2 + y3].
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector256<float> PairSums(Vector256<float> x, Vector256<float> y) =>
            Avx.Shuffle(x, y, 0b10_00_10_00) + Avx.Shuffle(x, y, 0b11_01_11_01);
    }

    /// <summary>Returns <c>[Σ a0, …, Σ a7]</c>: eight horizontal sums of doubles reduced together (see the float overloads).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> SumEach(
        Vector512<double> a0, Vector512<double> a1, Vector512<double> a2, Vector512<double> a3,
        Vector512<double> a4, Vector512<double> a5, Vector512<double> a6, Vector512<double> a7)
    {
        if (Avx512F.IsSupported)
        {
            // p = [a0 | a2 | a4 | a6] by 128-bit lane (two partial sums each), q = [a1 | a3 | a5 | a7].
            Vector512<double> p = Fold128(Fold256(a0, a2), Fold256(a4, a6));
            Vector512<double> q = Fold128(Fold256(a1, a3), Fold256(a5, a7));
            return Avx512F.Shuffle(p, q, 0b0000_0000) + Avx512F.Shuffle(p, q, 0b1111_1111);
        }

        return Vector512.Create(
            Vector512.Sum(a0), Vector512.Sum(a1), Vector512.Sum(a2), Vector512.Sum(a3),
            Vector512.Sum(a4), Vector512.Sum(a5), Vector512.Sum(a6), Vector512.Sum(a7));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]

        static Vector512<double> Fold256(Vector512<double> x, Vector512<double> y) =>
            Avx512F.Shuffle4x128(x, y, 0b01_00_01_00) + Avx512F.Shuffle4x128(x, y, 0b11_10_11_10);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]

        static Vector512<double> Fold128(Vector512<double> x, Vector512<double> y) =>
            Avx512F.Shuffle4x128(x, y, 0b10_00_10_00) + Avx512F.Shuffle4x128(x, y, 0b11_01_11_01);
    }

    /// <summary>Returns <c>[Σ a0, Σ a1, Σ a2, Σ a3]</c>: four horizontal sums of doubles reduced together.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> SumEach(Vector256<double> a0, Vector256<double> a1, Vector256<double> a2, Vector256<double> a3)
    {
        if (Avx.IsSupported)
        {
            // p = [a0 | a2] (two partial sums each, per 128-bit half), q = [a1 | a3]; then [Σa0 Σa1 | Σa2 Σa3].
            Vector256<double> p = Avx.Permute2x128(a0, a2, 0x20) + Avx.Permute2x128(a0, a2, 0x31);
            Vector256<double> q = Avx.Permute2x128(a1, a3, 0x20) + Avx.Permute2x128(a1, a3, 0x31);
            return Avx.HorizontalAdd(p, q);
        }

        return Vector256.Create(Vector256.Sum(a0), Vector256.Sum(a1), Vector256.Sum(a2), Vector256.Sum(a3));
    }
}
