using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SigmoidGen.Internal;

/// <summary>Loss terms shared by generated code. Not meant to be called by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Loss
{
    /// <summary>
    /// One binary cross-entropy term, <c>-(t·log(y) + (1 − t)·log(1 − y))</c> with each logarithm clamped at -100 as
    /// PyTorch's <c>BCELoss</c> does, computed in double.
    /// </summary>
    /// <remarks>
    /// A term whose weight is 0 (target 0 or 1) is skipped: with the clamp it would add exactly 0. log(1 − y) is taken as
    /// log1p(−y), so that a tiny y still counts (Math.Log(1.0 − y) is 0 below y ≈ 1e-16).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double BinaryCrossEntropy(double output, double target)
    {
        double positive = target == 0 ? 0 : target * Math.Max(Math.Log(output), -100.0);
        double negative = target == 1 ? 0 : (1.0 - target) * Math.Max(LogOnePlus(-output), -100.0);
        return -(positive + negative);
    }

    /// <summary>
    /// log(1 + x) to a few ULP for every x > −1 (Goldberg's method: u = 1 + x, then log(u)·x / (u − 1), where the
    /// rounding of u cancels), −∞ at −1, NaN below.
    /// </summary>
    private static double LogOnePlus(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        double log = Math.Log(u);
        return double.IsFinite(log) ? log * x / (u - 1.0) : log; // log(0) = −∞, log(+∞) = +∞, NaN stay as they are
    }

    /// <summary>
    /// The sum of the binary cross-entropy terms of <paramref name="output"/> against <paramref name="target"/> (same
    /// lengths, checked by the caller): each term in float with vector logarithms (about 1e-7 relative, see
    /// <see cref="LogKernels"/>), summed in double. The last few elements use <see cref="BinaryCrossEntropy"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // a loop over spans: inlined into a large caller it would exhaust the JIT's inlining budget
    public static double BinaryCrossEntropySum(ReadOnlySpan<float> output, ReadOnlySpan<float> target)
    {
        ref float y = ref MemoryMarshal.GetReference(output);
        ref float t = ref MemoryMarshal.GetReference(target);
        int length = output.Length;
        int i = 0;
        double sum = 0;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            sum = Sum<Simd512, Vector512<float>, Vector512<double>>(ref y, ref t, length, ref i);
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            sum = Sum<Simd256, Vector256<float>, Vector256<double>>(ref y, ref t, length, ref i);
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<float>.Count)
        {
            sum = Sum<Simd128, Vector128<float>, Vector128<double>>(ref y, ref t, length, ref i);
        }

        for (; i < length; i++)
        {
            sum += BinaryCrossEntropy(Unsafe.Add(ref y, i), Unsafe.Add(ref t, i));
        }

        return sum;
    }

    /// <summary>The sum of the binary cross-entropy terms, each computed by <see cref="BinaryCrossEntropy"/> in double.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // a loop over spans: inlined into a large caller it would exhaust the JIT's inlining budget
    public static double BinaryCrossEntropySum(ReadOnlySpan<double> output, ReadOnlySpan<double> target)
    {
        double sum = 0;
        for (int i = 0; i < output.Length; i++)
        {
            sum += BinaryCrossEntropy(output[i], target[i]);
        }

        return sum;
    }

    /// <summary>Whole vectors from element 0; <paramref name="i"/> ends at the first element not summed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum<TOps, TF, TD>(ref float y, ref float t, int length, ref int i)
        where TOps : ISimdSingle<TF>, ISimdDouble<TD>, ISimdWiden<TF, TD>
        where TF : struct
        where TD : struct
    {
        int lanes = Unsafe.SizeOf<TF>() / sizeof(float);
        TD accumulator = TOps.Create(0.0);
        for (; i <= length - lanes; i += lanes)
        {
            TF terms = LogKernels.BinaryCrossEntropy<TOps, TF>(
                Unsafe.ReadUnaligned<TF>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref y, i))),
                Unsafe.ReadUnaligned<TF>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref t, i))));
            accumulator = TOps.Add(accumulator, TOps.Add(TOps.WidenLower(terms), TOps.WidenUpper(terms)));
        }

        // Lanes read from a copy: taking the accumulator's own address would keep it in memory throughout the loop.
        TD total = accumulator;
        double sum = 0;
        for (int lane = 0; lane < lanes / 2; lane++)
        {
            sum += Unsafe.Add(ref Unsafe.As<TD, double>(ref total), lane);
        }

        return sum;
    }
}
