using System.Runtime.CompilerServices;

namespace SigmoidGen.Internal;

/// <summary>
/// Natural logarithms of float lanes for the binary cross-entropy, written once over the width structs and clamped
/// below at -100 as PyTorch's <c>BCELoss</c> clamps them.
/// <para>
/// v = 2^e·m with m in [√½, √2), f = m − 1, log v = e·ln 2 + log1p(f), log1p(f) = f − f²/2 + f³·P(f) with the
/// degree-8 polynomial of Cephes' <c>logf</c> (relative error about 1 float ULP), ln 2 split in two so that e·ln 2 loses
/// nothing. Subnormal inputs are scaled by 2^23 first. Near 1 the caller's exact v − 1 is taken as f, so log(1 − y) keeps
/// its relative accuracy for small y, where 1 − y itself would round.
/// </para>
/// </summary>
internal static class LogKernels
{
    private const float Sqrt2 = 1.41421356f;
    private const float SqrtHalfMinusOne = -0.29289322f; // √½ − 1
    private const float Sqrt2MinusOne = 0.41421356f;     // √2 − 1
    private const float SmallestNormal = 1.17549435e-38f; // 2^-126
    private const float TwoTo23 = 8388608f;
    private const float Ln2Hi = 0.693359375f;             // 9 significant bits: e·Ln2Hi is exact
    private const float Ln2Lo = -2.12194440e-4f;          // ln 2 − Ln2Hi
    private const float Floor = -100f;

    private const float P0 = 7.0376836292e-2f;
    private const float P1 = -1.1514610310e-1f;
    private const float P2 = 1.1676998740e-1f;
    private const float P3 = -1.2420140846e-1f;
    private const float P4 = 1.4249322787e-1f;
    private const float P5 = -1.6668057665e-1f;
    private const float P6 = 2.0000714765e-1f;
    private const float P7 = -2.4999993993e-1f;
    private const float P8 = 3.3333331174e-1f;

    /// <summary>
    /// max(log v, −100) per lane, given <paramref name="vMinusOne"/> = v − 1 exactly wherever v is within [√½, √2) (for
    /// y that is y − 1; for 1 − y it is −y): there f is taken from it, so the result stays accurate relative to itself.
    /// NaN for NaN or negative lanes, +∞ for +∞.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF ClampedLog<TOps, TF>(TF v, TF vMinusOne)
        where TOps : ISimdSingle<TF>
        where TF : struct
    {
        Split<TOps, TF>(v, out TF e, out TF f);
        TF near = TOps.And(TOps.GreaterThanOrEqual(vMinusOne, TOps.Create(SqrtHalfMinusOne)), TOps.LessThan(vMinusOne, TOps.Create(Sqrt2MinusOne)));
        e = TOps.ConditionalSelect(near, TOps.Create(0f), e);
        f = TOps.ConditionalSelect(near, vMinusOne, f);
        return Finish<TOps, TF>(v, Core<TOps, TF>(e, f));
    }

    /// <summary>v = 2^e·(1 + f) with 1 + f in [√½, √2), for v ≥ 0 (other lanes give garbage that <see cref="Finish"/> replaces).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Split<TOps, TF>(TF v, out TF e, out TF f)
        where TOps : ISimdSingle<TF>
        where TF : struct
    {
        TF tiny = TOps.LessThan(v, TOps.Create(SmallestNormal));
        TF scaled = TOps.ConditionalSelect(tiny, TOps.Multiply(v, TOps.Create(TwoTo23)), v);
        e = TOps.Subtract(TOps.ExponentField(scaled), TOps.ConditionalSelect(tiny, TOps.Create(150f), TOps.Create(127f)));
        TF m = TOps.MantissaInOneTwo(scaled);
        TF big = TOps.GreaterThanOrEqual(m, TOps.Create(Sqrt2));
        m = TOps.ConditionalSelect(big, TOps.Multiply(m, TOps.Create(0.5f)), m);
        e = TOps.Add(e, TOps.And(big, TOps.Create(1f)));
        f = TOps.Subtract(m, TOps.Create(1f));
    }

    /// <summary>e·ln 2 + log1p(f) for |f| ≤ √2 − 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF Core<TOps, TF>(TF e, TF f)
        where TOps : ISimdSingle<TF>
        where TF : struct
    {
        TF z = TOps.Multiply(f, f);
        TF p = TOps.MultiplyAdd(TOps.Create(P0), f, TOps.Create(P1));
        p = TOps.MultiplyAdd(p, f, TOps.Create(P2));
        p = TOps.MultiplyAdd(p, f, TOps.Create(P3));
        p = TOps.MultiplyAdd(p, f, TOps.Create(P4));
        p = TOps.MultiplyAdd(p, f, TOps.Create(P5));
        p = TOps.MultiplyAdd(p, f, TOps.Create(P6));
        p = TOps.MultiplyAdd(p, f, TOps.Create(P7));
        p = TOps.MultiplyAdd(p, f, TOps.Create(P8));
        TF y = TOps.Multiply(TOps.Multiply(p, f), z);          // f³·P(f)
        y = TOps.MultiplyAdd(e, TOps.Create(Ln2Lo), y);
        y = TOps.MultiplyAdd(z, TOps.Create(-0.5f), y);
        return TOps.MultiplyAdd(e, TOps.Create(Ln2Hi), TOps.Add(f, y));
    }

    /// <summary>The clamp at −100, +∞ for +∞, NaN for NaN and negative inputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF Finish<TOps, TF>(TF v, TF log)
        where TOps : ISimdSingle<TF>
        where TF : struct
    {
        log = TOps.ConditionalSelect(TOps.LessThan(log, TOps.Create(Floor)), TOps.Create(Floor), log);
        log = TOps.ConditionalSelect(TOps.GreaterThanOrEqual(v, TOps.Create(float.PositiveInfinity)), v, log);
        return TOps.ConditionalSelect(TOps.GreaterThanOrEqual(v, TOps.Create(0f)), log, TOps.Create(float.NaN));
    }

    /// <summary>
    /// One binary cross-entropy term per lane, −(t·max(log y, −100) + (1 − t)·max(log(1 − y), −100)), skipping a
    /// term whose weight is 0 as <see cref="Loss.BinaryCrossEntropy"/> does. Targets of 0 or 1 (the usual case) need one
    /// logarithm per lane: log(1 − y) where t = 0, log y elsewhere; the second is computed only for a vector with another
    /// target in it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF BinaryCrossEntropy<TOps, TF>(TF y, TF t)
        where TOps : ISimdSingle<TF>
        where TF : struct
    {
        TF zero = TOps.Create(0f);
        TF one = TOps.Create(1f);
        TF targetZero = TOps.EqualTo(t, zero);
        TF binary = TOps.Or(targetZero, TOps.EqualTo(t, one));
        TF v = TOps.ConditionalSelect(targetZero, TOps.Subtract(one, y), y);
        TF first = ClampedLog<TOps, TF>(v, TOps.ConditionalSelect(targetZero, TOps.Subtract(zero, y), TOps.Subtract(y, one)));
        TF term = TOps.Subtract(zero, first);
        if (TOps.AllBitsSet(binary))
        {
            return term;
        }

        // Some target strictly between 0 and 1 (or NaN): log(1 − y) as well, both weights.
        TF second = ClampedLog<TOps, TF>(TOps.Subtract(one, y), TOps.Subtract(zero, y));
        TF mixed = TOps.Subtract(zero, TOps.MultiplyAdd(t, first, TOps.Multiply(TOps.Subtract(one, t), second)));
        return TOps.ConditionalSelect(binary, term, mixed);
    }
}
