using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SigmoidGen.Training;

namespace SigmoidGen.Internal;

/// <summary>
/// The SGD update of <see cref="SigmoidOptimizerSteps.Sgd(System.Span{float}, System.ReadOnlySpan{float}, System.Span{float}, double, double, bool, double, bool)"/>
/// on one vector (or element) of parameters whose gradient a generated training step holds in registers. Called by
/// generated code only: the same operations as the span step (<see cref="OptimizerKernels"/>), so the same bits.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SgdUpdate<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SgdScalars<T> _s;

    /// <summary>Checks <paramref name="step"/> (exceptions name <c>{parameterName}.{Property}</c>) and derives the step's constants.</summary>
    /// <param name="step">The hyperparameters and step number.</param>
    /// <param name="parameterName">The user's parameter name.</param>
    public SgdUpdate(SigmoidSgdStep step, string parameterName)
    {
        step.Validate(parameterName);
        _s = new SgdScalars<T>(step.LearningRate, step.Momentum, step.Nesterov, step.WeightDecay, firstStep: step.Step == 1);
    }

    /// <summary>Updates <c>p[i..]</c> (and the momentum buffer <c>b[i..]</c>) with the gradient <paramref name="g"/>.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="b">The momentum buffer, element-for-element parallel to <paramref name="p"/>.</param>
    /// <param name="i">The index of the vector's first element.</param>
    /// <param name="g">The gradient of the vector's elements.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref T p, ref T b, nuint i, Vector512<T> g) => Apply<Lanes512<T>, Vector512<T>>(ref p, ref b, i, g);

    /// <inheritdoc cref="Apply(ref T, ref T, nuint, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref T p, ref T b, nuint i, Vector256<T> g) => Apply<Lanes256<T>, Vector256<T>>(ref p, ref b, i, g);

    /// <inheritdoc cref="Apply(ref T, ref T, nuint, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref T p, ref T b, nuint i, Vector128<T> g) => Apply<Lanes128<T>, Vector128<T>>(ref p, ref b, i, g);

    /// <inheritdoc cref="Apply(ref T, ref T, nuint, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref T p, ref T b, nuint i, T g) => Apply<Lanes1<T>, T>(ref p, ref b, i, g);

    /// <summary>
    /// Updates only the lanes of <c>p[i..]</c> (and <c>b[i..]</c>) where <paramref name="keep"/> is all ones: the last
    /// vector of a row, which overlaps the vector before, already updated; the other lanes are stored back unchanged.
    /// </summary>
    /// <param name="p">The parameters.</param>
    /// <param name="b">The momentum buffer.</param>
    /// <param name="i">The index of the vector's first element.</param>
    /// <param name="g">The gradient of the vector's elements.</param>
    /// <param name="keep">All ones in the lanes to update, zero elsewhere.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ApplyMasked(ref T p, ref T b, nuint i, Vector512<T> g, Vector512<T> keep)
    {
        // The buffer's old lanes are stored back where keep is clear: read them even at the first step.
        Vector512<T> b0 = _s.HasMomentum ? Vector512.LoadUnsafe(ref b, i) : default, p0 = Vector512.LoadUnsafe(ref p, i), bt = b0;
        Vector512<T> pt = Values<Lanes512<T>, Vector512<T>>(p0, g, ref bt);
        Store<Lanes512<T>, Vector512<T>>(Vector512.ConditionalSelect(keep, bt, b0), ref b, i);
        Vector512.ConditionalSelect(keep, pt, p0).StoreUnsafe(ref p, i);
    }

    /// <inheritdoc cref="ApplyMasked(ref T, ref T, nuint, Vector512{T}, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ApplyMasked(ref T p, ref T b, nuint i, Vector256<T> g, Vector256<T> keep)
    {
        // The buffer's old lanes are stored back where keep is clear: read them even at the first step.
        Vector256<T> b0 = _s.HasMomentum ? Vector256.LoadUnsafe(ref b, i) : default, p0 = Vector256.LoadUnsafe(ref p, i), bt = b0;
        Vector256<T> pt = Values<Lanes256<T>, Vector256<T>>(p0, g, ref bt);
        Store<Lanes256<T>, Vector256<T>>(Vector256.ConditionalSelect(keep, bt, b0), ref b, i);
        Vector256.ConditionalSelect(keep, pt, p0).StoreUnsafe(ref p, i);
    }

    /// <inheritdoc cref="ApplyMasked(ref T, ref T, nuint, Vector512{T}, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ApplyMasked(ref T p, ref T b, nuint i, Vector128<T> g, Vector128<T> keep)
    {
        // The buffer's old lanes are stored back where keep is clear: read them even at the first step.
        Vector128<T> b0 = _s.HasMomentum ? Vector128.LoadUnsafe(ref b, i) : default, p0 = Vector128.LoadUnsafe(ref p, i), bt = b0;
        Vector128<T> pt = Values<Lanes128<T>, Vector128<T>>(p0, g, ref bt);
        Store<Lanes128<T>, Vector128<T>>(Vector128.ConditionalSelect(keep, bt, b0), ref b, i);
        Vector128.ConditionalSelect(keep, pt, p0).StoreUnsafe(ref p, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply<TL, TV>(ref T p, ref T b, nuint i, TV g)
        where TL : IOptimizerLanes<TV, T>
        where TV : struct
    {
        TV bt = Load<TL, TV>(ref b, i);
        TV pt = Values<TL, TV>(TL.Load(ref p, i), g, ref bt);
        Store<TL, TV>(bt, ref b, i);
        TL.Store(pt, ref p, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TV Values<TL, TV>(TV p, TV g, ref TV b)
        where TL : IOptimizerLanes<TV, T>
        where TV : struct =>
        OptimizerKernels.SgdValues<TL, TV, T>(
            p, g, ref b, TL.Broadcast(_s.LearningRate), TL.Broadcast(_s.Momentum), TL.Broadcast(_s.WeightDecay), _s);

    // The buffer is read only after the first step and written only with momentum, as by the span step.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TV Load<TL, TV>(ref T b, nuint i)
        where TL : IOptimizerLanes<TV, T>
        where TV : struct =>
        _s.HasMomentum && !_s.FirstStep ? TL.Load(ref b, i) : default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Store<TL, TV>(TV value, ref T b, nuint i)
        where TL : IOptimizerLanes<TV, T>
        where TV : struct
    {
        if (_s.HasMomentum)
        {
            TL.Store(value, ref b, i);
        }
    }
}

/// <summary>
/// The Adam / AdamW update of <see cref="SigmoidOptimizerSteps.Adam(System.Span{float}, System.ReadOnlySpan{float}, System.Span{float}, System.Span{float}, double, double, double, double, double, bool, long)"/>
/// on one vector (or element) of parameters whose gradient a generated training step holds in registers. Called by
/// generated code only: the same operations as the span step (<see cref="OptimizerKernels"/>), so the same bits.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct AdamUpdate<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly AdamScalars<T> _s;

    /// <summary>Checks <paramref name="step"/> (exceptions name <c>{parameterName}.{Property}</c>) and derives the step's constants.</summary>
    /// <param name="step">The hyperparameters and step number.</param>
    /// <param name="parameterName">The user's parameter name.</param>
    public AdamUpdate(SigmoidAdamStep step, string parameterName)
    {
        step.Validate(parameterName);
        _s = new AdamScalars<T>(
            step.LearningRate, step.Beta1, step.Beta2, step.Epsilon, step.WeightDecay, step.DecoupledWeightDecay, step.Step);
    }

    /// <summary>Updates <c>p[i..]</c> and the moments <c>m[i..]</c>, <c>v[i..]</c> with the gradient <paramref name="g"/>.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="m">The first moments, element-for-element parallel to <paramref name="p"/>.</param>
    /// <param name="v">The second moments, likewise.</param>
    /// <param name="i">The index of the vector's first element.</param>
    /// <param name="g">The gradient of the vector's elements.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref T p, ref T m, ref T v, nuint i, Vector512<T> g) => Apply<Lanes512<T>, Vector512<T>>(ref p, ref m, ref v, i, g);

    /// <inheritdoc cref="Apply(ref T, ref T, ref T, nuint, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref T p, ref T m, ref T v, nuint i, Vector256<T> g) => Apply<Lanes256<T>, Vector256<T>>(ref p, ref m, ref v, i, g);

    /// <inheritdoc cref="Apply(ref T, ref T, ref T, nuint, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref T p, ref T m, ref T v, nuint i, Vector128<T> g) => Apply<Lanes128<T>, Vector128<T>>(ref p, ref m, ref v, i, g);

    /// <inheritdoc cref="Apply(ref T, ref T, ref T, nuint, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref T p, ref T m, ref T v, nuint i, T g) => Apply<Lanes1<T>, T>(ref p, ref m, ref v, i, g);

    /// <summary>
    /// Updates only the lanes of <c>p[i..]</c>, <c>m[i..]</c> and <c>v[i..]</c> where <paramref name="keep"/> is all ones:
    /// the last vector of a row, which overlaps the vector before, already updated; the other lanes are stored back
    /// unchanged.
    /// </summary>
    /// <param name="p">The parameters.</param>
    /// <param name="m">The first moments.</param>
    /// <param name="v">The second moments.</param>
    /// <param name="i">The index of the vector's first element.</param>
    /// <param name="g">The gradient of the vector's elements.</param>
    /// <param name="keep">All ones in the lanes to update, zero elsewhere.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ApplyMasked(ref T p, ref T m, ref T v, nuint i, Vector512<T> g, Vector512<T> keep)
    {
        Vector512<T> m0 = Vector512.LoadUnsafe(ref m, i), v0 = Vector512.LoadUnsafe(ref v, i), p0 = Vector512.LoadUnsafe(ref p, i);
        Vector512<T> mt = m0, vt = v0;
        Vector512<T> pt = OptimizerKernels.AdamValues<Lanes512<T>, Vector512<T>, T>(p0, g, ref mt, ref vt, Lanes<Lanes512<T>, Vector512<T>>(), _s);
        Vector512.ConditionalSelect(keep, mt, m0).StoreUnsafe(ref m, i);
        Vector512.ConditionalSelect(keep, vt, v0).StoreUnsafe(ref v, i);
        Vector512.ConditionalSelect(keep, pt, p0).StoreUnsafe(ref p, i);
    }

    /// <inheritdoc cref="ApplyMasked(ref T, ref T, ref T, nuint, Vector512{T}, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ApplyMasked(ref T p, ref T m, ref T v, nuint i, Vector256<T> g, Vector256<T> keep)
    {
        Vector256<T> m0 = Vector256.LoadUnsafe(ref m, i), v0 = Vector256.LoadUnsafe(ref v, i), p0 = Vector256.LoadUnsafe(ref p, i);
        Vector256<T> mt = m0, vt = v0;
        Vector256<T> pt = OptimizerKernels.AdamValues<Lanes256<T>, Vector256<T>, T>(p0, g, ref mt, ref vt, Lanes<Lanes256<T>, Vector256<T>>(), _s);
        Vector256.ConditionalSelect(keep, mt, m0).StoreUnsafe(ref m, i);
        Vector256.ConditionalSelect(keep, vt, v0).StoreUnsafe(ref v, i);
        Vector256.ConditionalSelect(keep, pt, p0).StoreUnsafe(ref p, i);
    }

    /// <inheritdoc cref="ApplyMasked(ref T, ref T, ref T, nuint, Vector512{T}, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ApplyMasked(ref T p, ref T m, ref T v, nuint i, Vector128<T> g, Vector128<T> keep)
    {
        Vector128<T> m0 = Vector128.LoadUnsafe(ref m, i), v0 = Vector128.LoadUnsafe(ref v, i), p0 = Vector128.LoadUnsafe(ref p, i);
        Vector128<T> mt = m0, vt = v0;
        Vector128<T> pt = OptimizerKernels.AdamValues<Lanes128<T>, Vector128<T>, T>(p0, g, ref mt, ref vt, Lanes<Lanes128<T>, Vector128<T>>(), _s);
        Vector128.ConditionalSelect(keep, mt, m0).StoreUnsafe(ref m, i);
        Vector128.ConditionalSelect(keep, vt, v0).StoreUnsafe(ref v, i);
        Vector128.ConditionalSelect(keep, pt, p0).StoreUnsafe(ref p, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply<TL, TV>(ref T p, ref T m, ref T v, nuint i, TV g)
        where TL : IOptimizerLanes<TV, T>
        where TV : struct
    {
        TV mt = TL.Load(ref m, i), vt = TL.Load(ref v, i);
        TV pt = OptimizerKernels.AdamValues<TL, TV, T>(TL.Load(ref p, i), g, ref mt, ref vt, Lanes<TL, TV>(), _s);
        TL.Store(mt, ref m, i);
        TL.Store(vt, ref v, i);
        TL.Store(pt, ref p, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private AdamLanes<TV> Lanes<TL, TV>()
        where TL : IOptimizerLanes<TV, T>
        where TV : struct =>
        new(
            TL.Broadcast(_s.WeightDecay), TL.Broadcast(_s.DecayFactor), TL.Broadcast(_s.LerpWeight), TL.Broadcast(_s.LerpComplement),
            TL.Broadcast(_s.Beta2), TL.Broadcast(_s.OneMinusBeta2), TL.Broadcast(_s.StepSize), TL.Broadcast(_s.BiasCorrection2Sqrt),
            TL.Broadcast(_s.Epsilon));
}
