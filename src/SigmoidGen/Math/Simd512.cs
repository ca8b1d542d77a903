using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SigmoidGen.Internal;

/// <summary>The 512-bit width: <see cref="Vector512{T}"/> operations for the generic sigmoid kernels.</summary>
internal readonly struct Simd512 :
    ISimdSingle<Vector512<float>>, ISimdDouble<Vector512<double>>, ISimdWiden<Vector512<float>, Vector512<double>>
{
    // ---- float ----
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Create(float value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> left, Vector512<float> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Divide(Vector512<float> left, Vector512<float> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => VectorOps.MultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> And(Vector512<float> left, Vector512<float> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Or(Vector512<float> left, Vector512<float> right) => left | right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Xor(Vector512<float> left, Vector512<float> right) => left ^ right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> ConditionalSelect(Vector512<float> mask, Vector512<float> whenTrue, Vector512<float> whenFalse) => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> LessThan(Vector512<float> left, Vector512<float> right) => Vector512.LessThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> GreaterThanOrEqual(Vector512<float> left, Vector512<float> right) => Vector512.GreaterThanOrEqual(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> EqualTo(Vector512<float> left, Vector512<float> right) => Vector512.Equals(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AllBitsSet(Vector512<float> mask) => Vector512.EqualsAll(mask.AsInt32(), Vector512<int>.AllBitsSet);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> IsNotNaN(Vector512<float> value) => Vector512.Equals(value, value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> ShiftIntoExponent(Vector512<float> value) => Vector512.ShiftLeft(value.AsInt32(), 23).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ReciprocalEstimate(Vector512<float> value) =>
        Avx512F.IsSupported ? Avx512F.Reciprocal14(value) : Vector512<float>.One / value;

    public static bool HasPreciseReciprocalEstimate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Avx512F.IsSupported;
    }

    public static bool HasScale
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Avx512F.IsSupported;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Scale(Vector512<float> value, Vector512<float> n) =>
        HasScale ? Avx512F.Scale(value, n)
                 : value * Vector512.ShiftLeft(Vector512.ConvertToInt32(n) + Vector512.Create(127), 23).AsSingle();

    /// <inheritdoc cref="ISimdSingle{TF}.Exp2Sixteenth"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Exp2Sixteenth(Vector512<float> k) => Avx512F.PermuteVar16x32(Exp2Sixteenths.Values512, k.AsInt32());

    /// <inheritdoc cref="ISimdSingle{TF}.Exp2SixteenthCorrection"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Exp2SixteenthCorrection(Vector512<float> k) => Avx512F.PermuteVar16x32(Exp2Sixteenths.Corrections512, k.AsInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FusedMultiplySubtractFrom(Vector512<float> a, Vector512<float> b, Vector512<float> c)
    {
        return Avx512F.IsSupported ? Avx512F.FusedMultiplyAddNegated(a, b, c) : c - (a * b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ClampBelow(Vector512<float> value, Vector512<float> floor)
    {
        // vmaxps returns its second operand when either is NaN.
        return Avx512F.IsSupported ? Avx512F.Max(floor, value) : Vector512.ConditionalSelect(Vector512.LessThan(value, floor), floor, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ClampAbove(Vector512<float> value, Vector512<float> ceiling)
    {
        // vminps returns its second operand when either is NaN.
        return Avx512F.IsSupported ? Avx512F.Min(ceiling, value) : Vector512.ConditionalSelect(Vector512.LessThan(ceiling, value), ceiling, value);
    }

    public static bool HasRangeReduceFixup
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Avx512DQ.IsSupported;
    }

    /// <inheritdoc cref="ISimdSingle{TF}.NegatedMagnitudeAtMost"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> NegatedMagnitudeAtMost(Vector512<float> value, Vector512<float> limit) =>
        Avx512DQ.IsSupported
            ? Avx512DQ.Range(value, limit, Avx512Immediates.SmallerMagnitudeNegated)
            : -Vector512.Min(Vector512.Abs(value), limit);

    /// <inheritdoc cref="ISimdSingle{TF}.FractionAboveFloor"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FractionAboveFloor(Vector512<float> value) =>
        Avx512DQ.IsSupported
            ? Avx512DQ.Reduce(value, Avx512Immediates.FloorFraction)
            : value - Vector512.Floor(value);

    /// <inheritdoc cref="ISimdSingle{TF}.WhereNegativeElseOne"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WhereNegativeElseOne(Vector512<float> x, Vector512<float> whenNegative) =>
        Avx512DQ.IsSupported
            ? Avx512F.Fixup(whenNegative, x, Vector512.Create(Avx512Immediates.WhereNegativeElseOne), 0)
            : Vector512.ConditionalSelect(Vector512.Equals(x, x), Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), whenNegative, Vector512<float>.One), x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExponentField(Vector512<float> value) =>
        Vector512.ConvertToSingle(Vector512.ShiftRightLogical(value.AsInt32(), 23) & Vector512.Create(0xFF));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MantissaInOneTwo(Vector512<float> value) =>
        ((value.AsInt32() & Vector512.Create(0x007FFFFF)) | Vector512.Create(0x3F800000)).AsSingle();

    // ---- double ----
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Create(double value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Add(Vector512<double> left, Vector512<double> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Subtract(Vector512<double> left, Vector512<double> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Multiply(Vector512<double> left, Vector512<double> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Divide(Vector512<double> left, Vector512<double> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => VectorOps.MultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> And(Vector512<double> left, Vector512<double> right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Or(Vector512<double> left, Vector512<double> right) => left | right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> ConditionalSelect(Vector512<double> mask, Vector512<double> whenTrue, Vector512<double> whenFalse) => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> LessThan(Vector512<double> left, Vector512<double> right) => Vector512.LessThan(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> GreaterThanOrEqual(Vector512<double> left, Vector512<double> right) => Vector512.GreaterThanOrEqual(left, right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> IsNotNaN(Vector512<double> value) => Vector512.Equals(value, value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> ShiftIntoExponent(Vector512<double> value) => Vector512.ShiftLeft(value.AsInt64(), 52).AsDouble();

    public static bool HasFusedMultiplyAdd
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Avx512F.IsSupported;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> FusedMultiplySubtractFrom(Vector512<double> a, Vector512<double> b, Vector512<double> c)
    {
        return Avx512F.IsSupported ? Avx512F.FusedMultiplyAddNegated(a, b, c) : c - (a * b);
    }

    // ---- widening ----
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> WidenLower(Vector512<float> value) => Vector512.WidenLower(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> WidenUpper(Vector512<float> value) => Vector512.WidenUpper(value);
}
