using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SigmoidGen.Internal;

namespace SigmoidGen;

/// <summary>
/// The logistic sigmoid σ(x) = 1 / (1 + e^-x), for scalars, SIMD vectors of every width and spans, in two precisions.
/// </summary>
/// <remarks>
/// <para>
/// <b>Exact</b> (<c>Sigmoid</c>): for <see cref="float"/>, at most 2 ULP from the true value (1.50 ULP at worst over every
/// float with AVX-512, 1.08 with FMA and without AVX-512, 1.52 without FMA), evaluated in float with the rounding of
/// 1 + e^-x compensated, and that of e^-x's polynomial too where the division is not a 14-bit estimate (AVX-512); for
/// <see cref="double"/>, within 4 ULP of <c>1.0 / (1.0 + Math.Exp(-x))</c>. <b>Fast</b> (<c>SigmoidFast</c>): absolute
/// error at most 5e-6 (about 1e-6 in practice), and about 1.6 (Vector512) to 1.7 (Vector256) times the throughput of
/// the exact version (float, 4 096 values, measured on Zen 5).
/// </para>
/// <para>
/// Both: σ(+∞) = 1 and σ(−∞) = 0 exactly, NaN gives NaN, every finite input gives a finite result in [0, 1]. Results
/// smaller than the smallest normal value of the type (2^-126 for float, 2^-1022 for double, i.e. x below about -87.3
/// or -708.4) may be flushed to 0. Every member is
/// branch-free and allocation-free, and gives the same results with or without FMA hardware (up to rounding), on every
/// vector width whether hardware-accelerated or not. The scalar overloads run the 128-bit vector kernel on one lane, or,
/// on a machine without SIMD, the same operations on the scalar itself (a software vector would be ten times slower).
/// </para>
/// </remarks>
public static class SigmoidMath
{
    // ---------------------------------------------------------------- scalar

    /// <summary>σ(x) = 1 / (1 + e^-x), at most 2 ULP from the true value (1.52 ULP at worst over every float).</summary>
    /// <param name="x">The input.</param>
    /// <returns>
    /// σ(x) in [0, 1]; 1 for +∞, 0 for −∞, NaN for NaN; results below 2^-126 (x &lt; -87.33) are 0, or with AVX-512 at most
    /// 2^-126 (subnormal, with fewer significant bits).
    /// </returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x) =>
        Vector128.IsHardwareAccelerated
            ? SigmoidKernels.ExactSingle<Simd128, Vector128<float>>(Vector128.CreateScalar(x)).ToScalar()
            : SigmoidKernels.ExactSingle<SimdScalar, float>(x);

    /// <summary>σ(x) = 1 / (1 + e^-x), within 4 ULP of <c>1.0 / (1.0 + Math.Exp(-x))</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>σ(x) in [0, 1]; 1 for +∞, 0 for −∞, NaN for NaN; results below 2^-1022 (x &lt; -708.39) are 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double x) =>
        Vector128.IsHardwareAccelerated
            ? SigmoidKernels.ExactDouble<Simd128, Vector128<double>>(Vector128.CreateScalar(x)).ToScalar()
            : SigmoidKernels.ExactDouble<SimdScalar, double>(x);

    /// <summary>σ(x) = 1 / (1 + e^-x) with absolute error at most 5e-6, faster than <see cref="Sigmoid(float)"/>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>
    /// σ(x) in [0, 1]; 1 for +∞, 0 for −∞, NaN for NaN; results below 2^-126 (x &lt; -87.33) are 0, or with AVX-512 at most
    /// 2^-126 (subnormal, with fewer significant bits).
    /// </returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidFast(float x) =>
        Vector128.IsHardwareAccelerated
            ? SigmoidKernels.FastSingle<Simd128, Vector128<float>>(Vector128.CreateScalar(x)).ToScalar()
            : SigmoidKernels.FastSingle<SimdScalar, float>(x);

    /// <summary>σ(x) = 1 / (1 + e^-x) with absolute error at most 5e-6, faster than <see cref="Sigmoid(double)"/>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>σ(x) in [0, 1]; 1 for +∞, 0 for −∞, NaN for NaN; results below 2^-1022 (x &lt; -708.39) are 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SigmoidFast(double x) =>
        Vector128.IsHardwareAccelerated
            ? SigmoidKernels.FastDouble<Simd128, Vector128<double>>(Vector128.CreateScalar(x)).ToScalar()
            : SigmoidKernels.FastDouble<SimdScalar, double>(x);

    // ---------------------------------------------------------------- exact, per lane

    /// <summary>σ per lane, with the accuracy of <see cref="Sigmoid(float)"/>.</summary>
    /// <param name="x">The inputs.</param>
    /// <returns>σ of each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x) =>
        SigmoidKernels.ExactSingle<Simd128, Vector128<float>>(x);

    /// <inheritdoc cref="Sigmoid(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) =>
        SigmoidKernels.ExactSingle<Simd256, Vector256<float>>(x);

    /// <inheritdoc cref="Sigmoid(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) =>
        SigmoidKernels.ExactSingle<Simd512, Vector512<float>>(x);

    /// <summary>σ per lane, with the accuracy of <see cref="Sigmoid(double)"/>.</summary>
    /// <param name="x">The inputs.</param>
    /// <returns>σ of each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sigmoid(Vector128<double> x) =>
        SigmoidKernels.ExactDouble<Simd128, Vector128<double>>(x);

    /// <inheritdoc cref="Sigmoid(Vector128{double})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sigmoid(Vector256<double> x) =>
        SigmoidKernels.ExactDouble<Simd256, Vector256<double>>(x);

    /// <inheritdoc cref="Sigmoid(Vector128{double})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sigmoid(Vector512<double> x) =>
        SigmoidKernels.ExactDouble<Simd512, Vector512<double>>(x);

    // ---------------------------------------------------------------- fast, per lane

    /// <summary>σ per lane, with the accuracy of <see cref="SigmoidFast(float)"/>.</summary>
    /// <param name="x">The inputs.</param>
    /// <returns>σ of each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SigmoidFast(Vector128<float> x) =>
        SigmoidKernels.FastSingle<Simd128, Vector128<float>>(x);

    /// <inheritdoc cref="SigmoidFast(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SigmoidFast(Vector256<float> x) =>
        SigmoidKernels.FastSingle<Simd256, Vector256<float>>(x);

    /// <inheritdoc cref="SigmoidFast(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SigmoidFast(Vector512<float> x) =>
        SigmoidKernels.FastSingle<Simd512, Vector512<float>>(x);

    /// <summary>σ per lane, with the accuracy of <see cref="SigmoidFast(double)"/>.</summary>
    /// <param name="x">The inputs.</param>
    /// <returns>σ of each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> SigmoidFast(Vector128<double> x) =>
        SigmoidKernels.FastDouble<Simd128, Vector128<double>>(x);

    /// <inheritdoc cref="SigmoidFast(Vector128{double})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> SigmoidFast(Vector256<double> x) =>
        SigmoidKernels.FastDouble<Simd256, Vector256<double>>(x);

    /// <inheritdoc cref="SigmoidFast(Vector128{double})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> SigmoidFast(Vector512<double> x) =>
        SigmoidKernels.FastDouble<Simd512, Vector512<double>>(x);

    // ---------------------------------------------------------------- spans

    /// <summary>
    /// Writes σ(<paramref name="x"/>[i]) to <paramref name="destination"/>[i], with the accuracy of
    /// <see cref="Sigmoid(float)"/>, using the widest hardware-accelerated vectors. Works in place when both are the same
    /// span.
    /// </summary>
    /// <param name="x">The inputs.</param>
    /// <param name="destination">Where the results go: the same length as <paramref name="x"/>, and either exactly
    /// <paramref name="x"/> or not overlapping it.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the spans partially overlap (nothing is written).</exception>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> destination) =>
        SigmoidSpan.Apply<ExactSingleKernel, float>(x, destination);

    /// <summary>
    /// Writes σ(<paramref name="x"/>[i]) to <paramref name="destination"/>[i], with the accuracy of
    /// <see cref="Sigmoid(double)"/>, using the widest hardware-accelerated vectors. Works in place when both are the
    /// same span.
    /// </summary>
    /// <inheritdoc cref="Sigmoid(ReadOnlySpan{float}, Span{float})"/>
    public static void Sigmoid(ReadOnlySpan<double> x, Span<double> destination) =>
        SigmoidSpan.Apply<ExactDoubleKernel, double>(x, destination);

    /// <summary>
    /// Writes σ(<paramref name="x"/>[i]) to <paramref name="destination"/>[i], with the accuracy of
    /// <see cref="SigmoidFast(float)"/>, using the widest hardware-accelerated vectors. Works in place when both are the
    /// same span.
    /// </summary>
    /// <inheritdoc cref="Sigmoid(ReadOnlySpan{float}, Span{float})"/>
    public static void SigmoidFast(ReadOnlySpan<float> x, Span<float> destination) =>
        SigmoidSpan.Apply<FastSingleKernel, float>(x, destination);

    /// <summary>
    /// Writes σ(<paramref name="x"/>[i]) to <paramref name="destination"/>[i], with the accuracy of
    /// <see cref="SigmoidFast(double)"/>, using the widest hardware-accelerated vectors. Works in place when both are
    /// the same span.
    /// </summary>
    /// <inheritdoc cref="Sigmoid(ReadOnlySpan{float}, Span{float})"/>
    public static void SigmoidFast(ReadOnlySpan<double> x, Span<double> destination) =>
        SigmoidSpan.Apply<FastDoubleKernel, double>(x, destination);
}
