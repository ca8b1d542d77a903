using System.Runtime.CompilerServices;

namespace SigmoidGen.Internal;

/// <summary>Two vectors of one width, for <see cref="SimdPair{TOps, TF}"/>.</summary>
/// <typeparam name="TV">The vector type, e.g. <c>Vector256&lt;float&gt;</c>.</typeparam>
internal struct Pair<TV>
    where TV : struct
{
    public TV A;
    public TV B;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Pair(TV a, TV b)
    {
        A = a;
        B = b;
    }
}

/// <summary>
/// The width <typeparamref name="TOps"/> two vectors at a time, as <see cref="SimdQuad{TOps, TF}"/> four: for Vector256,
/// where a CPU without AVX-512 has 16 vector registers, too few for four sigmoids side by side. The same bits.
/// </summary>
internal readonly struct SimdPair<TOps, TF> : ISimdSingle<Pair<TF>>
    where TOps : ISimdSingle<TF>
    where TF : struct
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> Create(float value) { TF c = TOps.Create(value); return new(c, c); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> Add(Pair<TF> left, Pair<TF> right) => new(TOps.Add(left.A, right.A), TOps.Add(left.B, right.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> Subtract(Pair<TF> left, Pair<TF> right) => new(TOps.Subtract(left.A, right.A), TOps.Subtract(left.B, right.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> Multiply(Pair<TF> left, Pair<TF> right) => new(TOps.Multiply(left.A, right.A), TOps.Multiply(left.B, right.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> Divide(Pair<TF> left, Pair<TF> right) => new(TOps.Divide(left.A, right.A), TOps.Divide(left.B, right.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> MultiplyAdd(Pair<TF> a, Pair<TF> b, Pair<TF> c) => new(TOps.MultiplyAdd(a.A, b.A, c.A), TOps.MultiplyAdd(a.B, b.B, c.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> And(Pair<TF> left, Pair<TF> right) => new(TOps.And(left.A, right.A), TOps.And(left.B, right.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> Or(Pair<TF> left, Pair<TF> right) => new(TOps.Or(left.A, right.A), TOps.Or(left.B, right.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> Xor(Pair<TF> left, Pair<TF> right) => new(TOps.Xor(left.A, right.A), TOps.Xor(left.B, right.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> ConditionalSelect(Pair<TF> mask, Pair<TF> whenTrue, Pair<TF> whenFalse) => new(TOps.ConditionalSelect(mask.A, whenTrue.A, whenFalse.A), TOps.ConditionalSelect(mask.B, whenTrue.B, whenFalse.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> LessThan(Pair<TF> left, Pair<TF> right) => new(TOps.LessThan(left.A, right.A), TOps.LessThan(left.B, right.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> GreaterThanOrEqual(Pair<TF> left, Pair<TF> right) => new(TOps.GreaterThanOrEqual(left.A, right.A), TOps.GreaterThanOrEqual(left.B, right.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> EqualTo(Pair<TF> left, Pair<TF> right) => new(TOps.EqualTo(left.A, right.A), TOps.EqualTo(left.B, right.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> IsNotNaN(Pair<TF> value) => new(TOps.IsNotNaN(value.A), TOps.IsNotNaN(value.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> ShiftIntoExponent(Pair<TF> value) => new(TOps.ShiftIntoExponent(value.A), TOps.ShiftIntoExponent(value.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> ReciprocalEstimate(Pair<TF> value) => new(TOps.ReciprocalEstimate(value.A), TOps.ReciprocalEstimate(value.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> Scale(Pair<TF> value, Pair<TF> n) => new(TOps.Scale(value.A, n.A), TOps.Scale(value.B, n.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> Exp2Sixteenth(Pair<TF> k) => new(TOps.Exp2Sixteenth(k.A), TOps.Exp2Sixteenth(k.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> Exp2SixteenthCorrection(Pair<TF> k) => new(TOps.Exp2SixteenthCorrection(k.A), TOps.Exp2SixteenthCorrection(k.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> FusedMultiplySubtractFrom(Pair<TF> a, Pair<TF> b, Pair<TF> c) => new(TOps.FusedMultiplySubtractFrom(a.A, b.A, c.A), TOps.FusedMultiplySubtractFrom(a.B, b.B, c.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> ClampBelow(Pair<TF> value, Pair<TF> floor) => new(TOps.ClampBelow(value.A, floor.A), TOps.ClampBelow(value.B, floor.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> ClampAbove(Pair<TF> value, Pair<TF> ceiling) => new(TOps.ClampAbove(value.A, ceiling.A), TOps.ClampAbove(value.B, ceiling.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> NegatedMagnitudeAtMost(Pair<TF> value, Pair<TF> limit) => new(TOps.NegatedMagnitudeAtMost(value.A, limit.A), TOps.NegatedMagnitudeAtMost(value.B, limit.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> FractionAboveFloor(Pair<TF> value) => new(TOps.FractionAboveFloor(value.A), TOps.FractionAboveFloor(value.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> WhereNegativeElseOne(Pair<TF> x, Pair<TF> whenNegative) => new(TOps.WhereNegativeElseOne(x.A, whenNegative.A), TOps.WhereNegativeElseOne(x.B, whenNegative.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> ExponentField(Pair<TF> value) => new(TOps.ExponentField(value.A), TOps.ExponentField(value.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Pair<TF> MantissaInOneTwo(Pair<TF> value) => new(TOps.MantissaInOneTwo(value.A), TOps.MantissaInOneTwo(value.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AllBitsSet(Pair<TF> mask) => TOps.AllBitsSet(mask.A) && TOps.AllBitsSet(mask.B);

    public static bool HasPreciseReciprocalEstimate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TOps.HasPreciseReciprocalEstimate;
    }

    public static bool HasScale
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TOps.HasScale;
    }

    public static bool HasFusedMultiplyAdd
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TOps.HasFusedMultiplyAdd;
    }

    public static bool HasRangeReduceFixup
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TOps.HasRangeReduceFixup;
    }
}
