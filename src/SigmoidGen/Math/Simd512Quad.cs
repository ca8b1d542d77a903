using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Generic = SigmoidGen.Internal.SimdQuad<SigmoidGen.Internal.Simd512, System.Runtime.Intrinsics.Vector512<float>>;

namespace SigmoidGen.Internal;

/// <summary>
/// Four Vector512 at a time, as <see cref="SimdQuad{TOps, TF}"/> over <see cref="Simd512"/>, but each operation written with
/// the AVX-512 instruction itself instead of four calls to <see cref="Simd512"/>: the JIT inlines a four-vector sigmoid
/// into the span sweep only within its inlining limits, and the nested calls of <see cref="SimdQuad{TOps, TF}"/> (each
/// operation one inlinee, its four vectors four more) left the table kernel's last twenty operations as calls (3–5 ns
/// per float instead of 0.2; the Fast kernel's single-vector rest was left as calls too). The instructions are those
/// <see cref="Simd512"/> uses on AVX-512: the same bits. Only for AVX-512 hardware; operations the Exact and Fast kernels
/// do not use on AVX-512 are those of <see cref="SimdQuad{TOps, TF}"/>.
/// </summary>
internal readonly struct Simd512Quad : ISimdSingle<Quad<Vector512<float>>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector512<float>> Create(float value) { Vector512<float> c = Vector512.Create(value); return new(c, c, c, c); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector512<float>> Add(Quad<Vector512<float>> l, Quad<Vector512<float>> r) => new(l.A + r.A, l.B + r.B, l.C + r.C, l.D + r.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector512<float>> Subtract(Quad<Vector512<float>> l, Quad<Vector512<float>> r) => new(l.A - r.A, l.B - r.B, l.C - r.C, l.D - r.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector512<float>> Multiply(Quad<Vector512<float>> l, Quad<Vector512<float>> r) => new(l.A * r.A, l.B * r.B, l.C * r.C, l.D * r.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector512<float>> Divide(Quad<Vector512<float>> l, Quad<Vector512<float>> r) => new(l.A / r.A, l.B / r.B, l.C / r.C, l.D / r.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quad<Vector512<float>> MultiplyAdd(Quad<Vector512<float>> a, Quad<Vector512<float>> b, Quad<Vector512<float>> c) =>
        new(Avx512F.FusedMultiplyAdd(a.A, b.A, c.A), Avx512F.FusedMultiplyAdd(a.B, b.B, c.B), Avx512F.FusedMultiplyAdd(a.C, b.C, c.C), Avx512F.FusedMultiplyAdd(a.D, b.D, c.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector512<float>> And(Quad<Vector512<float>> l, Quad<Vector512<float>> r) => new(l.A & r.A, l.B & r.B, l.C & r.C, l.D & r.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector512<float>> Or(Quad<Vector512<float>> l, Quad<Vector512<float>> r) => new(l.A | r.A, l.B | r.B, l.C | r.C, l.D | r.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Quad<Vector512<float>> Xor(Quad<Vector512<float>> l, Quad<Vector512<float>> r) => new(l.A ^ r.A, l.B ^ r.B, l.C ^ r.C, l.D ^ r.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quad<Vector512<float>> ReciprocalEstimate(Quad<Vector512<float>> v) =>
        new(Avx512F.Reciprocal14(v.A), Avx512F.Reciprocal14(v.B), Avx512F.Reciprocal14(v.C), Avx512F.Reciprocal14(v.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quad<Vector512<float>> Scale(Quad<Vector512<float>> v, Quad<Vector512<float>> n) =>
        new(Avx512F.Scale(v.A, n.A), Avx512F.Scale(v.B, n.B), Avx512F.Scale(v.C, n.C), Avx512F.Scale(v.D, n.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quad<Vector512<float>> Exp2Sixteenth(Quad<Vector512<float>> k)
    {
        Vector512<float> table = Exp2Sixteenths.Values512;
        return new(Avx512F.PermuteVar16x32(table, k.A.AsInt32()), Avx512F.PermuteVar16x32(table, k.B.AsInt32()), Avx512F.PermuteVar16x32(table, k.C.AsInt32()), Avx512F.PermuteVar16x32(table, k.D.AsInt32()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quad<Vector512<float>> Exp2SixteenthCorrection(Quad<Vector512<float>> k)
    {
        Vector512<float> table = Exp2Sixteenths.Corrections512;
        return new(Avx512F.PermuteVar16x32(table, k.A.AsInt32()), Avx512F.PermuteVar16x32(table, k.B.AsInt32()), Avx512F.PermuteVar16x32(table, k.C.AsInt32()), Avx512F.PermuteVar16x32(table, k.D.AsInt32()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quad<Vector512<float>> FusedMultiplySubtractFrom(Quad<Vector512<float>> a, Quad<Vector512<float>> b, Quad<Vector512<float>> c) =>
        new(Avx512F.FusedMultiplyAddNegated(a.A, b.A, c.A), Avx512F.FusedMultiplyAddNegated(a.B, b.B, c.B), Avx512F.FusedMultiplyAddNegated(a.C, b.C, c.C), Avx512F.FusedMultiplyAddNegated(a.D, b.D, c.D));

    // vmaxps returns its second operand when either is NaN: NaN lanes stay NaN.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quad<Vector512<float>> ClampBelow(Quad<Vector512<float>> v, Quad<Vector512<float>> floor) =>
        new(Avx512F.Max(floor.A, v.A), Avx512F.Max(floor.B, v.B), Avx512F.Max(floor.C, v.C), Avx512F.Max(floor.D, v.D));

    // vminps returns its second operand when either is NaN: NaN lanes stay NaN.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quad<Vector512<float>> ClampAbove(Quad<Vector512<float>> v, Quad<Vector512<float>> ceiling) =>
        new(Avx512F.Min(ceiling.A, v.A), Avx512F.Min(ceiling.B, v.B), Avx512F.Min(ceiling.C, v.C), Avx512F.Min(ceiling.D, v.D));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quad<Vector512<float>> NegatedMagnitudeAtMost(Quad<Vector512<float>> v, Quad<Vector512<float>> limit) =>
        new(Avx512DQ.Range(v.A, limit.A, Avx512Immediates.SmallerMagnitudeNegated), Avx512DQ.Range(v.B, limit.B, Avx512Immediates.SmallerMagnitudeNegated),
            Avx512DQ.Range(v.C, limit.C, Avx512Immediates.SmallerMagnitudeNegated), Avx512DQ.Range(v.D, limit.D, Avx512Immediates.SmallerMagnitudeNegated));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quad<Vector512<float>> FractionAboveFloor(Quad<Vector512<float>> v) =>
        new(Avx512DQ.Reduce(v.A, Avx512Immediates.FloorFraction), Avx512DQ.Reduce(v.B, Avx512Immediates.FloorFraction),
            Avx512DQ.Reduce(v.C, Avx512Immediates.FloorFraction), Avx512DQ.Reduce(v.D, Avx512Immediates.FloorFraction));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quad<Vector512<float>> WhereNegativeElseOne(Quad<Vector512<float>> x, Quad<Vector512<float>> whenNegative)
    {
        Vector512<int> table = Vector512.Create(Avx512Immediates.WhereNegativeElseOne);
        return new(Avx512F.Fixup(whenNegative.A, x.A, table, 0), Avx512F.Fixup(whenNegative.B, x.B, table, 0),
                   Avx512F.Fixup(whenNegative.C, x.C, table, 0), Avx512F.Fixup(whenNegative.D, x.D, table, 0));
    }

    // Not on the sigmoid kernels' AVX-512 paths: as SimdQuad.
    public static Quad<Vector512<float>> ConditionalSelect(Quad<Vector512<float>> mask, Quad<Vector512<float>> whenTrue, Quad<Vector512<float>> whenFalse) => Generic.ConditionalSelect(mask, whenTrue, whenFalse);
    public static Quad<Vector512<float>> LessThan(Quad<Vector512<float>> l, Quad<Vector512<float>> r) => Generic.LessThan(l, r);
    public static Quad<Vector512<float>> GreaterThanOrEqual(Quad<Vector512<float>> l, Quad<Vector512<float>> r) => Generic.GreaterThanOrEqual(l, r);
    public static Quad<Vector512<float>> EqualTo(Quad<Vector512<float>> l, Quad<Vector512<float>> r) => Generic.EqualTo(l, r);
    public static bool AllBitsSet(Quad<Vector512<float>> mask) => Generic.AllBitsSet(mask);
    public static Quad<Vector512<float>> IsNotNaN(Quad<Vector512<float>> v) => Generic.IsNotNaN(v);
    public static Quad<Vector512<float>> ShiftIntoExponent(Quad<Vector512<float>> v) => Generic.ShiftIntoExponent(v);
    public static Quad<Vector512<float>> ExponentField(Quad<Vector512<float>> v) => Generic.ExponentField(v);
    public static Quad<Vector512<float>> MantissaInOneTwo(Quad<Vector512<float>> v) => Generic.MantissaInOneTwo(v);

    public static bool HasPreciseReciprocalEstimate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Simd512.HasPreciseReciprocalEstimate;
    }

    public static bool HasScale
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Simd512.HasScale;
    }

    public static bool HasFusedMultiplyAdd
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Simd512.HasFusedMultiplyAdd;
    }

    public static bool HasRangeReduceFixup
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Simd512.HasRangeReduceFixup;
    }
}
