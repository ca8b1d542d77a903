using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SigmoidGen.Internal;

/// <summary>One sigmoid variant at every width, for <see cref="SigmoidSpan.Apply{TKernel, T}"/>.</summary>
internal interface ISigmoidKernel<T>
    where T : struct
{
    static abstract T Invoke(T x);
    static abstract Vector128<T> Invoke(Vector128<T> x);
    static abstract Vector256<T> Invoke(Vector256<T> x);
    static abstract Vector512<T> Invoke(Vector512<T> x);

    /// <summary>Four vectors at once, their steps interleaved (<see cref="SimdQuad{TOps, TF}"/>): the bits of four calls.</summary>
    static abstract Quad<Vector128<T>> Invoke(Quad<Vector128<T>> x);

    /// <inheritdoc cref="Invoke(Quad{Vector128{T}})"/>
    static abstract Quad<Vector256<T>> Invoke(Quad<Vector256<T>> x);

    /// <inheritdoc cref="Invoke(Quad{Vector128{T}})"/>
    static abstract Quad<Vector512<T>> Invoke(Quad<Vector512<T>> x);
}

/// <summary><see cref="SigmoidMath.Sigmoid(float)"/> and its vector overloads.</summary>
internal readonly struct ExactSingleKernel : ISigmoidKernel<float>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Invoke(float x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Invoke(Vector128<float> x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Invoke(Vector256<float> x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Invoke(Vector512<float> x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector128<float>> Invoke(Quad<Vector128<float>> x) => SigmoidKernels.ExactSingle<SimdQuad<Simd128, Vector128<float>>, Quad<Vector128<float>>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector256<float>> Invoke(Quad<Vector256<float>> x) => SigmoidKernels.ExactSingle<SimdQuad<Simd256, Vector256<float>>, Quad<Vector256<float>>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector512<float>> Invoke(Quad<Vector512<float>> x) => SigmoidKernels.ExactSingle<SimdQuad<Simd512, Vector512<float>>, Quad<Vector512<float>>>(x);
}

/// <summary><see cref="SigmoidMath.SigmoidFast(float)"/> and its vector overloads.</summary>
internal readonly struct FastSingleKernel : ISigmoidKernel<float>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Invoke(float x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Invoke(Vector128<float> x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Invoke(Vector256<float> x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Invoke(Vector512<float> x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector128<float>> Invoke(Quad<Vector128<float>> x) => SigmoidKernels.FastSingle<SimdQuad<Simd128, Vector128<float>>, Quad<Vector128<float>>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector256<float>> Invoke(Quad<Vector256<float>> x) => SigmoidKernels.FastSingle<SimdQuad<Simd256, Vector256<float>>, Quad<Vector256<float>>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector512<float>> Invoke(Quad<Vector512<float>> x) => SigmoidKernels.FastSingle<SimdQuad<Simd512, Vector512<float>>, Quad<Vector512<float>>>(x);
}

/// <summary><see cref="SigmoidMath.Sigmoid(double)"/> and its vector overloads.</summary>
internal readonly struct ExactDoubleKernel : ISigmoidKernel<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Invoke(double x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Invoke(Vector128<double> x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Invoke(Vector256<double> x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Invoke(Vector512<double> x) => SigmoidMath.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector128<double>> Invoke(Quad<Vector128<double>> x) => SigmoidKernels.ExactDouble<SimdQuadDouble<Simd128, Vector128<double>>, Quad<Vector128<double>>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector256<double>> Invoke(Quad<Vector256<double>> x) => SigmoidKernels.ExactDouble<SimdQuadDouble<Simd256, Vector256<double>>, Quad<Vector256<double>>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector512<double>> Invoke(Quad<Vector512<double>> x) => SigmoidKernels.ExactDouble<SimdQuadDouble<Simd512, Vector512<double>>, Quad<Vector512<double>>>(x);
}

/// <summary><see cref="SigmoidMath.SigmoidFast(double)"/> and its vector overloads.</summary>
internal readonly struct FastDoubleKernel : ISigmoidKernel<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Invoke(double x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Invoke(Vector128<double> x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Invoke(Vector256<double> x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Invoke(Vector512<double> x) => SigmoidMath.SigmoidFast(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector128<double>> Invoke(Quad<Vector128<double>> x) => SigmoidKernels.FastDouble<SimdQuadDouble<Simd128, Vector128<double>>, Quad<Vector128<double>>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector256<double>> Invoke(Quad<Vector256<double>> x) => SigmoidKernels.FastDouble<SimdQuadDouble<Simd256, Vector256<double>>, Quad<Vector256<double>>>(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector512<double>> Invoke(Quad<Vector512<double>> x) => SigmoidKernels.FastDouble<SimdQuadDouble<Simd512, Vector512<double>>, Quad<Vector512<double>>>(x);
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
        where TKernel : ISigmoidKernel<T>
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
        where TKernel : ISigmoidKernel<T>
        where T : struct
    {
        nuint i = 0;

        if (Vector512.IsHardwareAccelerated && length - i >= (nuint)Vector512<T>.Count)
        {
            nuint count = (nuint)Vector512<T>.Count;
            for (; length - i >= 4 * count; i += 4 * count)
            {
                Quad<Vector512<T>> q = TKernel.Invoke(new Quad<Vector512<T>>(
                    Vector512.LoadUnsafe(ref src, i), Vector512.LoadUnsafe(ref src, i + count),
                    Vector512.LoadUnsafe(ref src, i + (2 * count)), Vector512.LoadUnsafe(ref src, i + (3 * count))));
                q.A.StoreUnsafe(ref dst, i);
                q.B.StoreUnsafe(ref dst, i + count);
                q.C.StoreUnsafe(ref dst, i + (2 * count));
                q.D.StoreUnsafe(ref dst, i + (3 * count));
            }

            for (; i <= length - count; i += count)
            {
                TKernel.Invoke(Vector512.LoadUnsafe(ref src, i)).StoreUnsafe(ref dst, i);
            }

            if (i != length && !inPlace)
            {
                TKernel.Invoke(Vector512.LoadUnsafe(ref src, length - count)).StoreUnsafe(ref dst, length - count);
                return;
            }
        }

        if (Vector256.IsHardwareAccelerated && length - i >= (nuint)Vector256<T>.Count)
        {
            nuint count = (nuint)Vector256<T>.Count;
            for (; length - i >= 4 * count; i += 4 * count)
            {
                Quad<Vector256<T>> q = TKernel.Invoke(new Quad<Vector256<T>>(
                    Vector256.LoadUnsafe(ref src, i), Vector256.LoadUnsafe(ref src, i + count),
                    Vector256.LoadUnsafe(ref src, i + (2 * count)), Vector256.LoadUnsafe(ref src, i + (3 * count))));
                q.A.StoreUnsafe(ref dst, i);
                q.B.StoreUnsafe(ref dst, i + count);
                q.C.StoreUnsafe(ref dst, i + (2 * count));
                q.D.StoreUnsafe(ref dst, i + (3 * count));
            }

            for (; i <= length - count; i += count)
            {
                TKernel.Invoke(Vector256.LoadUnsafe(ref src, i)).StoreUnsafe(ref dst, i);
            }

            if (i != length && !inPlace)
            {
                TKernel.Invoke(Vector256.LoadUnsafe(ref src, length - count)).StoreUnsafe(ref dst, length - count);
                return;
            }
        }

        if (Vector128.IsHardwareAccelerated && length - i >= (nuint)Vector128<T>.Count)
        {
            nuint count = (nuint)Vector128<T>.Count;
            for (; length - i >= 4 * count; i += 4 * count)
            {
                Quad<Vector128<T>> q = TKernel.Invoke(new Quad<Vector128<T>>(
                    Vector128.LoadUnsafe(ref src, i), Vector128.LoadUnsafe(ref src, i + count),
                    Vector128.LoadUnsafe(ref src, i + (2 * count)), Vector128.LoadUnsafe(ref src, i + (3 * count))));
                q.A.StoreUnsafe(ref dst, i);
                q.B.StoreUnsafe(ref dst, i + count);
                q.C.StoreUnsafe(ref dst, i + (2 * count));
                q.D.StoreUnsafe(ref dst, i + (3 * count));
            }

            for (; i <= length - count; i += count)
            {
                TKernel.Invoke(Vector128.LoadUnsafe(ref src, i)).StoreUnsafe(ref dst, i);
            }

            if (i != length && !inPlace)
            {
                TKernel.Invoke(Vector128.LoadUnsafe(ref src, length - count)).StoreUnsafe(ref dst, length - count);
                return;
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref dst, i) = TKernel.Invoke(Unsafe.Add(ref src, i));
        }
    }

    private static void ThrowLengthMismatch(int length, int destinationLength) =>
        throw new ArgumentException(
            $"'destination' must have the same length as the input ({length}), but has {destinationLength}.", "destination");

    private static void ThrowPartialOverlap() =>
        throw new ArgumentException(
            "'destination' must either be the input span itself (in place) or not overlap it at all.", "destination");
}
