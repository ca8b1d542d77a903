using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SigmoidGen.Internal;

/// <summary>The 128-bit width: <see cref="Vector128{T}"/> operations for the generic sigmoid kernels.</summary>
internal readonly struct Simd128 :
    ISimdSingle<Vector128<float>>, ISimdDouble<Vector128<double>>, ISimdWiden<Vector128<float>, Vector128<double>>
{
    // ---- float ----
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Create(float value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Subtract(Vector128<float> left, Vector128<float> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Divide(Vector128<float> left, Vector128<float> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => VectorOps.MultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> And(Vector128<float> left, Vector128<float> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Or(Vector128<float> left, Vector128<float> right) => left | right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Xor(Vector128<float> left, Vector128<float> right) => left ^ right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ConditionalSelect(Vector128<float> mask, Vector128<float> whenTrue, Vector128<float> whenFalse) =>
        Sse41.IsSupported ? Sse41.BlendVariable(whenFalse, whenTrue, mask) : Vector128.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> LessThan(Vector128<float> left, Vector128<float> right) => Vector128.LessThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> GreaterThanOrEqual(Vector128<float> left, Vector128<float> right) => Vector128.GreaterThanOrEqual(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> EqualTo(Vector128<float> left, Vector128<float> right) => Vector128.Equals(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AllBitsSet(Vector128<float> mask) => Vector128.EqualsAll(mask.AsInt32(), Vector128<int>.AllBitsSet);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> IsNotNaN(Vector128<float> value) => Vector128.Equals(value, value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> ShiftIntoExponent(Vector128<float> value) => Vector128.ShiftLeft(value.AsInt32(), 23).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ReciprocalEstimate(Vector128<float> value) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.Reciprocal14(value)
        : Sse.IsSupported ? Sse.Reciprocal(value) : Vector128<float>.One / value;

    public static bool HasPreciseReciprocalEstimate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Avx512F.VL.IsSupported;
    }

    public static bool HasScale
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Avx512F.VL.IsSupported;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Scale(Vector128<float> value, Vector128<float> n) =>
        HasScale ? Avx512F.VL.Scale(value, n)
                 : value * Vector128.ShiftLeft(Vector128.ConvertToInt32(n) + Vector128.Create(127), 23).AsSingle();

    /// <inheritdoc cref="ISimdSingle{TF}.Exp2Sixteenth"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Exp2Sixteenth(Vector128<float> k) => Simd256.Exp2Sixteenth(k.ToVector256Unsafe()).GetLower();

    /// <inheritdoc cref="ISimdSingle{TF}.Exp2SixteenthCorrection"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Exp2SixteenthCorrection(Vector128<float> k) => Simd256.Exp2SixteenthCorrection(k.ToVector256Unsafe()).GetLower();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FusedMultiplySubtractFrom(Vector128<float> a, Vector128<float> b, Vector128<float> c)
    {
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAddNegated(a, b, c);
        }

        if (AdvSimd.IsSupported)
        {
            return AdvSimd.FusedMultiplySubtract(c, a, b);
        }

        return c - (a * b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ClampBelow(Vector128<float> value, Vector128<float> floor)
    {
        // maxps returns its second operand when either is NaN; fmax returns NaN when either is.
        if (Sse.IsSupported)
        {
            return Sse.Max(floor, value);
        }

        if (AdvSimd.IsSupported)
        {
            return AdvSimd.Max(value, floor);
        }

        return Vector128.ConditionalSelect(Vector128.LessThan(value, floor), floor, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ClampAbove(Vector128<float> value, Vector128<float> ceiling)
    {
        // minps returns its second operand when either is NaN; fmin returns NaN when either is.
        if (Sse.IsSupported)
        {
            return Sse.Min(ceiling, value);
        }

        if (AdvSimd.IsSupported)
        {
            return AdvSimd.Min(value, ceiling);
        }

        return Vector128.ConditionalSelect(Vector128.LessThan(ceiling, value), ceiling, value);
    }

    public static bool HasRangeReduceFixup
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Avx512DQ.VL.IsSupported;
    }

    /// <inheritdoc cref="ISimdSingle{TF}.NegatedMagnitudeAtMost"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> NegatedMagnitudeAtMost(Vector128<float> value, Vector128<float> limit) =>
        Avx512DQ.VL.IsSupported
            ? Avx512DQ.VL.Range(value, limit, Avx512Immediates.SmallerMagnitudeNegated)
            : -Vector128.Min(Vector128.Abs(value), limit);

    /// <inheritdoc cref="ISimdSingle{TF}.FractionAboveFloor"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FractionAboveFloor(Vector128<float> value) =>
        Avx512DQ.VL.IsSupported
            ? Avx512DQ.VL.Reduce(value, Avx512Immediates.FloorFraction)
            : value - Vector128.Floor(value);

    /// <inheritdoc cref="ISimdSingle{TF}.WhereNegativeElseOne"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> WhereNegativeElseOne(Vector128<float> x, Vector128<float> whenNegative) =>
        Avx512DQ.VL.IsSupported
            ? Avx512F.VL.Fixup(whenNegative, x, Vector128.Create(Avx512Immediates.WhereNegativeElseOne), 0)
            : Vector128.ConditionalSelect(Vector128.Equals(x, x), Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<float>.Zero), whenNegative, Vector128<float>.One), x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ExponentField(Vector128<float> value) =>
        Vector128.ConvertToSingle(Vector128.ShiftRightLogical(value.AsInt32(), 23) & Vector128.Create(0xFF));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MantissaInOneTwo(Vector128<float> value) =>
        ((value.AsInt32() & Vector128.Create(0x007FFFFF)) | Vector128.Create(0x3F800000)).AsSingle();

    // ---- double ----
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Create(double value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Add(Vector128<double> left, Vector128<double> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Subtract(Vector128<double> left, Vector128<double> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Multiply(Vector128<double> left, Vector128<double> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Divide(Vector128<double> left, Vector128<double> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> MultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) => VectorOps.MultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> And(Vector128<double> left, Vector128<double> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Or(Vector128<double> left, Vector128<double> right) => left | right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ConditionalSelect(Vector128<double> mask, Vector128<double> whenTrue, Vector128<double> whenFalse) =>
        Sse41.IsSupported ? Sse41.BlendVariable(whenFalse, whenTrue, mask) : Vector128.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> LessThan(Vector128<double> left, Vector128<double> right) => Vector128.LessThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> GreaterThanOrEqual(Vector128<double> left, Vector128<double> right) => Vector128.GreaterThanOrEqual(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> IsNotNaN(Vector128<double> value) => Vector128.Equals(value, value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> ShiftIntoExponent(Vector128<double> value) => Vector128.ShiftLeft(value.AsInt64(), 52).AsDouble();

    public static bool HasFusedMultiplyAdd
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Fma.IsSupported || AdvSimd.Arm64.IsSupported;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> FusedMultiplySubtractFrom(Vector128<double> a, Vector128<double> b, Vector128<double> c)
    {
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAddNegated(a, b, c);
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.FusedMultiplySubtract(c, a, b);
        }

        return c - (a * b);
    }

    // ---- widening ----
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> WidenLower(Vector128<float> value) => Vector128.WidenLower(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> WidenUpper(Vector128<float> value) => Vector128.WidenUpper(value);
}
