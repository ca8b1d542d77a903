using System.Runtime.CompilerServices;

namespace SigmoidGen.Internal;

/// <summary>Four vectors of one width, for <see cref="SimdQuad{TOps, TF}"/>.</summary>
/// <typeparam name="TV">The vector type, e.g. <c>Vector512&lt;float&gt;</c>.</typeparam>
internal struct Quad<TV>
    where TV : struct
{
    public TV A;
    public TV B;
    public TV C;
    public TV D;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Quad(TV a, TV b, TV c, TV d)
    {
        A = a;
        B = b;
        C = c;
        D = d;
    }
}

/// <summary>
/// The width <typeparamref name="TOps"/> four vectors at a time: the sigmoid kernels, written once over
/// <see cref="ISimdSingle{TF}"/>, run over a <see cref="Quad{TV}"/> as over one vector, each of their steps applied to the four
/// vectors before the next step. A sigmoid is a chain of ~18 dependent operations (~65 cycles on Zen 5) for ~27 operations
/// of throughput (~8 cycles): called on one vector after another, the core overlaps consecutive sigmoids only as far as its
/// scheduler holds the waiting operations of several whole chains; four chains side by side in program order overlap at
/// once. Measured on the 2-core AVX-512 EPYC (Zen 5, 2026-12-03, 4 096 floats in L1, cycles per vector): Exact 14.1 one
/// vector at a time, 12.9 two, 11.4 four. Every lane gets the operations it gets alone: the same bits.
/// </summary>
internal readonly struct SimdQuad<TOps, TF> : ISimdSingle<Quad<TF>>
    where TOps : ISimdSingle<TF>
    where TF : struct
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> Create(float value) { TF c = TOps.Create(value); return new(c, c, c, c); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> Add(Quad<TF> left, Quad<TF> right) => new(TOps.Add(left.A, right.A), TOps.Add(left.B, right.B), TOps.Add(left.C, right.C), TOps.Add(left.D, right.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> Subtract(Quad<TF> left, Quad<TF> right) => new(TOps.Subtract(left.A, right.A), TOps.Subtract(left.B, right.B), TOps.Subtract(left.C, right.C), TOps.Subtract(left.D, right.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> Multiply(Quad<TF> left, Quad<TF> right) => new(TOps.Multiply(left.A, right.A), TOps.Multiply(left.B, right.B), TOps.Multiply(left.C, right.C), TOps.Multiply(left.D, right.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> Divide(Quad<TF> left, Quad<TF> right) => new(TOps.Divide(left.A, right.A), TOps.Divide(left.B, right.B), TOps.Divide(left.C, right.C), TOps.Divide(left.D, right.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> MultiplyAdd(Quad<TF> a, Quad<TF> b, Quad<TF> c) => new(TOps.MultiplyAdd(a.A, b.A, c.A), TOps.MultiplyAdd(a.B, b.B, c.B), TOps.MultiplyAdd(a.C, b.C, c.C), TOps.MultiplyAdd(a.D, b.D, c.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> And(Quad<TF> left, Quad<TF> right) => new(TOps.And(left.A, right.A), TOps.And(left.B, right.B), TOps.And(left.C, right.C), TOps.And(left.D, right.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> Or(Quad<TF> left, Quad<TF> right) => new(TOps.Or(left.A, right.A), TOps.Or(left.B, right.B), TOps.Or(left.C, right.C), TOps.Or(left.D, right.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> Xor(Quad<TF> left, Quad<TF> right) => new(TOps.Xor(left.A, right.A), TOps.Xor(left.B, right.B), TOps.Xor(left.C, right.C), TOps.Xor(left.D, right.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> ConditionalSelect(Quad<TF> mask, Quad<TF> whenTrue, Quad<TF> whenFalse) => new(TOps.ConditionalSelect(mask.A, whenTrue.A, whenFalse.A), TOps.ConditionalSelect(mask.B, whenTrue.B, whenFalse.B), TOps.ConditionalSelect(mask.C, whenTrue.C, whenFalse.C), TOps.ConditionalSelect(mask.D, whenTrue.D, whenFalse.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> LessThan(Quad<TF> left, Quad<TF> right) => new(TOps.LessThan(left.A, right.A), TOps.LessThan(left.B, right.B), TOps.LessThan(left.C, right.C), TOps.LessThan(left.D, right.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> GreaterThanOrEqual(Quad<TF> left, Quad<TF> right) => new(TOps.GreaterThanOrEqual(left.A, right.A), TOps.GreaterThanOrEqual(left.B, right.B), TOps.GreaterThanOrEqual(left.C, right.C), TOps.GreaterThanOrEqual(left.D, right.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> EqualTo(Quad<TF> left, Quad<TF> right) => new(TOps.EqualTo(left.A, right.A), TOps.EqualTo(left.B, right.B), TOps.EqualTo(left.C, right.C), TOps.EqualTo(left.D, right.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> IsNotNaN(Quad<TF> value) => new(TOps.IsNotNaN(value.A), TOps.IsNotNaN(value.B), TOps.IsNotNaN(value.C), TOps.IsNotNaN(value.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> ShiftIntoExponent(Quad<TF> value) => new(TOps.ShiftIntoExponent(value.A), TOps.ShiftIntoExponent(value.B), TOps.ShiftIntoExponent(value.C), TOps.ShiftIntoExponent(value.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> ReciprocalEstimate(Quad<TF> value) => new(TOps.ReciprocalEstimate(value.A), TOps.ReciprocalEstimate(value.B), TOps.ReciprocalEstimate(value.C), TOps.ReciprocalEstimate(value.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> Scale(Quad<TF> value, Quad<TF> n) => new(TOps.Scale(value.A, n.A), TOps.Scale(value.B, n.B), TOps.Scale(value.C, n.C), TOps.Scale(value.D, n.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> Exp2Sixteenth(Quad<TF> k) => new(TOps.Exp2Sixteenth(k.A), TOps.Exp2Sixteenth(k.B), TOps.Exp2Sixteenth(k.C), TOps.Exp2Sixteenth(k.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> Exp2SixteenthCorrection(Quad<TF> k) => new(TOps.Exp2SixteenthCorrection(k.A), TOps.Exp2SixteenthCorrection(k.B), TOps.Exp2SixteenthCorrection(k.C), TOps.Exp2SixteenthCorrection(k.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> FusedMultiplySubtractFrom(Quad<TF> a, Quad<TF> b, Quad<TF> c) => new(TOps.FusedMultiplySubtractFrom(a.A, b.A, c.A), TOps.FusedMultiplySubtractFrom(a.B, b.B, c.B), TOps.FusedMultiplySubtractFrom(a.C, b.C, c.C), TOps.FusedMultiplySubtractFrom(a.D, b.D, c.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> ClampBelow(Quad<TF> value, Quad<TF> floor) => new(TOps.ClampBelow(value.A, floor.A), TOps.ClampBelow(value.B, floor.B), TOps.ClampBelow(value.C, floor.C), TOps.ClampBelow(value.D, floor.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> ClampAbove(Quad<TF> value, Quad<TF> ceiling) => new(TOps.ClampAbove(value.A, ceiling.A), TOps.ClampAbove(value.B, ceiling.B), TOps.ClampAbove(value.C, ceiling.C), TOps.ClampAbove(value.D, ceiling.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> NegatedMagnitudeAtMost(Quad<TF> value, Quad<TF> limit) => new(TOps.NegatedMagnitudeAtMost(value.A, limit.A), TOps.NegatedMagnitudeAtMost(value.B, limit.B), TOps.NegatedMagnitudeAtMost(value.C, limit.C), TOps.NegatedMagnitudeAtMost(value.D, limit.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> FractionAboveFloor(Quad<TF> value) => new(TOps.FractionAboveFloor(value.A), TOps.FractionAboveFloor(value.B), TOps.FractionAboveFloor(value.C), TOps.FractionAboveFloor(value.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> WhereNegativeElseOne(Quad<TF> x, Quad<TF> whenNegative) => new(TOps.WhereNegativeElseOne(x.A, whenNegative.A), TOps.WhereNegativeElseOne(x.B, whenNegative.B), TOps.WhereNegativeElseOne(x.C, whenNegative.C), TOps.WhereNegativeElseOne(x.D, whenNegative.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> ExponentField(Quad<TF> value) => new(TOps.ExponentField(value.A), TOps.ExponentField(value.B), TOps.ExponentField(value.C), TOps.ExponentField(value.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<TF> MantissaInOneTwo(Quad<TF> value) => new(TOps.MantissaInOneTwo(value.A), TOps.MantissaInOneTwo(value.B), TOps.MantissaInOneTwo(value.C), TOps.MantissaInOneTwo(value.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AllBitsSet(Quad<TF> mask) => TOps.AllBitsSet(mask.A) && TOps.AllBitsSet(mask.B) && TOps.AllBitsSet(mask.C) && TOps.AllBitsSet(mask.D);

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
