using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SigmoidGen.Internal;

/// <summary>The sums of every 128-bit lane of several vectors at once: a one-row layer of four float inputs.</summary>
public static partial class VectorOps
{
    /// <summary>
    /// Returns the sum of every 128-bit lane of <paramref name="p0"/>, <paramref name="p1"/>, <paramref name="p2"/>,
    /// <paramref name="p3"/>, in order: <c>[Σ p0.lane0, Σ p0.lane1, Σ p0.lane2, Σ p0.lane3, Σ p1.lane0, …, Σ p3.lane3]</c>.
    /// Each lane is summed as <see cref="SumEach(Vector128{float}, Vector128{float}, Vector128{float}, Vector128{float})"/>
    /// sums a vector, <c>(x0 + x1) + (x2 + x3)</c>: a row of W of four inputs times x, one lane per output, gives the bits
    /// of the dot-product tiles. Two levels of in-lane pair sums, then one permutation puts the lanes in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SumEachLane(Vector512<float> p0, Vector512<float> p1, Vector512<float> p2, Vector512<float> p3)
    {
        if (Avx512F.IsSupported)
        {
            // Lane m: [Σ p0.lane m, Σ p1.lane m, Σ p2.lane m, Σ p3.lane m]; the sum of p_k's lane m goes to element 4k + m.
            Vector512<float> s = PairSums(PairSums(p0, p1), PairSums(p2, p3));
            return Avx512F.PermuteVar16x32(s, Vector512.Create(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15));
        }

        return Vector512.Create(Vector256.Create(Lanes(p0), Lanes(p1)), Vector256.Create(Lanes(p2), Lanes(p3)));

        // Per 128-bit lane: [x0 + x1, x2 + x3, y0 + y1, y2 + y3].
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector512<float> PairSums(Vector512<float> x, Vector512<float> y) =>
            Avx512F.Shuffle(x, y, 0b10_00_10_00) + Avx512F.Shuffle(x, y, 0b11_01_11_01);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector128<float> Lanes(Vector512<float> p) =>
            SumEach(p.GetLower().GetLower(), p.GetLower().GetUpper(), p.GetUpper().GetLower(), p.GetUpper().GetUpper());
    }

    /// <summary>
    /// Returns <paramref name="x"/> in each of the four 128-bit lanes: one in-register shuffle (<c>Vector512.Create</c> of a
    /// Vector128 took four instructions on .NET 10).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> RepeatLane(Vector128<float> x)
    {
        if (Avx512F.IsSupported)
        {
            Vector512<float> v = x.ToVector256Unsafe().ToVector512Unsafe();
            return Avx512F.Shuffle4x128(v, v, 0);
        }

        Vector256<float> half = Vector256.Create(x, x);
        return Vector512.Create(half, half);
    }

    /// <summary>
    /// Returns <c>[Σ p0.lane0, Σ p0.lane1, Σ p1.lane0, …, Σ p3.lane1]</c>, the sum of every 128-bit lane in order, each as
    /// <see cref="SumEach(Vector128{float}, Vector128{float}, Vector128{float}, Vector128{float})"/> sums a vector (see the
    /// Vector512 overload).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SumEachLane(Vector256<float> p0, Vector256<float> p1, Vector256<float> p2, Vector256<float> p3)
    {
        if (Avx2.IsSupported)
        {
            // Lane m: [Σ p0.lane m, Σ p1.lane m, Σ p2.lane m, Σ p3.lane m]; the sum of p_k's lane m goes to element 2k + m.
            Vector256<float> s = PairSums(PairSums(p0, p1), PairSums(p2, p3));
            return Avx2.PermuteVar8x32(s, Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7));
        }

        return Vector256.Create(SumEach(p0.GetLower(), p0.GetUpper(), p1.GetLower(), p1.GetUpper()), SumEach(p2.GetLower(), p2.GetUpper(), p3.GetLower(), p3.GetUpper()));

        // Per 128-bit lane: [x0 + x1, x2 + x3, y0 + y1, y2 + y3].
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector256<float> PairSums(Vector256<float> x, Vector256<float> y) =>
            Avx.Shuffle(x, y, 0b10_00_10_00) + Avx.Shuffle(x, y, 0b11_01_11_01);
    }
}
