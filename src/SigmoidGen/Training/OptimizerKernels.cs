using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SigmoidGen.Training;

/// <summary>
/// The element-wise optimizer updates, written once against <see cref="IOptimizerLanes{TV, T}"/> and run over a span
/// widest vectors first (512, then 256, then 128 bits, each only where hardware-accelerated), then one element at a time.
/// Arguments are checked by the callers; the spans are disjoint and of equal length (the state may be empty where the
/// update does not use it).
/// </summary>
/// <remarks>
/// The updates are in place (parameters and state are read and written), so the tail cannot be one last vector
/// overlapping the previous one: it takes the narrower widths, then scalars. Every width performs the same IEEE
/// operations in the same order, so the results are identical, bit for bit, whichever path an element takes.
/// </remarks>
internal static class OptimizerKernels
{
    /// <summary>No limit on the vector width: the widest hardware-accelerated one is used.</summary>
    public const int AnyWidth = int.MaxValue;

    /// <summary>One SGD step over <paramref name="length"/> elements. <paramref name="maxVectorBits"/> caps the vector width (tests).</summary>
    // Not inlined into callers (a loop over spans), and compiled optimised at once: at tier 0 the width loops below
    // would not be inlined and would run as separate, on-stack-replaced methods for their first calls.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Sgd<T>(ref T parameters, ref T gradients, ref T momentumBuffer, nuint length, in SgdScalars<T> s, int maxVectorBits)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint i = 0;
        if (maxVectorBits >= 512 && Vector512.IsHardwareAccelerated)
        {
            i = Sgd<Lanes512<T>, Vector512<T>, T>(ref parameters, ref gradients, ref momentumBuffer, i, length, s);
        }

        if (maxVectorBits >= 256 && Vector256.IsHardwareAccelerated)
        {
            i = Sgd<Lanes256<T>, Vector256<T>, T>(ref parameters, ref gradients, ref momentumBuffer, i, length, s);
        }

        if (maxVectorBits >= 128 && Vector128.IsHardwareAccelerated)
        {
            i = Sgd<Lanes128<T>, Vector128<T>, T>(ref parameters, ref gradients, ref momentumBuffer, i, length, s);
        }

        Sgd<Lanes1<T>, T, T>(ref parameters, ref gradients, ref momentumBuffer, i, length, s);
    }

    /// <summary>One Adam or AdamW step over <paramref name="length"/> elements. <paramref name="maxVectorBits"/> caps the vector width (tests).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Adam<T>(ref T parameters, ref T gradients, ref T m, ref T v, nuint length, in AdamScalars<T> s, int maxVectorBits)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint i = 0;
        if (maxVectorBits >= 512 && Vector512.IsHardwareAccelerated)
        {
            i = Adam<Lanes512<T>, Vector512<T>, T>(ref parameters, ref gradients, ref m, ref v, i, length, s);
        }

        if (maxVectorBits >= 256 && Vector256.IsHardwareAccelerated)
        {
            i = Adam<Lanes256<T>, Vector256<T>, T>(ref parameters, ref gradients, ref m, ref v, i, length, s);
        }

        if (maxVectorBits >= 128 && Vector128.IsHardwareAccelerated)
        {
            i = Adam<Lanes128<T>, Vector128<T>, T>(ref parameters, ref gradients, ref m, ref v, i, length, s);
        }

        Adam<Lanes1<T>, T, T>(ref parameters, ref gradients, ref m, ref v, i, length, s);
    }

    /// <summary>
    /// One SGD step on <paramref name="rows"/> runs of <paramref name="length"/> elements, the parameters' and state's runs
    /// <paramref name="rowStride"/> elements apart, the gradients' <paramref name="gradientStride"/> apart: the fused layer
    /// steps' update of a tile of weight rows (<see cref="Internal.SgdUpdate{T}"/>), one call per tile. Each run is
    /// updated exactly as <see cref="Sgd{T}(ref T, ref T, ref T, nuint, in SgdScalars{T}, int)"/> updates a span.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void SgdRows<T>(ref T parameters, ref T gradients, ref T momentumBuffer, int length, int rows, int rowStride, int gradientStride, in SgdScalars<T> s)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ref T p = ref Unsafe.Add(ref parameters, (nint)r * rowStride);
            ref T g = ref Unsafe.Add(ref gradients, (nint)r * gradientStride);
            ref T b = ref Unsafe.Add(ref momentumBuffer, (nint)r * rowStride);
            nuint i = 0, n = (nuint)length;
            if (Vector512.IsHardwareAccelerated)
            {
                i = Sgd<Lanes512<T>, Vector512<T>, T>(ref p, ref g, ref b, i, n, s);
            }

            if (Vector256.IsHardwareAccelerated)
            {
                i = Sgd<Lanes256<T>, Vector256<T>, T>(ref p, ref g, ref b, i, n, s);
            }

            if (Vector128.IsHardwareAccelerated)
            {
                i = Sgd<Lanes128<T>, Vector128<T>, T>(ref p, ref g, ref b, i, n, s);
            }

            Sgd<Lanes1<T>, T, T>(ref p, ref g, ref b, i, n, s);
        }
    }

    /// <summary>
    /// One Adam step on <paramref name="rows"/> runs of <paramref name="length"/> elements (strides as
    /// <see cref="SgdRows{T}"/>): the fused layer steps' update of a tile of weight rows
    /// (<see cref="Internal.AdamUpdate{T}"/>), each run updated exactly as a span by
    /// <see cref="Adam{T}(ref T, ref T, ref T, ref T, nuint, in AdamScalars{T}, int)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void AdamRows<T>(ref T parameters, ref T gradients, ref T m, ref T v, int length, int rows, int rowStride, int gradientStride, in AdamScalars<T> s)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ref T p = ref Unsafe.Add(ref parameters, (nint)r * rowStride);
            ref T g = ref Unsafe.Add(ref gradients, (nint)r * gradientStride);
            ref T mr = ref Unsafe.Add(ref m, (nint)r * rowStride);
            ref T vr = ref Unsafe.Add(ref v, (nint)r * rowStride);
            nuint i = 0, n = (nuint)length;
            if (Vector512.IsHardwareAccelerated)
            {
                i = Adam<Lanes512<T>, Vector512<T>, T>(ref p, ref g, ref mr, ref vr, i, n, s);
            }

            if (Vector256.IsHardwareAccelerated)
            {
                i = Adam<Lanes256<T>, Vector256<T>, T>(ref p, ref g, ref mr, ref vr, i, n, s);
            }

            if (Vector128.IsHardwareAccelerated)
            {
                i = Adam<Lanes128<T>, Vector128<T>, T>(ref p, ref g, ref mr, ref vr, i, n, s);
            }

            Adam<Lanes1<T>, T, T>(ref p, ref g, ref mr, ref vr, i, n, s);
        }
    }

    /// <summary>
    /// torch.optim.SGD (dampening 0) on whole lane groups from <paramref name="i"/>; returns the first element not done.
    /// The flags are loop-invariant branches, predicted after the first group.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint Sgd<TL, TV, T>(ref T parameters, ref T gradients, ref T momentumBuffer, nuint i, nuint length, in SgdScalars<T> s)
        where TL : IOptimizerLanes<TV, T>
        where TV : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TV lr = TL.Broadcast(s.LearningRate), mu = TL.Broadcast(s.Momentum), lambda = TL.Broadcast(s.WeightDecay);
        for (; length - i >= TL.Count; i += TL.Count)
        {
            TV b = s.HasMomentum && !s.FirstStep ? TL.Load(ref momentumBuffer, i) : default;
            TV p = SgdValues<TL, TV, T>(TL.Load(ref parameters, i), TL.Load(ref gradients, i), ref b, lr, mu, lambda, s);
            if (s.HasMomentum)
            {
                TL.Store(b, ref momentumBuffer, i);
            }

            TL.Store(p, ref parameters, i);
        }

        return i;
    }

    /// <summary>
    /// The SGD update of one lane group: returns the new parameters from <paramref name="p"/> and the gradient
    /// <paramref name="g"/>; <paramref name="b"/> is the momentum buffer's group, read after the first step and written
    /// when momentum is on. The fused layer steps (<see cref="Internal.SgdUpdate{T}"/>) call it too: one definition of
    /// the operations and their order, so both give the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TV SgdValues<TL, TV, T>(TV p, TV g, ref TV b, TV lr, TV mu, TV lambda, in SgdScalars<T> s)
        where TL : IOptimizerLanes<TV, T>
        where TV : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (s.HasWeightDecay)
        {
            g = TL.Add(g, TL.Multiply(lambda, p));                                         // g = ∇ + λ·p
        }

        if (s.HasMomentum)
        {
            b = s.FirstStep ? g : TL.Add(TL.Multiply(b, mu), g);                           // b = g, then b = b·μ + g
            g = s.Nesterov ? TL.Add(g, TL.Multiply(mu, b)) : b;                            // g + μ·b (Nesterov) or b
        }

        return TL.Subtract(p, TL.Multiply(lr, g));                                         // p = p − lr·g
    }

    /// <summary>
    /// torch.optim.Adam / AdamW (amsgrad off) on whole lane groups from <paramref name="i"/>, in the order of operations
    /// of its single-tensor implementation; returns the first element not done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint Adam<TL, TV, T>(ref T parameters, ref T gradients, ref T m, ref T v, nuint i, nuint length, in AdamScalars<T> s)
        where TL : IOptimizerLanes<TV, T>
        where TV : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (length - i < TL.Count)
        {
            return i;
        }

        var c = AdamLanes<TV>.Of<TL, T>(s);

        // The usual case (no weight decay, β1 > 0.5) passes the flags as constants: its inlined copy of the loop tests
        // none of them. The same operations either way.
        return s.Plain
            ? AdamLoop<TL, TV, T>(ref parameters, ref gradients, ref m, ref v, i, length, c, coupled: false, decoupled: false, smallLerpWeight: true)
            : AdamLoop<TL, TV, T>(ref parameters, ref gradients, ref m, ref v, i, length, c, s.CoupledDecay, s.DecoupledDecay, s.SmallLerpWeight);
    }

    /// <summary>The loop of <see cref="Adam{TL, TV, T}"/> over whole lane groups, with the scalars' flags as arguments.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint AdamLoop<TL, TV, T>(
        ref T parameters, ref T gradients, ref T m, ref T v, nuint i, nuint length, in AdamLanes<TV> c, bool coupled, bool decoupled, bool smallLerpWeight)
        where TL : IOptimizerLanes<TV, T>
        where TV : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; length - i >= TL.Count; i += TL.Count)
        {
            TV mt = TL.Load(ref m, i), vt = TL.Load(ref v, i);
            TV p = AdamValuesWithFlags<TL, TV, T>(TL.Load(ref parameters, i), TL.Load(ref gradients, i), ref mt, ref vt, c, coupled, decoupled, smallLerpWeight);
            TL.Store(mt, ref m, i);
            TL.Store(vt, ref v, i);
            TL.Store(p, ref parameters, i);
        }

        return i;
    }

    /// <summary>
    /// The Adam / AdamW update of one lane group, in the order of operations of torch.optim's single-tensor
    /// implementation: returns the new parameters from <paramref name="p"/> and the gradient <paramref name="g"/>, and
    /// updates the moments <paramref name="mt"/> and <paramref name="vt"/>. The fused layer steps
    /// (<see cref="Internal.AdamUpdate{T}"/>) call it too: one definition, the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TV AdamValues<TL, TV, T>(TV p, TV g, ref TV mt, ref TV vt, in AdamLanes<TV> c, in AdamScalars<T> s)
        where TL : IOptimizerLanes<TV, T>
        where TV : struct
        where T : unmanaged, IFloatingPointIeee754<T> =>
        AdamValuesWithFlags<TL, TV, T>(p, g, ref mt, ref vt, c, s.CoupledDecay, s.DecoupledDecay, s.SmallLerpWeight);

    /// <summary>
    /// <see cref="AdamValues{TL, TV, T}(TV, TV, ref TV, ref TV, in AdamLanes{TV}, in AdamScalars{T})"/> with the scalars'
    /// flags as arguments: a caller that passes constants gets a copy without the tests.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV AdamValuesWithFlags<TL, TV, T>(TV p, TV g, ref TV mt, ref TV vt, in AdamLanes<TV> c, bool coupled, bool decoupled, bool smallLerpWeight)
        where TL : IOptimizerLanes<TV, T>
        where TV : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (coupled)
        {
            g = TL.Add(g, TL.Multiply(c.Lambda, p));                  // Adam: g = ∇ + λ·p
        }
        else if (decoupled)
        {
            p = TL.Multiply(p, c.Decay);                              // AdamW: p = p·(1 − lr·λ)
        }

        // m = lerp(m, g, 1 − β1), in PyTorch's two forms (Lerp.h): m + w·(g − m) for w < 0.5, else g − (g − m)·(1 − w).
        TV diff = TL.Subtract(g, mt);
        mt = smallLerpWeight ? TL.Add(mt, TL.Multiply(c.W, diff)) : TL.Subtract(g, TL.Multiply(diff, c.OneMinusW));

        // v = v·β2 + (1 − β2)·g·g (addcmul: value·t1·t2, left to right).
        vt = TL.Add(TL.Multiply(vt, c.Beta2), TL.Multiply(TL.Multiply(c.OneMinusBeta2, g), g));

        // denom = √v / √(1 − β2ᵗ) + ε, as √v · (1 / √(1 − β2ᵗ)) + ε: PyTorch divides; the product differs from its
        // quotient by at most one rounding (of the reciprocal) and saves a division per element, the slowest operation
        // of the update beside the square root and the division below.
        // p = p + (−step_size)·m / denom (addcdiv: value·t1 / t2, left to right).
        TV denom = TL.Add(TL.Multiply(TL.Sqrt(vt), c.InverseBiasCorrection2Sqrt), c.Epsilon);
        return TL.Subtract(p, TL.Divide(TL.Multiply(c.StepSize, mt), denom));
    }
}

/// <summary>The constants of <see cref="AdamScalars{T}"/> broadcast to one lane width, made once per loop or call.</summary>
internal readonly struct AdamLanes<TV>(TV lambda, TV decay, TV w, TV oneMinusW, TV beta2, TV oneMinusBeta2, TV stepSize, TV inverseBiasCorrection2Sqrt, TV epsilon)
    where TV : struct
{
    public readonly TV Lambda = lambda, Decay = decay, W = w, OneMinusW = oneMinusW, Beta2 = beta2, OneMinusBeta2 = oneMinusBeta2;
    public readonly TV StepSize = stepSize, InverseBiasCorrection2Sqrt = inverseBiasCorrection2Sqrt, Epsilon = epsilon;

    /// <summary>The constants of <paramref name="s"/> on the lanes of <typeparamref name="TL"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AdamLanes<TV> Of<TL, T>(in AdamScalars<T> s)
        where TL : IOptimizerLanes<TV, T>
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(
            TL.Broadcast(s.WeightDecay), TL.Broadcast(s.DecayFactor), TL.Broadcast(s.LerpWeight), TL.Broadcast(s.LerpComplement),
            TL.Broadcast(s.Beta2), TL.Broadcast(s.OneMinusBeta2), TL.Broadcast(s.StepSize), TL.Broadcast(s.InverseBiasCorrection2Sqrt),
            TL.Broadcast(s.Epsilon));
}
