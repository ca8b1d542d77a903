using System.Runtime.CompilerServices;

namespace SigmoidGen.Internal;

/// <summary>
/// The sigmoid kernels, written once over the width structs (<see cref="Simd128"/>, <see cref="Simd256"/>,
/// <see cref="Simd512"/>). All follow the same plan: z = -|x|, e = e^z (so e^z never overflows), f = e / (1 + e), and the
/// result is f for x &lt; 0 and 1 - f (or 1 / (1 + e)) otherwise.
/// <para>
/// e^z: n = round(z·log2 e) by the magic-bias trick (adding 1.5·2^mantissaBits + exponentBias leaves n + bias in the low
/// bits), t = z - n·ln 2, e = 2^n·(1 + p(t)) with a polynomial p fitted on |t| &lt;= ln2/2. 2^n is applied by
/// <c>vscalefps</c> where AVX-512 has it (exact, with gradual underflow), else by shifting n + bias into the exponent
/// field, z being clamped beforehand so that the shifted bits are a normal power of two. The float kernels compute
/// F = σ·2^-n in [0.35, 1.42] and apply 2^n only in their last FMAs, so that only a subnormal σ (x &lt; -87.3) makes a
/// subnormal product: on x86 a subnormal result costs tens of cycles.
/// NaN propagates through every operation (the clamps keep NaN lanes NaN).
/// </para>
/// <para>
/// On AVX-512 the float kernels take shorter forms. Exact rounds n to sixteenths and reads 2^(j/16) from a 16-entry table
/// (<see cref="Exp2Sixteenths"/>), so that its polynomial is of degree 3 on |t| &lt;= ln2/32, and divides e^z or 1 (picked
/// by x's sign) by 1 + e^z, with no scaling by 2^-n and no final 1 − f. Fast computes 1 / (1 + e^-x) straight.
/// </para>
/// </summary>
internal static class SigmoidKernels
{
    // ------------------------------------------------------------------------------------------------------------------
    // Exact float, in float, without a division where the hardware has a 14-bit reciprocal estimate (AVX-512).
    // f = e^z / (1 + e^z) for z = -|x| <= 0 is computed scaled by 2^-n, so that nothing on the way is subnormal:
    // e^z = 2^n·(1 + p) with n = round(z·log2 e), t = z − n·ln 2 (ln 2 split in two: exact), p = e^t − 1 a degree-6
    // polynomial (relative error 1e-8); then F = (1 + p) / (1 + e^z) in [0.35, 1.42] and f = F·2^n. σ is f for x < 0 and
    // 1 − f otherwise (f <= 1/2, so 1 − f adds half an ULP at most).
    // F: P1 = 1 + p rounded and pl what that lost (exact), d = 1 + e^z rounded and dl what that lost (exact, Sterbenz),
    // r ≈ 1/d, q0 = P1·r, and one correction step with the exact remainder (FMA): F = q0 + (P1 − q0·d + pl − q0·dl)·r.
    // With a 14-bit r that leaves 2^-28 of F, so F carries only its final rounding and the polynomial's error; with a
    // coarser estimate (SSE/AVX rcpps, 12 bits) q0 is a true division instead. With the 14-bit r and FMA (AVX-512), pl is
    // left out (F then also carries P1's rounding): 1.52 ULP at worst over every float instead of 1.08, for three fewer
    // operations per vector. 2^n is one vscalefps of 1 on AVX-512 (exact, with gradual underflow, below 2^-149 it gives
    // 0); elsewhere a shift into the exponent field, with z clamped at ln 2^-126 and the lanes below masked to 0. It is
    // applied by FMAs beside the chain: d = 1 + P1·2^n and σ = s0 + F·(±2^n). NaN propagates through every operation.
    // ------------------------------------------------------------------------------------------------------------------

    // ln 2 split: Ln2HiF has 16 significant bits, so n·Ln2HiF and z − n·Ln2HiF are exact for |n| <= 255.
    private const float Ln2HiF = 0.693145751953125f;
    private const float Ln2LoF = 1.428606765330187e-06f;

    // With vscalefps: z is clamped here (e^-110 is below half the smallest subnormal, so f rounds to 0), only to keep
    // t finite for z = -inf.
    private const float ScaleFloor = -110f;

    // e^t ≈ 1 + t + t²·q(t) on |t| <= ln2/2, q of degree 4: relative error 1.0e-8.
    private const float F0 = 0.5f;
    private const float F1 = 0.1666657698969877568279441f;
    private const float F2 = 0.04166655461720457420252358f;
    private const float F3 = 0.008363179052722577370403314f;
    private const float F4 = 0.001392618358771349454196114f;

    // ------------------------------------------------------------------------------------------------------------------
    // Exact float on AVX-512, with a table: n = round(z·log2 e) to sixteenths (the magic-bias trick with an ulp of 1/16),
    // n = m + j/16, t = z − n·ln 2 (|t| <= ln 2 / 32), e^z = 2^m · 2^(j/16) · e^t. 2^(j/16) is one permutation of a
    // 16-float table (Exp2Sixteenths: T_j, and C_j, what the rounding of T_j lost, added to t beside the chain), so e^t
    // needs a degree-3 polynomial (relative error 1.6e-9) instead of degree 6. P1 = T_j·(1 + p) by one FMA, rounded, and
    // e = e^z = P1·2^m by vscalefps (exact unless subnormal; e <= 1). d = 1 + e and what its rounding lost are three adds
    // (d − 1 is exact, d being in [1, 2]). Then σ = N / d with N = e for x < 0 and 1 otherwise, picked by one
    // vfixupimmps on x's class (NaN lanes give x itself, so NaN propagates although vrangeps, which makes z = −min(|x|,
    // 110) in one instruction, does not): the 14-bit estimate r ≈ 1/d, q0 = N·r, and one correction step with the
    // remainder N − q0·d (FMA) and d's lost part. σ for x ≥ 0 is 1/(1 + e) itself rather than 1 − e/(1 + e), so no
    // final flip; no 2^m is applied after the division, so for x < −87.3 (σ below 2^-126) the numerator and σ are
    // subnormal and carry fewer bits (and cost twice the time there: subnormal operands are slow). 22 operations a vector
    // against 28 for the same table with the division scaled by 2^-m and a flip (docs/benchmarks.md, "The sigmoid in
    // fewer operations").
    // ------------------------------------------------------------------------------------------------------------------

    // 1.5·2^19: a float of this size has an ulp of 1/16, so z·log2 e + this rounds to sixteenths; its low 4 bits are j.
    private const float MagicSixteenths = 786432f;

    // e^t − 1 ≈ t + t²·(E2 + E3·t) on |t| <= ln2/32: relative error 1.6e-9 (E2 = 1/2 + δ balances the t⁴/24 term).
    private const float E2 = 0.5000162124633789f;
    private const float E3 = 0.1666666716337204f;

    /// <summary>
    /// Whether the float kernels take their AVX-512 forms (<see cref="ExactSingle{TOps, TF}"/>'s table,
    /// <see cref="FastSingleDirect{TOps, TF}"/>): vscalefps, the 14-bit reciprocal estimate, FMA, and vrangeps, vreduceps and
    /// vfixupimmps (a JIT-time constant).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasShortForms<TOps, TF>()
        where TOps : ISimdSingle<TF>
        where TF : struct =>
        TOps.HasScale && TOps.HasPreciseReciprocalEstimate && TOps.HasFusedMultiplyAdd && TOps.HasRangeReduceFixup;

    /// <summary>σ of the float lanes, to within 2 ULP; NaN lanes give NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF ExactSingle<TOps, TF>(TF x)
        where TOps : ISimdSingle<TF>
        where TF : struct
    {
        if (!HasShortForms<TOps, TF>())
        {
            return ExactSinglePolynomial<TOps, TF>(x);
        }

        // AVX-512: the table, each constant made once. The span sweep runs it four vectors at a time through Simd512Quad:
        // through SimdQuad the JIT stopped inlining it partway.
        TF magic = TOps.Create(MagicSixteenths);
        TF z = TOps.NegatedMagnitudeAtMost(x, TOps.Create(-ScaleFloor));   // −min(|x|, 110); NaN gives −110 here
        TF k = TOps.MultiplyAdd(z, TOps.Create(Log2EF), magic);
        TF n = TOps.Subtract(k, magic);                             // m + j/16
        TF t = TOps.MultiplyAdd(n, TOps.Create(-Ln2HiF), z);        // exact: n has 4 fractional bits, Ln2HiF 16 bits
        t = TOps.MultiplyAdd(n, TOps.Create(-Ln2LoF), t);

        // e^t·(1 + C_j) − 1 = t + C_j + t²·(E2 + E3·t).
        TF table = TOps.Exp2Sixteenth(k);
        TF q = TOps.MultiplyAdd(TOps.Create(E3), t, TOps.Create(E2));
        TF p = TOps.MultiplyAdd(TOps.Multiply(t, t), q, TOps.Add(t, TOps.Exp2SixteenthCorrection(k)));
        TF p1 = TOps.MultiplyAdd(table, p, table);                 // 2^(j/16)·e^t, in [0.97, 1.96]

        TF one = TOps.Create(1.0f);
        TF e = TOps.Scale(p1, n);                                   // e^z = P1·2^m, in [0, 1]: vscalefps floors n
        TF d = TOps.Add(e, one);                                    // 1 + e
        TF negDl = TOps.Subtract(TOps.Subtract(d, one), e);         // −(1 + e − d), exact
        TF r = TOps.ReciprocalEstimate(d);
        TF numerator = TOps.WhereNegativeElseOne(x, e);             // σ = e/(1 + e) for x < 0, else 1/(1 + e); NaN: x
        TF q0 = TOps.Multiply(numerator, r);
        TF remainder = TOps.FusedMultiplySubtractFrom(q0, d, numerator);
        return TOps.MultiplyAdd(TOps.MultiplyAdd(q0, negDl, remainder), r, q0); // N / (1 + e)
    }

    /// <summary>
    /// <see cref="ExactSingle{TOps, TF}"/> without AVX-512: a degree-6 polynomial on |t| &lt;= ln 2 / 2, 2^n by a shift into
    /// the exponent field. Its branches for <c>vscalefps</c> and the 14-bit estimate (the comment above) served AVX-512
    /// before the table; they are reached now only where AVX-512 is on but FMA is not (<c>DOTNET_EnableFMA=0</c>) or
    /// AVX-512DQ is missing: the table's conditions want all four.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF ExactSinglePolynomial<TOps, TF>(TF x)
        where TOps : ISimdSingle<TF>
        where TF : struct
    {
        TF zRaw = TOps.Or(x, TOps.Create(-0.0f));                   // -|x|
        TF z = TOps.ClampBelow(zRaw, TOps.Create(TOps.HasScale ? ScaleFloor : SingleFlush));
        TF k = TOps.MultiplyAdd(z, TOps.Create(Log2EF), TOps.Create(MagicSingle));
        TF n = TOps.Subtract(k, TOps.Create(MagicSingle));
        TF t = TOps.MultiplyAdd(n, TOps.Create(-Ln2HiF), z);        // exact
        t = TOps.MultiplyAdd(n, TOps.Create(-Ln2LoF), t);

        // e^t − 1 = t + t²·q(t), q by Estrin's scheme (two independent pairs, then t²) to keep the dependency chain short.
        TF t2 = TOps.Multiply(t, t);
        TF qLow = TOps.MultiplyAdd(TOps.Create(F1), t, TOps.Create(F0));
        TF qHigh = TOps.MultiplyAdd(TOps.MultiplyAdd(TOps.Create(F4), t2, TOps.MultiplyAdd(TOps.Create(F3), t, TOps.Create(F2))), t2, qLow);
        TF p = TOps.MultiplyAdd(t2, qHigh, t);

        TF one = TOps.Create(1.0f);
        TF p1 = TOps.Add(one, p);                                   // 1 + p, in [0.7, 1.42]

        // pl = 1 + p − p1, exact (p1 − 1 exact: Sterbenz). Left out where the quotient comes from the 14-bit estimate with
        // an exact remainder (AVX-512 with FMA; every width takes this branch on such a CPU): the exhaustive test measures
        // 1.52 ULP at worst without it (1.08 with it), within the 2-ULP contract, and the correction below becomes one FMA:
        // three of the ~31 issue slots of a vector.
        TF pl = TOps.HasPreciseReciprocalEstimate && TOps.HasFusedMultiplyAdd
            ? TOps.Create(0.0f)
            : TOps.Subtract(p, TOps.Subtract(p1, one));
        // 2^n is applied by FMAs rather than after them, to shorten the chain of dependent steps (about 65 cycles instead of
        // 72 on Zen 5, where σ over a tile's outputs is bound by that chain, not by the pipes): s = 2^n is made beside the
        // polynomial, d = 1 + P1·s is one FMA instead of a scale and an add, and σ = s0 + P1/d·(±2^n) one FMA instead of a
        // scale, a subtraction and a blend. Products by 2^n are exact (or, below 2^-126, rounded once as vscalefps
        // rounds), so the bits are those of the scaled form, except where n = −150 (x in [−103.97, −103.62] with
        // vscalefps): 2^-150 is not a float, s is 0 and σ 0 where the scaled form rounded F·2^-150 up to 2^-149.
        TF s = TOps.HasScale ? TOps.Scale(one, n) : ScaleFactor<TOps, TF>(zRaw, k); // 2^n, or 0 below ln 2^-126 (no vscalefps)
        TF d = TOps.MultiplyAdd(p1, s, one);                        // 1 + e, e = P1·2^n exact
        TF negDl = TOps.FusedMultiplySubtractFrom(p1, s, TOps.Subtract(d, one)); // −(1 + e − d), exact

        // q0: with a 14-bit estimate r, p1·r (2^-14; the correction step below squares that); with a 12-bit one (rcpps),
        // a division (measured faster on Vector256 than refining r by a Newton step). The remainder p1 − q0·d is exact
        // with FMA; without it, it is left out, and q0, a correctly rounded quotient, is only corrected for pl and dl.
        TF r = TOps.ReciprocalEstimate(d);
        TF q0 = TOps.HasPreciseReciprocalEstimate ? TOps.Multiply(p1, r) : TOps.Divide(p1, d);
        TF remainder = TOps.HasFusedMultiplyAdd ? TOps.FusedMultiplySubtractFrom(q0, d, p1) : TOps.Create(0.0f);

        TF correction = TOps.HasPreciseReciprocalEstimate && TOps.HasFusedMultiplyAdd
            ? TOps.MultiplyAdd(q0, negDl, remainder)
            : TOps.Add(remainder, TOps.MultiplyAdd(q0, negDl, pl));
        TF quotient = TOps.MultiplyAdd(correction, r, q0);         // F = (1 + p) / (1 + e)

        // σ = f = F·2^n for x < 0, else 1 − f = 1 + F·(−2^n) (NaN lanes give NaN through F). By logic and a subtraction, which
        // Zen 5 runs beside the FMAs, rather than by FMA-pipe products (a sign ±1, s0 = 0.5 − 0.5·sign, sign·2^n: the same
        // values): flip = −0 where x's sign bit is clear, else +0; ±2^n = 2^n ^ flip; s0 = 0.5 − (0.5 ^ flip), 1 or 0.
        TF negativeZero = TOps.Create(-0.0f);
        TF flip = TOps.Xor(TOps.And(x, negativeZero), negativeZero);
        TF half = TOps.Create(0.5f);
        TF s0 = TOps.Subtract(half, TOps.Xor(half, flip));
        return TOps.MultiplyAdd(quotient, TOps.Xor(s, flip), s0);
    }

    /// <summary>
    /// 2^n from k = z·log2 e + magic (z clamped at ln 2^-126, so the shifted bits are a normal power of two), and 0 where
    /// <paramref name="zRaw"/> is below ln 2^-126 or NaN (-inf included; a NaN lane's polynomial is NaN, and NaN·0 is NaN).
    /// Masking the factor rather than the product keeps every product normal: a subnormal result costs x86 cores tens of
    /// cycles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF ScaleFactor<TOps, TF>(TF zRaw, TF k)
        where TOps : ISimdSingle<TF>
        where TF : struct =>
        TOps.And(TOps.ShiftIntoExponent(k), TOps.GreaterThanOrEqual(zRaw, TOps.Create(SingleFlush)));

    // ------------------------------------------------------------------------------------------------------------------
    // Exact double: e^z = eh + el to well below 1 ULP (Cody-Waite reduction with a compensated low part, degree-12
    // polynomial, exact rounding error of the last addition), then σ = (x < 0 ? e : 1) / (1 + e) by one division and one
    // correction step with an exact remainder (FMA, or Dekker's product without FMA): about 0.5 ULP from the true value,
    // so at most ~2.5 ULP from the reference 1/(1+Math.Exp(-x)). Results below 2^-1022 are flushed to 0.
    // ------------------------------------------------------------------------------------------------------------------

    private const double Log2E = 1.4426950408889634;
    private const double Ln2 = 0.6931471805599453;

    // 1.5·2^52 + 1023: after k = z·log2e + magic, the low bits of k hold n + 1023, and k - magic = n.
    private const double MagicDouble = 6755399441056767.0;

    // ln 2 split: Ln2Hi has 32 significant bits, so n·Ln2Hi and z - n·Ln2Hi are exact for |n| <= 2^21.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;

    // e^t ≈ 1 + t + t²·q(t) on |t| <= ln2/2, q of degree 10: relative error 2.3e-19.
    private const double D0 = 0.5;
    private const double D1 = 0.1666666666666667099065559;
    private const double D2 = 0.04166666666666666975462293;
    private const double D3 = 0.008333333333326135125781599;
    private const double D4 = 0.001388888888888374830460672;
    private const double D5 = 0.0001984126987482062527123548;
    private const double D6 = 0.00002480158732554774121628613;
    private const double D7 = 0.00000275572554002064244296801;
    private const double D8 = 0.0000002755727364311029532782169;
    private const double D9 = 2.510521700472074516432927e-8;
    private const double D10 = 2.091468696808687723257074e-9;

    // ln(2^-1022): below it e^z is not a normal double; those lanes (and -inf, NaN) are masked to e = 0.
    private const double DoubleFlush = -708.3964185322641;

    /// <summary>σ of the double lanes; NaN lanes returned unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD ExactDouble<TOps, TD>(TD x)
        where TOps : ISimdDouble<TD>
        where TD : struct
    {
        TD z = TOps.Or(x, TOps.Create(-0.0));                       // -|x|
        TD inRange = TOps.GreaterThanOrEqual(z, TOps.Create(DoubleFlush));
        TD k = TOps.MultiplyAdd(z, TOps.Create(Log2E), TOps.Create(MagicDouble));
        TD s = TOps.ShiftIntoExponent(k);                          // 2^n, n in [-1022, 0] for in-range lanes
        TD n = TOps.Subtract(k, TOps.Create(MagicDouble));

        TD hi = TOps.Subtract(z, TOps.Multiply(n, TOps.Create(Ln2Hi)));   // exact
        TD lo = TOps.Multiply(n, TOps.Create(Ln2Lo));
        TD t = TOps.Subtract(hi, lo);
        TD tLost = TOps.Subtract(TOps.Subtract(hi, t), lo);                // what rounding t lost (Fast2Sum)

        TD q = TOps.MultiplyAdd(TOps.Create(D10), t, TOps.Create(D9));
        q = TOps.MultiplyAdd(q, t, TOps.Create(D8));
        q = TOps.MultiplyAdd(q, t, TOps.Create(D7));
        q = TOps.MultiplyAdd(q, t, TOps.Create(D6));
        q = TOps.MultiplyAdd(q, t, TOps.Create(D5));
        q = TOps.MultiplyAdd(q, t, TOps.Create(D4));
        q = TOps.MultiplyAdd(q, t, TOps.Create(D3));
        q = TOps.MultiplyAdd(q, t, TOps.Create(D2));
        q = TOps.MultiplyAdd(q, t, TOps.Create(D1));
        q = TOps.MultiplyAdd(q, t, TOps.Create(D0));
        TD p = TOps.Add(t, TOps.MultiplyAdd(TOps.Multiply(t, t), q, tLost)); // e^(hi - lo) - 1

        // e = eh + el exactly: s·p is exact (s is a power of two), so Fast2Sum gives the rounding error of s + s·p.
        TD sp = TOps.Multiply(s, p);
        TD eh = TOps.Add(s, sp);
        TD el = TOps.Add(TOps.Subtract(s, eh), sp);
        eh = TOps.And(eh, inRange);
        el = TOps.And(el, inRange);

        // d + dl = 1 + eh + el, with -dl computed exactly up to el's tiny rounding (d - 1 is exact: Sterbenz).
        TD one = TOps.Create(1.0);
        TD d = TOps.Add(one, eh);
        TD negDl = TOps.Subtract(TOps.Subtract(TOps.Subtract(d, one), eh), el);

        // σ = (num + numLo) / (d + dl): q0 = num / d, then one correction step using the exact remainder num - q0·d,
        // so the 0.5-ULP errors of e, 1 + e and the division do not add up (result about 0.5 ULP from the true value).
        TD negative = TOps.LessThan(x, TOps.Create(0.0));
        TD num = TOps.ConditionalSelect(negative, eh, one);
        TD numLo = TOps.And(el, negative);
        TD r = TOps.Divide(one, d);
        TD q0 = TOps.Multiply(num, r);
        TD remainder = ExactRemainder<TOps, TD>(num, q0, d);
        TD correction = TOps.MultiplyAdd(q0, negDl, TOps.Add(remainder, numLo));
        TD result = TOps.MultiplyAdd(correction, r, q0);
        return TOps.ConditionalSelect(TOps.IsNotNaN(x), result, x);
    }

    /// <summary>
    /// <c>a - q·d</c> exactly, for q ≈ a / d with |q|, |d| &lt;= 2: one fused multiply-add where the hardware has one,
    /// else Dekker's exact product (split into 26-bit halves).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD ExactRemainder<TOps, TD>(TD a, TD q, TD d)
        where TOps : ISimdDouble<TD>
        where TD : struct
    {
        if (TOps.HasFusedMultiplyAdd)
        {
            return TOps.FusedMultiplySubtractFrom(q, d, a);
        }

        TD product = TOps.Multiply(q, d);
        TD splitter = TOps.Create(134217729.0); // 2^27 + 1
        TD cq = TOps.Multiply(q, splitter);
        TD qHi = TOps.Subtract(cq, TOps.Subtract(cq, q));
        TD qLo = TOps.Subtract(q, qHi);
        TD cd = TOps.Multiply(d, splitter);
        TD dHi = TOps.Subtract(cd, TOps.Subtract(cd, d));
        TD dLo = TOps.Subtract(d, dHi);
        TD error = TOps.Add(
            TOps.Add(TOps.Add(TOps.Subtract(TOps.Multiply(qHi, dHi), product), TOps.Multiply(qHi, dLo)), TOps.Multiply(qLo, dHi)),
            TOps.Multiply(qLo, dLo));                                  // q·d - product, exactly
        return TOps.Subtract(TOps.Subtract(a, product), error);
    }

    // ------------------------------------------------------------------------------------------------------------------
    // Fast: degree-4 polynomial (σ error from it <= 8.5e-7), r ≈ 1 / (1 + e) by a reciprocal estimate and one Newton
    // step, f = e·r, σ = x < 0 ? f : r (or 1 - f where the estimate is not exact for 1: σ(+large) stays exactly 1), every
    // result in [0, 1]. 2^n as in ExactSingle: vscalefps of 1 on AVX-512, else a shift with a masked factor, applied by
    // FMAs and products beside the chain.
    // ------------------------------------------------------------------------------------------------------------------

    // e^t ≈ P0 + P1·t + ... + P4·t^4 on |t| <= ln2/2 (minimax-like; relative error 3.5e-6).
    private const double P0 = 1.0;
    private const double P1 = 0.9999622795393936274643933;
    private const double P2 = 0.499993718871064389683003;
    private const double P3 = 0.1679216818485238944892214;
    private const double P4 = 0.04187568633968517819136041;

    private const float Log2EF = 1.44269504f;
    private const float Ln2F = 0.693147182f;

    // 1.5·2^23 + 127: after k = z·log2e + magic, the low bits of k hold n + 127.
    private const float MagicSingle = 12583039f;

    // ln(2^-126): below it e^z is not a normal float; masked to e = 0 where 2^n is built by a shift.
    private const float SingleFlush = -87.33654475f;

    /// <summary>Fast σ of the float lanes (absolute error &lt; 1e-6); NaN lanes give NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF FastSingle<TOps, TF>(TF x)
        where TOps : ISimdSingle<TF>
        where TF : struct
    {
        if (HasShortForms<TOps, TF>())
        {
            return FastSingleDirect<TOps, TF>(x);
        }

        // Without AVX-512, with FMA switched off, or without AVX-512DQ:

        TF zRaw = TOps.Or(x, TOps.Create(-0.0f));                   // -|x|
        TF z = TOps.ClampBelow(zRaw, TOps.Create(TOps.HasScale ? ScaleFloor : SingleFlush));
        TF k = TOps.MultiplyAdd(z, TOps.Create(Log2EF), TOps.Create(MagicSingle));
        TF n = TOps.Subtract(k, TOps.Create(MagicSingle));
        TF t = TOps.MultiplyAdd(n, TOps.Create(-Ln2F), z);

        // Horner, not Estrin: Estrin's extra t² measured 8 % slower here, where the Fast kernel is throughput-bound.
        TF p = TOps.MultiplyAdd(TOps.Create((float)P4), t, TOps.Create((float)P3));
        p = TOps.MultiplyAdd(p, t, TOps.Create((float)P2));
        p = TOps.MultiplyAdd(p, t, TOps.Create((float)P1));
        p = TOps.MultiplyAdd(p, t, TOps.Create((float)P0));
        // 2^n applied by FMAs, beside the chain rather than on it (as in ExactSingle): s = 2^n, d = 1 + p·s one FMA, and
        // with the 14-bit estimate σ = r·g, g = p·s for x < 0 and 1 otherwise (made while the reciprocal runs). Products
        // by 2^n are exact (below 2^-126 rounded once, as vscalefps rounds).
        TF s = TOps.HasScale ? TOps.Scale(TOps.Create(1.0f), n) : ScaleFactor<TOps, TF>(zRaw, k); // 2^n (0 below ln 2^-126 without vscalefps)

        // r ≈ 1 / (1 + e) by a reciprocal estimate and one Newton step, r1 = r0 + r0·(1 − d·r0); f = e·r, with e = p·2^n
        // (x < -87.3 gives subnormal products). σ = f for x < 0; otherwise r where the estimate is rcp14 (exact for d = 1,
        // so σ(+large) = 1), else 1 − f (rcpps(1) is 1 − 2^-12, and its Newton step 1 − 2^-24).
        TF one = TOps.Create(1.0f);
        TF d = TOps.MultiplyAdd(p, s, one);                         // 1 + e, e^z in [0, 1]
        TF r = TOps.ReciprocalEstimate(d);
        r = TOps.MultiplyAdd(r, TOps.FusedMultiplySubtractFrom(d, r, one), r);
        TF negative = TOps.LessThan(x, TOps.Create(0.0f));
        if (TOps.HasPreciseReciprocalEstimate)
        {
            return TOps.Multiply(r, TOps.ConditionalSelect(negative, TOps.Multiply(p, s), one));
        }

        TF f = TOps.Multiply(TOps.Multiply(p, r), s);
        return TOps.ConditionalSelect(negative, f, TOps.Subtract(one, f));
    }

    // 2^f ≈ 1 + f·(G1 + f·(G2 + f·(G3 + f·G4))) on [0, 1], fitted for relative error (2.9e-6, Lawson's iteration) with
    // the constant term 1 exactly, so that σ(0) = 1/2 exactly (docs/scripts/fit_fast_exp2.py).
    private const float G1 = 0.6930449604988098f;
    private const float G2 = 0.2412794977426529f;
    private const float G3 = 0.05224398523569107f;
    private const float G4 = 0.013425742276012897f;

    /// <summary>
    /// <see cref="FastSingle{TOps, TF}"/> on AVX-512: σ = 1 / (1 + e^-x) straight, since only the absolute error counts.
    /// v = −x·log2 e (one rounding: relative error 2^-24·|v| in e^-x, far below the polynomial's where σ(1 − σ) is not
    /// tiny), f = v − floor(v) by one vreduceps, e^-x = 2^f·2^floor(v) with a degree-4 polynomial for 2^f on [0, 1] and
    /// vscalefps (which floors v itself), then the 14-bit reciprocal of d = 1 + e^-x and one Newton step: 12 operations
    /// a vector against 18, no clamp, no −|x|, no select between f and 1 − f. vreduceps gives 0 for ±∞ and vscalefps 0 or
    /// +∞ for v = ∓∞ or huge, so every x is in range. Below x ≈ −88.7, e^-x is +∞ and r = 0; d is clamped to the largest
    /// float inside the Newton step so that 0·∞ does not make NaN: σ = 0 there, and between −88.7 and −87.3 σ is
    /// subnormal. NaN propagates through every step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF FastSingleDirect<TOps, TF>(TF x)
        where TOps : ISimdSingle<TF>
        where TF : struct
    {
        TF v = TOps.Multiply(x, TOps.Create(-Log2EF));
        TF f = TOps.FractionAboveFloor(v);
        TF p = TOps.MultiplyAdd(TOps.Create(G4), f, TOps.Create(G3));
        p = TOps.MultiplyAdd(p, f, TOps.Create(G2));
        p = TOps.MultiplyAdd(p, f, TOps.Create(G1));
        TF one = TOps.Create(1.0f);
        p = TOps.MultiplyAdd(p, f, one);                            // 2^f

        TF d = TOps.Add(TOps.Scale(p, v), one);                     // 1 + e^-x
        TF r = TOps.ReciprocalEstimate(d);
        TF dFinite = TOps.ClampAbove(d, TOps.Create(float.MaxValue));
        return TOps.MultiplyAdd(r, TOps.FusedMultiplySubtractFrom(dFinite, r, one), r);
    }

    /// <summary>Fast σ of the double lanes (absolute error &lt; 1e-6); NaN lanes returned unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD FastDouble<TOps, TD>(TD x)
        where TOps : ISimdDouble<TD>
        where TD : struct
    {
        TD z = TOps.Or(x, TOps.Create(-0.0));                       // -|x|
        TD inRange = TOps.GreaterThanOrEqual(z, TOps.Create(DoubleFlush));
        TD k = TOps.MultiplyAdd(z, TOps.Create(Log2E), TOps.Create(MagicDouble));
        TD s = TOps.ShiftIntoExponent(k);                          // 2^n
        TD n = TOps.Subtract(k, TOps.Create(MagicDouble));
        TD t = TOps.MultiplyAdd(n, TOps.Create(-Ln2), z);

        TD p = TOps.MultiplyAdd(TOps.Create(P4), t, TOps.Create(P3));
        p = TOps.MultiplyAdd(p, t, TOps.Create(P2));
        p = TOps.MultiplyAdd(p, t, TOps.Create(P1));
        p = TOps.MultiplyAdd(p, t, TOps.Create(P0));
        TD e = TOps.And(TOps.Multiply(s, p), inRange);              // e^z, in [0, 1]

        TD one = TOps.Create(1.0);
        TD f = TOps.Divide(e, TOps.Add(one, e));                    // in [0, 0.5]
        TD result = TOps.ConditionalSelect(TOps.LessThan(x, TOps.Create(0.0)), f, TOps.Subtract(one, f));
        return TOps.ConditionalSelect(TOps.IsNotNaN(x), result, x);
    }
}
