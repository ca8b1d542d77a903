using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SigmoidGen.Internal;

/// <summary>One sigmoid variant at every width, for <see cref="SigmoidSpan.Apply{TKernel, T}"/>.</summary>
internal interface ISigmoidKernel<TSelf, T>
    where TSelf : ISigmoidKernel<TSelf, T>
    where T : struct
{
    static abstract T Invoke(T x);
    static abstract Vector128<T> Invoke(Vector128<T> x);
    static abstract Vector256<T> Invoke(Vector256<T> x);
    static abstract Vector512<T> Invoke(Vector512<T> x);

    /// <summary>
    /// Whether the several-vector overloads below interleave the vectors' steps (<see cref="SimdQuad{TOps, TF}"/>,
    /// <see cref="SimdPair{TOps, TF}"/>), so that the sweep takes four Vector512 or Vector128 at a time, or two Vector256.
    /// The float kernels do; the double ones do not: the JIT inlines at most a few hundred locals into one method, and four
    /// Exact double sigmoids side by side went past that and were left as calls (3 times slower).
    /// </summary>
    static virtual bool Interleaves => false;

    /// <summary>Four vectors at once: by default one after another; the bits of four calls either way.</summary>
    static virtual Quad<Vector128<T>> Invoke(Quad<Vector128<T>> x) => new(TSelf.Invoke(x.A), TSelf.Invoke(x.B), TSelf.Invoke(x.C), TSelf.Invoke(x.D));

    /// <inheritdoc cref="Invoke(Quad{Vector128{T}})"/>
    static virtual Quad<Vector512<T>> Invoke(Quad<Vector512<T>> x) => new(TSelf.Invoke(x.A), TSelf.Invoke(x.B), TSelf.Invoke(x.C), TSelf.Invoke(x.D));

    /// <summary>Two Vector256 at once (<see cref="SimdPair{TOps, TF}"/>), when <see cref="Interleaves"/>: by default one after another.</summary>
    static virtual Pair<Vector256<T>> Invoke(Pair<Vector256<T>> x) => new(TSelf.Invoke(x.A), TSelf.Invoke(x.B));
}

/// <summary><see cref="SigmoidMath.Sigmoid(float)"/> and its vector overloads.</summary>
internal readonly struct ExactSingleKernel : ISigmoidKernel<ExactSingleKernel, float>
{
    public static bool Interleaves => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<Vector256<float>> Invoke(Pair<Vector256<float>> x) => SigmoidKernels.ExactSingle<SimdPair<Simd256, Vector256<float>>, Pair<Vector256<float>>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Invoke(float x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Invoke(Vector128<float> x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Invoke(Vector256<float> x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Invoke(Vector512<float> x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector128<float>> Invoke(Quad<Vector128<float>> x) => SigmoidKernels.ExactSingle<SimdQuad<Simd128, Vector128<float>>, Quad<Vector128<float>>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quad<Vector512<float>> Invoke(Quad<Vector512<float>> x) =>
        Avx512F.IsSupported
            ? SigmoidKernels.ExactSingle<Simd512Quad, Quad<Vector512<float>>>(x)
            : SigmoidKernels.ExactSingle<SimdQuad<Simd512, Vector512<float>>, Quad<Vector512<float>>>(x);
}

/// <summary><see cref="SigmoidMath.SigmoidFast(float)"/> and its vector overloads.</summary>
internal readonly struct FastSingleKernel : ISigmoidKernel<FastSingleKernel, float>
{
    public static bool Interleaves => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<Vector256<float>> Invoke(Pair<Vector256<float>> x) => SigmoidKernels.FastSingle<SimdPair<Simd256, Vector256<float>>, Pair<Vector256<float>>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Invoke(float x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Invoke(Vector128<float> x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Invoke(Vector256<float> x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Invoke(Vector512<float> x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector128<float>> Invoke(Quad<Vector128<float>> x) => SigmoidKernels.FastSingle<SimdQuad<Simd128, Vector128<float>>, Quad<Vector128<float>>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quad<Vector512<float>> Invoke(Quad<Vector512<float>> x) =>
        Avx512F.IsSupported
            ? SigmoidKernels.FastSingle<Simd512Quad, Quad<Vector512<float>>>(x)
            : SigmoidKernels.FastSingle<SimdQuad<Simd512, Vector512<float>>, Quad<Vector512<float>>>(x);
}

/// <summary><see cref="SigmoidMath.Sigmoid(double)"/> and its vector overloads.</summary>
internal readonly struct ExactDoubleKernel : ISigmoidKernel<ExactDoubleKernel, double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Invoke(double x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Invoke(Vector128<double> x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Invoke(Vector256<double> x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Invoke(Vector512<double> x) => SigmoidMath.Sigmoid(x);
}

/// <summary><see cref="SigmoidMath.SigmoidFast(double)"/> and its vector overloads.</summary>
internal readonly struct FastDoubleKernel : ISigmoidKernel<FastDoubleKernel, double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Invoke(double x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Invoke(Vector128<double> x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Invoke(Vector256<double> x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Invoke(Vector512<double> x) => SigmoidMath.SigmoidFast(x);
}

/// <summary>The span loop shared by the four span helpers of <see cref="SigmoidMath"/>.</summary>
internal static class SigmoidSpan
{
    /// <summary>
    /// Writes <c>TKernel(x[i])</c> to <c>destination[i]</c>. The widest hardware-accelerated vector does the bulk; the tail
    /// is one final vector overlapping the previous one when <paramref name="x"/> and <paramref name="destination"/> are
    /// distinct (recomputing a few elements from unchanged inputs is harmless), and narrower vectors then scalars when
    /// working in place (where recomputing would apply σ twice).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The lengths differ, or the spans overlap without starting at the same element. Thrown before anything is written.
    /// </exception>
    public static void Apply<TKernel, T>(ReadOnlySpan<T> x, Span<T> destination)
        where TKernel : ISigmoidKernel<TKernel, T>
        where T : struct
    {
        if (x.Length != destination.Length)
        {
            ThrowLengthMismatch(x.Length, destination.Length);
        }

        bool inPlace = false;
        if (x.Overlaps((ReadOnlySpan<T>)destination, out int offset))
        {
            if (offset != 0)
            {
                ThrowPartialOverlap();
            }

            inPlace = true;
        }

        Sweep<TKernel, T>(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(destination), (nuint)x.Length, inPlace);
    }

    /// <summary>
    /// <see cref="Apply{TKernel, T}"/> without its checks, for generated kernels that sweep σ over outputs they have just
    /// written (see <see cref="SigmoidSweep"/>): <paramref name="length"/> values from <paramref name="src"/> to
    /// <paramref name="dst"/>, which is either <paramref name="src"/> itself (<paramref name="inPlace"/>) or disjoint from it.
    /// </summary>
    /// <remarks>
    /// Never inlined: inlined into a caller that is already large (a generated kernel, itself inlined into user code), its
    /// six sigmoid call sites would exceed the JIT's inlining budget and leave the sigmoid's helpers as real calls.
    /// Compiled on its own, everything inlines. Optimized from its first call, as the generated kernels that call it are:
    /// at tier 0 every operation of the sigmoid is a call (~50 ns a vector), and a process that keeps compiling methods
    /// (ONNX Runtime's session beside it, in the benchmarks) kept postponing its tier-up: the Fast Quickstart network ran
    /// 13 times slower in one of two runs.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Sweep<TKernel, T>(ref T src, ref T dst, nuint length, bool inPlace)
        where TKernel : ISigmoidKernel<TKernel, T>
        where T : struct
    {
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && length >= (nuint)Vector512<T>.Count && Sweep512<TKernel, T>(ref src, ref dst, length, inPlace, ref i))
        {
            return;
        }

        if (Vector256.IsHardwareAccelerated && length - i >= (nuint)Vector256<T>.Count && Sweep256<TKernel, T>(ref src, ref dst, length, inPlace, ref i))
        {
            return;
        }

        if (Vector128.IsHardwareAccelerated && length - i >= (nuint)Vector128<T>.Count && Sweep128<TKernel, T>(ref src, ref dst, length, inPlace, ref i))
        {
            return;
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref dst, i) = TKernel.Invoke(Unsafe.Add(ref src, i));
        }
    }

    /// <summary>
    /// <see cref="Sweep{TKernel, T}"/>'s Vector512 part from <paramref name="i"/>: four vectors at a time, then one; true when
    /// the values are all done (a last vector overlapping the one before when not in place), else the rest is left from
    /// <paramref name="i"/>. A method of its own per width: the JIT inlines one four-vector sigmoid and a few single ones
    /// into a method (beyond that, the temporaries of the four-vector one exceed its limit on locals for inlining and
    /// the rest are left as calls).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool Sweep512<TKernel, T>(ref T src, ref T dst, nuint length, bool inPlace, ref nuint i)
        where TKernel : ISigmoidKernel<TKernel, T>
        where T : struct
    {
        nuint count = (nuint)Vector512<T>.Count;
        nuint k = i;
        for (; TKernel.Interleaves && length - k >= 4 * count; k += 4 * count)
        {
            Quad<Vector512<T>> q = TKernel.Invoke(new Quad<Vector512<T>>(
                Vector512.LoadUnsafe(ref src, k), Vector512.LoadUnsafe(ref src, k + count),
                Vector512.LoadUnsafe(ref src, k + (2 * count)), Vector512.LoadUnsafe(ref src, k + (3 * count))));
            q.A.StoreUnsafe(ref dst, k);
            q.B.StoreUnsafe(ref dst, k + count);
            q.C.StoreUnsafe(ref dst, k + (2 * count));
            q.D.StoreUnsafe(ref dst, k + (3 * count));
        }

        for (; length - k >= count; k += count)
        {
            TKernel.Invoke(Vector512.LoadUnsafe(ref src, k)).StoreUnsafe(ref dst, k);
        }

        i = k;
        if (k == length)
        {
            return true;
        }

        if (!inPlace)
        {
            TKernel.Invoke(Vector512.LoadUnsafe(ref src, length - count)).StoreUnsafe(ref dst, length - count);
            return true;
        }

        return false;
    }

    /// <summary>
    /// <see cref="Sweep{TKernel, T}"/>'s Vector256 part from <paramref name="i"/>: two vectors at a time, then one; true when
    /// the values are all done (a last vector overlapping the one before when not in place), else the rest is left from
    /// <paramref name="i"/>. Two, not four: a CPU without AVX-512 has 16 vector registers, and four sigmoids side by side
    /// spilled (10-17 % slower on the Zen 5 VM with AVX-512 off); two gain 7 %.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool Sweep256<TKernel, T>(ref T src, ref T dst, nuint length, bool inPlace, ref nuint i)
        where TKernel : ISigmoidKernel<TKernel, T>
        where T : struct
    {
        nuint count = (nuint)Vector256<T>.Count;
        nuint k = i;
        for (; TKernel.Interleaves && length - k >= 2 * count; k += 2 * count)
        {
            Pair<Vector256<T>> q = TKernel.Invoke(new Pair<Vector256<T>>(Vector256.LoadUnsafe(ref src, k), Vector256.LoadUnsafe(ref src, k + count)));
            q.A.StoreUnsafe(ref dst, k);
            q.B.StoreUnsafe(ref dst, k + count);
        }

        for (; length - k >= count; k += count)
        {
            TKernel.Invoke(Vector256.LoadUnsafe(ref src, k)).StoreUnsafe(ref dst, k);
        }

        i = k;
        if (k == length)
        {
            return true;
        }

        if (!inPlace)
        {
            TKernel.Invoke(Vector256.LoadUnsafe(ref src, length - count)).StoreUnsafe(ref dst, length - count);
            return true;
        }

        return false;
    }

    /// <summary>
    /// <see cref="Sweep{TKernel, T}"/>'s Vector128 part from <paramref name="i"/>: four vectors at a time, then one; true when
    /// the values are all done (a last vector overlapping the one before when not in place), else the rest is left from
    /// <paramref name="i"/>. A method of its own per width: the JIT inlines one four-vector sigmoid and a few single ones
    /// into a method (beyond that, the temporaries of the four-vector one exceed its limit on locals for inlining and
    /// the rest are left as calls).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool Sweep128<TKernel, T>(ref T src, ref T dst, nuint length, bool inPlace, ref nuint i)
        where TKernel : ISigmoidKernel<TKernel, T>
        where T : struct
    {
        nuint count = (nuint)Vector128<T>.Count;
        nuint k = i;
        for (; TKernel.Interleaves && length - k >= 4 * count; k += 4 * count)
        {
            Quad<Vector128<T>> q = TKernel.Invoke(new Quad<Vector128<T>>(
                Vector128.LoadUnsafe(ref src, k), Vector128.LoadUnsafe(ref src, k + count),
                Vector128.LoadUnsafe(ref src, k + (2 * count)), Vector128.LoadUnsafe(ref src, k + (3 * count))));
            q.A.StoreUnsafe(ref dst, k);
            q.B.StoreUnsafe(ref dst, k + count);
            q.C.StoreUnsafe(ref dst, k + (2 * count));
            q.D.StoreUnsafe(ref dst, k + (3 * count));
        }

        for (; length - k >= count; k += count)
        {
            TKernel.Invoke(Vector128.LoadUnsafe(ref src, k)).StoreUnsafe(ref dst, k);
        }

        i = k;
        if (k == length)
        {
            return true;
        }

        if (!inPlace)
        {
            TKernel.Invoke(Vector128.LoadUnsafe(ref src, length - count)).StoreUnsafe(ref dst, length - count);
            return true;
        }

        return false;
    }

    private static void ThrowLengthMismatch(int length, int destinationLength) =>
        throw new ArgumentException(
            $"'destination' must have the same length as the input ({length}), but has {destinationLength}.", "destination");

    private static void ThrowPartialOverlap() =>
        throw new ArgumentException(
            "'destination' must either be the input span itself (in place) or not overlap it at all.", "destination");
}
