namespace SigmoidGen.Internal;

/// <summary>
/// Element-wise operations on one SIMD vector type of <see cref="float"/> lanes. Implemented by the width structs
/// (<see cref="Simd128"/>, <see cref="Simd256"/>, <see cref="Simd512"/>) so the sigmoid kernels are written once; every
/// member is a static abstract that the JIT specialises and inlines, so the generic kernels compile to the same code a
/// hand-written one would.
/// </summary>
/// <typeparam name="TF">The vector type, e.g. <c>Vector256&lt;float&gt;</c>.</typeparam>
internal interface ISimdSingle<TF>
    where TF : struct
{
    static abstract TF Create(float value);
    static abstract TF Add(TF left, TF right);
    static abstract TF Subtract(TF left, TF right);
    static abstract TF Multiply(TF left, TF right);
    static abstract TF Divide(TF left, TF right);

    /// <summary><c>a * b + c</c>, fused where the hardware has FMA.</summary>
    static abstract TF MultiplyAdd(TF a, TF b, TF c);

    static abstract TF And(TF left, TF right);
    static abstract TF Or(TF left, TF right);
    static abstract TF Xor(TF left, TF right);
    /// <summary>
    /// <paramref name="whenTrue"/> where <paramref name="mask"/> is set, else <paramref name="whenFalse"/>. The mask must be a
    /// comparison result (each lane all ones or all zeros): the 128- and 256-bit widths read only each lane's sign bit
    /// (one blend instruction instead of and, and-not, or).
    /// </summary>
    static abstract TF ConditionalSelect(TF mask, TF whenTrue, TF whenFalse);
    static abstract TF LessThan(TF left, TF right);
    static abstract TF GreaterThanOrEqual(TF left, TF right);
    static abstract TF EqualTo(TF left, TF right);

    /// <summary>Whether every lane of <paramref name="mask"/> (a comparison result) is all ones.</summary>
    static abstract bool AllBitsSet(TF mask);

    /// <summary>All-ones lanes where <paramref name="value"/> is not NaN.</summary>
    static abstract TF IsNotNaN(TF value);

    /// <summary>Reinterprets the lanes as 32-bit integers and shifts them left by 23 (into the exponent field).</summary>
    static abstract TF ShiftIntoExponent(TF value);

    /// <summary>An approximation of <c>1 / value</c> with relative error at most 2^-11 (or the exact quotient).</summary>
    static abstract TF ReciprocalEstimate(TF value);

    /// <summary>
    /// Whether <see cref="ReciprocalEstimate"/> has relative error at most 2^-14 (AVX-512 <c>vrcp14ps</c>), enough for
    /// one correction step to give a quotient to 2^-28; else it may be as coarse as 2^-11 (a JIT-time constant).
    /// </summary>
    static abstract bool HasPreciseReciprocalEstimate { get; }

    /// <summary>Whether <see cref="Scale"/> is one instruction (AVX-512 <c>vscalefps</c>), a JIT-time constant.</summary>
    static abstract bool HasScale { get; }

    /// <summary>
    /// <c>value · 2^n</c> for integral <paramref name="n"/>. With <see cref="HasScale"/>, for any n, rounded once, with
    /// gradual underflow to subnormals and 0; without it, only for n in [-126, 127] and a normal result.
    /// </summary>
    static abstract TF Scale(TF value, TF n);

    /// <summary>
    /// 2^(j/16) rounded to float (<see cref="Exp2Sixteenths"/>) for j the low 4 bits of each lane of <paramref name="k"/>'s
    /// bits; only where <see cref="HasScale"/> (AVX-512), which the kernels test first.
    /// </summary>
    static abstract TF Exp2Sixteenth(TF k);

    /// <summary>What <see cref="Exp2Sixteenth"/>'s rounding lost, relative: 2^(j/16) / T_j − 1; only where <see cref="HasScale"/>.</summary>
    static abstract TF Exp2SixteenthCorrection(TF k);

    /// <summary>Whether <see cref="FusedMultiplySubtractFrom"/> is a true fused operation (a JIT-time constant).</summary>
    static abstract bool HasFusedMultiplyAdd { get; }

    /// <summary><c>c - a * b</c> with one rounding when <see cref="HasFusedMultiplyAdd"/>, else with two.</summary>
    static abstract TF FusedMultiplySubtractFrom(TF a, TF b, TF c);

    /// <summary><c>max(value, floor)</c> for a number <paramref name="floor"/>; lanes where value is NaN stay NaN.</summary>
    static abstract TF ClampBelow(TF value, TF floor);

    /// <summary><c>min(value, ceiling)</c> for a number <paramref name="ceiling"/>; lanes where value is NaN stay NaN.</summary>
    static abstract TF ClampAbove(TF value, TF ceiling);

    /// <summary>
    /// Whether <see cref="NegatedMagnitudeAtMost"/>, <see cref="FractionAboveFloor"/> and <see cref="WhereNegativeElseOne"/>
    /// are one instruction each (AVX-512DQ <c>vrangeps</c> and <c>vreduceps</c>, AVX-512 <c>vfixupimmps</c>), a JIT-time
    /// constant.
    /// </summary>
    static abstract bool HasRangeReduceFixup { get; }

    /// <summary>
    /// value − floor(value), in [0, 1] (1 only by rounding, for a tiny negative value); where <see cref="HasRangeReduceFixup"/>
    /// (<c>vreduceps</c>) ±∞ give 0, elsewhere NaN; NaN gives NaN.
    /// </summary>
    static abstract TF FractionAboveFloor(TF value);

    /// <summary>
    /// −min(|value|, limit) for a positive number <paramref name="limit"/>. A NaN lane gives −limit where
    /// <see cref="HasRangeReduceFixup"/> (<c>vrangeps</c> returns the other operand), elsewhere what the vector Min gives
    /// (NaN on .NET 9 and later): callers restore NaN with <see cref="WhereNegativeElseOne"/>.
    /// </summary>
    static abstract TF NegatedMagnitudeAtMost(TF value, TF limit);

    /// <summary>
    /// <paramref name="whenNegative"/> in the lanes where x &lt; 0 (−∞ included), 1 where x ≥ 0 (−0 included), and x itself
    /// where x is NaN.
    /// </summary>
    static abstract TF WhereNegativeElseOne(TF x, TF whenNegative);

    /// <summary>The biased exponent field (bits 23–30) of each lane, as a float: 127 for 1.0, 0 for 0 and subnormals.</summary>
    static abstract TF ExponentField(TF value);

    /// <summary>Each lane's mantissa with the exponent of 1.0, i.e. in [1, 2) (the sign is dropped).</summary>
    static abstract TF MantissaInOneTwo(TF value);
}

/// <summary>Element-wise operations on one SIMD vector type of <see cref="double"/> lanes; see <see cref="ISimdSingle{TF}"/>.</summary>
/// <typeparam name="TD">The vector type, e.g. <c>Vector256&lt;double&gt;</c>.</typeparam>
internal interface ISimdDouble<TD>
    where TD : struct
{
    static abstract TD Create(double value);
    static abstract TD Add(TD left, TD right);
    static abstract TD Subtract(TD left, TD right);
    static abstract TD Multiply(TD left, TD right);
    static abstract TD Divide(TD left, TD right);

    /// <summary><c>a * b + c</c>, fused where the hardware has FMA.</summary>
    static abstract TD MultiplyAdd(TD a, TD b, TD c);

    static abstract TD And(TD left, TD right);
    static abstract TD Or(TD left, TD right);
    /// <summary><paramref name="whenTrue"/> where the comparison result <paramref name="mask"/> is set; see <see cref="ISimdSingle{TF}.ConditionalSelect"/>.</summary>
    static abstract TD ConditionalSelect(TD mask, TD whenTrue, TD whenFalse);
    static abstract TD LessThan(TD left, TD right);
    static abstract TD GreaterThanOrEqual(TD left, TD right);

    /// <summary>All-ones lanes where <paramref name="value"/> is not NaN.</summary>
    static abstract TD IsNotNaN(TD value);

    /// <summary>Reinterprets the lanes as 64-bit integers and shifts them left by 52 (into the exponent field).</summary>
    static abstract TD ShiftIntoExponent(TD value);

    /// <summary>Whether <see cref="FusedMultiplySubtractFrom"/> is a true fused operation (a JIT-time constant).</summary>
    static abstract bool HasFusedMultiplyAdd { get; }

    /// <summary><c>c - a * b</c> with one rounding when <see cref="HasFusedMultiplyAdd"/>, else with two.</summary>
    static abstract TD FusedMultiplySubtractFrom(TD a, TD b, TD c);
}

/// <summary>Conversions between a float vector and the two double vectors of the same width holding its lanes.</summary>
internal interface ISimdWiden<TF, TD>
    where TF : struct
    where TD : struct
{
    static abstract TD WidenLower(TF value);
    static abstract TD WidenUpper(TF value);
}
