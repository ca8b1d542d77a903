namespace SigmoidGen.Internal;

/// <summary>
/// The immediates of the three AVX-512 instructions behind <see cref="ISimdSingle{TF}.NegatedMagnitudeAtMost"/>,
/// <see cref="ISimdSingle{TF}.WhereNegativeElseOne"/> and <see cref="ISimdSingle{TF}.FractionAboveFloor"/>, with which the
/// Exact float sigmoid takes −|x| (clamped) and picks its numerator, and the Fast one reduces x·log2 e, in one
/// instruction each.
/// </summary>
internal static class Avx512Immediates
{
    /// <summary>
    /// <c>vreduceps</c> imm8 0x09: bits 7:4 = 0, no fraction bits kept; bit 3, the precision exception suppressed; bits
    /// 1:0 = 01, round down. So reduce(v) = v − floor(v); ±∞ give 0 and NaN gives NaN.
    /// </summary>
    public const byte FloorFraction = 0x09;

    /// <summary>
    /// <c>vrangeps</c> imm8 0b1110: bits 1:0 = 10, the operand of smaller magnitude; bits 3:2 = 11, its sign bit set. So
    /// range(x, limit) = −min(|x|, limit). A NaN operand is not propagated (the other one is returned).
    /// </summary>
    public const byte SmallerMagnitudeNegated = 0b1110;

    /// <summary>
    /// <c>vfixupimmps</c> table: one 4-bit token for each class of the second operand x, lowest class first:
    /// QNaN → 1 (x itself), SNaN → 2 (a quiet NaN), zero → A (+1), +1 → A, −∞ → 0 (the destination, i.e. the value given
    /// for negative lanes), +∞ → A, negative → 0, positive → A.
    /// </summary>
    public const int WhereNegativeElseOne = unchecked((int)0xA0A0AA21);
}
