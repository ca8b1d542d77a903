using System.Runtime.CompilerServices;

namespace SigmoidGen.Internal;

/// <summary>
/// The sigmoid kernels, written once over the width structs (<see cref="Simd128"/>, <see cref="Simd256"/>,
/// <see cref="Simd512"/>). All follow the same plan: z = -|x|, e = e^z (so e^z never overflows), f = e / (1 + e), and the
/// result is f for x &lt; 0 and 1 - f (or 1 / (1 + e)) otherwise.
/// <para>
/// e^z: n = round(z·log2 e) by the magic-bias trick (adding 1.5·2^mantissaBits + exponentBias leaves n + bias in the low
/// bits), s = 2^n by shifting those bits into the exponent field, t = z - n·ln 2, e = s + s·p(t) with a polynomial p fitted
/// on |t| &lt;= ln2/2. Lanes where 2^n would leave the normal range are either clamped beforehand or masked to 0 afterwards,
/// so intermediate garbage never reaches a result. NaN lanes are restored from the input at the end.
/// </para>
/// </summary>
internal static class SigmoidKernels
{
    // ------------------------------------------------------------------------------------------------------------------
    // Exact float, in float: e^z = s·(1 + p) with s = 2^n and a degree-6 polynomial (relative error 1e-8), ln 2 split in
    // two so that n·ln 2 loses nothing. e is kept as eh + el (s·p is exact, so the rounding of s + s·p is recovered
    // exactly), 1 + e as d + dl (Fast2Sum, 1 >= e), and σ = (num + numLo) / (d + dl) ≈ q0 + (numLo − q0·dl)/d with
    // q0 = num / d. Only the division's own rounding and the polynomial remain: 1.47 ULP at worst over every float with
    // FMA, 1.52 without. The dependency chain is kept short (Estrin's scheme, one fused s + s·p, 1/d for the correction
    // from a reciprocal estimate beside the division, blends instead of and/and-not/or): about 0.75–1.0 ns per value
    // on the Zen 3 test machine, against 1.0–1.3 ns for the previous float version and more for evaluating in double.
    // Results below 2^-126 (x < -87.34) are flushed to 0.
    // ------------------------------------------------------------------------------------------------------------------

    // ln 2 split: Ln2HiF has 16 significant bits, so n·Ln2HiF and z − n·Ln2HiF are exact for |n| <= 127.
    private const float Ln2HiF = 0.693145751953125f;
    private const float Ln2LoF = 1.428606765330187e-06f;

    // Below z = -40 (e^z < 4.3e-18) the roundings of e and 1 + e are left uncompensated (see ExactSingle).
    private const float CompensationFloor = -40f;

    // e^t ≈ 1 + t + t²·q(t) on |t| <= ln2/2, q of degree 4: relative error 1.0e-8.
    private const float F0 = 0.5f;
    private const float F1 = 0.1666657698969877568279441f;
    private const float F2 = 0.04166655461720457420252358f;
    private const float F3 = 0.008363179052722577370403314f;
    private const float F4 = 0.001392618358771349454196114f;

    /// <summary>σ of the float lanes, to within about 1.5 ULP; NaN lanes returned unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF ExactSingle<TOps, TF>(TF x)
        where TOps : ISimdSingle<TF>
        where TF : struct
    {
        TF z = TOps.Or(x, TOps.Create(-0.0f));                      // -|x|
        TF inRange = TOps.GreaterThanOrEqual(z, TOps.Create(SingleFlush));
        TF k = TOps.MultiplyAdd(z, TOps.Create(Log2EF), TOps.Create(MagicSingle));
        TF s = TOps.ShiftIntoExponent(k);                          // 2^n
        TF n = TOps.Subtract(k, TOps.Create(MagicSingle));
        TF t = TOps.MultiplyAdd(n, TOps.Create(-Ln2HiF), z);        // exact
        t = TOps.MultiplyAdd(n, TOps.Create(-Ln2LoF), t);

        // e^t − 1 = t + t²·q(t), q by Estrin's scheme (two independent pairs, then t²) to keep the dependency chain short.
        TF t2 = TOps.Multiply(t, t);
        TF qLow = TOps.MultiplyAdd(TOps.Create(F1), t, TOps.Create(F0));
        TF qHigh = TOps.MultiplyAdd(TOps.MultiplyAdd(TOps.Create(F4), t2, TOps.MultiplyAdd(TOps.Create(F3), t, TOps.Create(F2))), t2, qLow);
        TF p = TOps.MultiplyAdd(t2, qHigh, t);

        // e = s + s·p with one rounding (s·p is exact, s being a power of two), for every lane in range.
        TF eh = TOps.And(TOps.MultiplyAdd(s, p, s), inRange);

        // Where e^z >= e^-40, el is what that rounding lost: s − eh is exact (Sterbenz, eh/s in [0.7, 1.42]), and so is
        // s·p + (s − eh), the error of a sum being a float. Below, the compensation is far under half an ULP of the
        // result, and its terms (el ≈ e·2^-24, e·dl ≈ e²) would be subnormal numbers, which cost x86 cores about a
        // hundred cycles per operation: there s is masked to 0 before el is formed, and el and dl are 0.
        TF compensate = TOps.GreaterThanOrEqual(z, TOps.Create(CompensationFloor));
        TF sc = TOps.And(s, compensate);
        TF el = TOps.And(TOps.MultiplyAdd(sc, p, TOps.Subtract(sc, eh)), compensate); // 0·p is NaN where |z| is huge

        // d = 1 + eh rounded, and −dl = (d − 1) − eh − el what it lost, negated (d − 1 exact: Sterbenz; then Fast2Sum).
        TF one = TOps.Create(1.0f);
        TF d = TOps.Add(one, eh);
        TF negDl = TOps.And(TOps.Subtract(TOps.Subtract(TOps.Subtract(d, one), eh), el), compensate);

        // σ = (num + numLo) / (d + dl) ≈ q0 + (numLo − q0·dl) / d with q0 = num / d. The correction is about an ULP of
        // q0, so 1/d needs only a few bits: a reciprocal estimate, computed beside the division instead of after it.
        TF negative = TOps.LessThan(x, TOps.Create(0.0f));
        TF q0 = TOps.Divide(TOps.ConditionalSelect(negative, eh, one), d);
        TF correction = TOps.MultiplyAdd(q0, negDl, TOps.And(el, negative));
        TF result = TOps.MultiplyAdd(correction, TOps.ReciprocalEstimate(d), q0);
        return TOps.ConditionalSelect(TOps.IsNotNaN(x), result, x);
    }

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
    // Fast: degree-4 polynomial (σ error from it <= 8.5e-7), f = e / (1 + e), σ = x < 0 ? f : 1 - f. The 1 - f form makes
    // σ(+large) exactly 1 even with an approximate reciprocal, and keeps every result in [0, 1].
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

    // ln(2^-126): below it e^z is not a normal float; masked to e = 0.
    private const float SingleFlush = -87.33654475f;

    /// <summary>Fast σ of the float lanes (absolute error &lt; 1e-6); NaN lanes returned unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF FastSingle<TOps, TF>(TF x)
        where TOps : ISimdSingle<TF>
        where TF : struct
    {
        TF z = TOps.Or(x, TOps.Create(-0.0f));                      // -|x|
        TF inRange = TOps.GreaterThanOrEqual(z, TOps.Create(SingleFlush));
        TF k = TOps.MultiplyAdd(z, TOps.Create(Log2EF), TOps.Create(MagicSingle));
        TF s = TOps.ShiftIntoExponent(k);                          // 2^n
        TF n = TOps.Subtract(k, TOps.Create(MagicSingle));
        TF t = TOps.MultiplyAdd(n, TOps.Create(-Ln2F), z);

        // Horner, not Estrin: Estrin's extra t² measured 8 % slower here, where the Fast kernel is throughput-bound.
        TF p = TOps.MultiplyAdd(TOps.Create((float)P4), t, TOps.Create((float)P3));
        p = TOps.MultiplyAdd(p, t, TOps.Create((float)P2));
        p = TOps.MultiplyAdd(p, t, TOps.Create((float)P1));
        p = TOps.MultiplyAdd(p, t, TOps.Create((float)P0));
        TF e = TOps.And(TOps.Multiply(s, p), inRange);              // e^z, in [0, 1]

        // f = e / d by a reciprocal estimate and one Newton step: r1 = r0 - r0·(d·r0 - 1).
        TF one = TOps.Create(1.0f);
        TF d = TOps.Add(one, e);
        TF r = TOps.ReciprocalEstimate(d);
        TF residual = TOps.MultiplyAdd(d, r, TOps.Create(-1.0f));
        r = TOps.Subtract(r, TOps.Multiply(r, residual));
        TF f = TOps.Multiply(e, r);                                  // in [0, ~0.5]

        TF result = TOps.ConditionalSelect(TOps.LessThan(x, TOps.Create(0.0f)), f, TOps.Subtract(one, f));
        return TOps.ConditionalSelect(TOps.IsNotNaN(x), result, x);
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
