using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SigmoidGen.Internal;

/// <summary>The 256-bit width: <see cref="Vector256{T}"/> operations for the generic sigmoid kernels.</summary>
internal readonly struct Simd256 :
    ISimdSingle<Vector256<float>>, ISimdDouble<Vector256<double>>, ISimdWiden<Vector256<float>, Vector256<double>>
{
    // ---- float ----
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Create(float value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> left, Vector256<float> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Divide(Vector256<float> left, Vector256<float> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => VectorOps.MultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> And(Vector256<float> left, Vector256<float> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Or(Vector256<float> left, Vector256<float> right) => left | right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Xor(Vector256<float> left, Vector256<float> right) => left ^ right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ConditionalSelect(Vector256<float> mask, Vector256<float> whenTrue, Vector256<float> whenFalse) =>
        Avx.IsSupported ? Avx.BlendVariable(whenFalse, whenTrue, mask) : Vector256.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> LessThan(Vector256<float> left, Vector256<float> right) => Vector256.LessThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> GreaterThanOrEqual(Vector256<float> left, Vector256<float> right) => Vector256.GreaterThanOrEqual(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> EqualTo(Vector256<float> left, Vector256<float> right) => Vector256.Equals(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AllBitsSet(Vector256<float> mask) => Vector256.EqualsAll(mask.AsInt32(), Vector256<int>.AllBitsSet);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> IsNotNaN(Vector256<float> value) => Vector256.Equals(value, value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> ShiftIntoExponent(Vector256<float> value) => Vector256.ShiftLeft(value.AsInt32(), 23).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ReciprocalEstimate(Vector256<float> value) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.Reciprocal14(value)
        : Avx.IsSupported ? Avx.Reciprocal(value) : Vector256<float>.One / value;

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
    public static Vector256<float> Scale(Vector256<float> value, Vector256<float> n) =>
        HasScale ? Avx512F.VL.Scale(value, n)
                 : value * Vector256.ShiftLeft(Vector256.ConvertToInt32(n) + Vector256.Create(127), 23).AsSingle();

    /// <inheritdoc cref="ISimdSingle{TF}.Exp2Sixteenth"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Exp2Sixteenth(Vector256<float> k) => Avx512F.VL.PermuteVar8x32x2(Exp2Sixteenths.ValuesLow, k.AsInt32(), Exp2Sixteenths.ValuesHigh);

    /// <inheritdoc cref="ISimdSingle{TF}.Exp2SixteenthCorrection"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Exp2SixteenthCorrection(Vector256<float> k) => Avx512F.VL.PermuteVar8x32x2(Exp2Sixteenths.CorrectionsLow, k.AsInt32(), Exp2Sixteenths.CorrectionsHigh);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FusedMultiplySubtractFrom(Vector256<float> a, Vector256<float> b, Vector256<float> c)
    {
        return Fma.IsSupported ? Fma.MultiplyAddNegated(a, b, c) : c - (a * b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ClampBelow(Vector256<float> value, Vector256<float> floor)
    {
        // maxps returns its second operand when either is NaN.
        return Avx.IsSupported ? Avx.Max(floor, value) : Vector256.ConditionalSelect(Vector256.LessThan(value, floor), floor, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ClampAbove(Vector256<float> value, Vector256<float> ceiling)
    {
        // vminps returns its second operand when either is NaN.
        return Avx.IsSupported ? Avx.Min(ceiling, value) : Vector256.ConditionalSelect(Vector256.LessThan(ceiling, value), ceiling, value);
    }

    public static bool HasRangeReduceFixup
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Avx512DQ.VL.IsSupported;
    }

    /// <inheritdoc cref="ISimdSingle{TF}.NegatedMagnitudeAtMost"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> NegatedMagnitudeAtMost(Vector256<float> value, Vector256<float> limit) =>
        Avx512DQ.VL.IsSupported
            ? Avx512DQ.VL.Range(value, limit, Avx512Immediates.SmallerMagnitudeNegated)
            : -Vector256.Min(Vector256.Abs(value), limit);

    /// <inheritdoc cref="ISimdSingle{TF}.FractionAboveFloor"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FractionAboveFloor(Vector256<float> value) =>
        Avx512DQ.VL.IsSupported
            ? Avx512DQ.VL.Reduce(value, Avx512Immediates.FloorFraction)
            : value - Vector256.Floor(value);

    /// <inheritdoc cref="ISimdSingle{TF}.WhereNegativeElseOne"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> WhereNegativeElseOne(Vector256<float> x, Vector256<float> whenNegative) =>
        Avx512DQ.VL.IsSupported
            ? Avx512F.VL.Fixup(whenNegative, x, Vector256.Create(Avx512Immediates.WhereNegativeElseOne), 0)
            : Vector256.ConditionalSelect(Vector256.Equals(x, x), Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), whenNegative, Vector256<float>.One), x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExponentField(Vector256<float> value) =>
        Vector256.ConvertToSingle(Vector256.ShiftRightLogical(value.AsInt32(), 23) & Vector256.Create(0xFF));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MantissaInOneTwo(Vector256<float> value) =>
        ((value.AsInt32() & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();

    // ---- double ----
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Create(double value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Add(Vector256<double> left, Vector256<double> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Subtract(Vector256<double> left, Vector256<double> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Multiply(Vector256<double> left, Vector256<double> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Divide(Vector256<double> left, Vector256<double> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => VectorOps.MultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> And(Vector256<double> left, Vector256<double> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Or(Vector256<double> left, Vector256<double> right) => left | right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ConditionalSelect(Vector256<double> mask, Vector256<double> whenTrue, Vector256<double> whenFalse) =>
        Avx.IsSupported ? Avx.BlendVariable(whenFalse, whenTrue, mask) : Vector256.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> LessThan(Vector256<double> left, Vector256<double> right) => Vector256.LessThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> GreaterThanOrEqual(Vector256<double> left, Vector256<double> right) => Vector256.GreaterThanOrEqual(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> IsNotNaN(Vector256<double> value) => Vector256.Equals(value, value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> ShiftIntoExponent(Vector256<double> value) => Vector256.ShiftLeft(value.AsInt64(), 52).AsDouble();

    public static bool HasFusedMultiplyAdd
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Fma.IsSupported;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> FusedMultiplySubtractFrom(Vector256<double> a, Vector256<double> b, Vector256<double> c)
    {
        return Fma.IsSupported ? Fma.MultiplyAddNegated(a, b, c) : c - (a * b);
    }

    // ---- widening ----
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> WidenLower(Vector256<float> value) => Vector256.WidenLower(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> WidenUpper(Vector256<float> value) => Vector256.WidenUpper(value);
}
