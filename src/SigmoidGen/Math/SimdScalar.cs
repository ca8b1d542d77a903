using System;
using System.Runtime.CompilerServices;

namespace SigmoidGen.Internal;

/// <summary>
/// The sigmoid kernels' operations on one <see cref="float"/> or <see cref="double"/>, for the scalar overloads of
/// <see cref="SigmoidMath"/> when the machine has no SIMD (<c>Vector128.IsHardwareAccelerated</c> false: every
/// <c>Vector128</c> operation would then be a software loop over its lanes, ten times slower than this).
/// </summary>
/// <remarks>
/// Each member computes exactly what <see cref="Simd128"/>'s software fallback computes on one lane (no fused
/// multiply-add, no reciprocal estimate, no <c>vscalef</c>; masks are all bits set or zero), so a value's σ does not
/// depend on which of the two ran.
/// </remarks>
internal readonly struct SimdScalar : ISimdSingle<float>, ISimdDouble<double>
{
    // ---- float ----
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Create(float value) => value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Add(float left, float right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Subtract(float left, float right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Multiply(float left, float right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Divide(float left, float right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float MultiplyAdd(float a, float b, float c) => (a * b) + c;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float And(float left, float right) => Bits(Bits(left) & Bits(right));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Or(float left, float right) => Bits(Bits(left) | Bits(right));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Xor(float left, float right) => Bits(Bits(left) ^ Bits(right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ConditionalSelect(float mask, float whenTrue, float whenFalse) =>
        Bits((Bits(mask) & Bits(whenTrue)) | (~Bits(mask) & Bits(whenFalse)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float LessThan(float left, float right) => SingleMask(left < right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float GreaterThanOrEqual(float left, float right) => SingleMask(left >= right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float EqualTo(float left, float right) => SingleMask(left == right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AllBitsSet(float mask) => Bits(mask) == -1;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float IsNotNaN(float value) => SingleMask(!float.IsNaN(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float ShiftIntoExponent(float value) => Bits(Bits(value) << 23);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float ReciprocalEstimate(float value) => 1f / value;

    public static bool HasPreciseReciprocalEstimate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => false;
    }

    public static bool HasScale
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Scale(float value, float n) => value * Bits(((int)n + 127) << 23);

    // No table without AVX-512 (HasScale is false): the kernels never call these.
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Exp2Sixteenth(float k) => default;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Exp2SixteenthCorrection(float k) => default;

    public static bool HasFusedMultiplyAdd
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float FusedMultiplySubtractFrom(float a, float b, float c) => c - (a * b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float ClampBelow(float value, float floor) => ConditionalSelect(LessThan(value, floor), floor, value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float ClampAbove(float value, float ceiling) => ConditionalSelect(LessThan(ceiling, value), ceiling, value);

    public static bool HasRangeReduceFixup
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float NegatedMagnitudeAtMost(float value, float limit) => -MathF.Min(MathF.Abs(value), limit);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float FractionAboveFloor(float value) => value - MathF.Floor(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float WhereNegativeElseOne(float x, float whenNegative) => float.IsNaN(x) ? x : x < 0f ? whenNegative : 1f;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float ExponentField(float value) => (int)((uint)Bits(value) >> 23) & 0xFF;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float MantissaInOneTwo(float value) => Bits((Bits(value) & 0x007FFFFF) | 0x3F800000);

    // ---- double ----
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Create(double value) => value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Add(double left, double right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Subtract(double left, double right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Multiply(double left, double right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Divide(double left, double right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double MultiplyAdd(double a, double b, double c) => (a * b) + c;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double And(double left, double right) => Bits(Bits(left) & Bits(right));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Or(double left, double right) => Bits(Bits(left) | Bits(right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ConditionalSelect(double mask, double whenTrue, double whenFalse) =>
        Bits((Bits(mask) & Bits(whenTrue)) | (~Bits(mask) & Bits(whenFalse)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double LessThan(double left, double right) => DoubleMask(left < right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double GreaterThanOrEqual(double left, double right) => DoubleMask(left >= right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double IsNotNaN(double value) => DoubleMask(!double.IsNaN(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double ShiftIntoExponent(double value) => Bits(Bits(value) << 52);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double FusedMultiplySubtractFrom(double a, double b, double c) => c - (a * b);

    // A comparison's mask without a branch: all bits set for true, zero for false.
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static float SingleMask(bool value) => Bits(-(int)Unsafe.BitCast<bool, byte>(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static double DoubleMask(bool value) => Bits(-(long)Unsafe.BitCast<bool, byte>(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static float Bits(int value) => BitConverter.Int32BitsToSingle(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static double Bits(long value) => BitConverter.Int64BitsToDouble(value);
}
