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
public readonly struct SgdUpdate<T> : IUpdateRule<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SgdScalars<T> _s;

    /// <inheritdoc/>
    public static bool Fused => true;

    /// <inheritdoc/>
    public T Rate => T.Zero;

    /// <summary>Checks <paramref name="step"/> (exceptions name <c>{parameterName}.{Property}</c>) and derives the step's constants.</summary>
    /// <param name="step">The hyperparameters and step number.</param>
    /// <param name="parameterName">The user's parameter name.</param>
    public SgdUpdate(SigmoidSgdStep step, string parameterName)
    {
        step.Validate(parameterName);
        _s = new SgdScalars<T>(step.LearningRate, step.Momentum, step.Nesterov, step.WeightDecay, firstStep: step.Step == 1);
    }

    /// <summary>
    /// Updates <paramref name="rows"/> runs of <paramref name="length"/> parameters from <c>p[start..]</c>, each run
    /// <paramref name="rowStride"/> elements after the one before (and the momentum buffer's runs at the same offsets from
    /// <paramref name="b"/>), with gradients from <paramref name="gradients"/>, runs <paramref name="gradientStride"/> apart:
    /// a tile's weight rows, whose gradients the kernel has just taken from its accumulators.
    /// </summary>
    /// <param name="p">The parameters (row 0 of the tile).</param>
    /// <param name="b">The momentum buffer, element-for-element parallel to <paramref name="p"/>.</param>
    /// <param name="unused">A second state span, which SGD has not (see <see cref="IUpdateRule{T}"/>): ignored.</param>
    /// <param name="start">The first element of each run.</param>
    /// <param name="length">Elements per run.</param>
    /// <param name="rows">Runs.</param>
    /// <param name="rowStride">Elements from one run of the parameters (and state) to the next.</param>
    /// <param name="gradients">The gradients of the first run.</param>
    /// <param name="gradientStride">Elements from one run of the gradients to the next.</param>
    public void ApplyRows(ref T p, ref T b, ref T unused, nuint start, int length, int rows, int rowStride, ref T gradients, int gradientStride) =>
        OptimizerKernels.SgdRows(
            ref Unsafe.Add(ref p, start), ref gradients, ref Unsafe.Add(ref b, start), length, rows, rowStride, gradientStride, _s);

    /// <summary>Updates <c>p[i]</c> (and the momentum buffer <c>b[i]</c>) with the gradient <paramref name="g"/>.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="b">The momentum buffer, element-for-element parallel to <paramref name="p"/>.</param>
    /// <param name="unused">A second state span, which SGD has not: ignored.</param>
    /// <param name="i">The element's index.</param>
    /// <param name="g">Its gradient.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref T p, ref T b, ref T unused, nuint i, T g) => Apply<Lanes1<T>, T>(ref p, ref b, i, g);

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
public readonly struct AdamUpdate<T> : IUpdateRule<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly AdamScalars<T> _s;

    /// <inheritdoc/>
    public static bool Fused => true;

    /// <inheritdoc/>
    public T Rate => T.Zero;

    /// <summary>Checks <paramref name="step"/> (exceptions name <c>{parameterName}.{Property}</c>) and derives the step's constants.</summary>
    /// <param name="step">The hyperparameters and step number.</param>
    /// <param name="parameterName">The user's parameter name.</param>
    public AdamUpdate(SigmoidAdamStep step, string parameterName)
    {
        step.Validate(parameterName);
        _s = new AdamScalars<T>(
            step.LearningRate, step.Beta1, step.Beta2, step.Epsilon, step.WeightDecay, step.DecoupledWeightDecay, step.Step);
    }

    /// <summary>
    /// Updates <paramref name="rows"/> runs of <paramref name="length"/> parameters from <c>p[start..]</c> and their
    /// moments (as <see cref="SgdUpdate{T}.ApplyRows"/>).
    /// </summary>
    /// <param name="p">The parameters (row 0 of the tile).</param>
    /// <param name="m">The first moments, element-for-element parallel to <paramref name="p"/>.</param>
    /// <param name="v">The second moments, likewise.</param>
    /// <param name="start">The first element of each run.</param>
    /// <param name="length">Elements per run.</param>
    /// <param name="rows">Runs.</param>
    /// <param name="rowStride">Elements from one run of the parameters (and state) to the next.</param>
    /// <param name="gradients">The gradients of the first run.</param>
    /// <param name="gradientStride">Elements from one run of the gradients to the next.</param>
    public void ApplyRows(ref T p, ref T m, ref T v, nuint start, int length, int rows, int rowStride, ref T gradients, int gradientStride) =>
        OptimizerKernels.AdamRows(
            ref Unsafe.Add(ref p, start), ref gradients, ref Unsafe.Add(ref m, start), ref Unsafe.Add(ref v, start),
            length, rows, rowStride, gradientStride, _s);

    /// <summary>Updates <c>p[i]</c> and the moments <c>m[i]</c>, <c>v[i]</c> with the gradient <paramref name="g"/>.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="m">The first moments, element-for-element parallel to <paramref name="p"/>.</param>
    /// <param name="v">The second moments, likewise.</param>
    /// <param name="i">The element's index.</param>
    /// <param name="g">Its gradient.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref T p, ref T m, ref T v, nuint i, T g) => Apply<Lanes1<T>, T>(ref p, ref m, ref v, i, g);

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
        AdamLanes<TV>.Of<TL, T>(_s);
}
