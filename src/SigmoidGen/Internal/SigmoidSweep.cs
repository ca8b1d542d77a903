using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SigmoidGen.Internal;

/// <summary>
/// σ in place over outputs a generated kernel has just written: the span helpers of <see cref="SigmoidMath"/> without
/// their argument checks, which a generated kernel has already made (the values are its own output, whole and in place).
/// A layer whose rows are narrower than a vector calls one of these once per call: for a batch of one row of a
/// logistic regression, the span helper's checks (lengths, an overlap test) cost as much as the sigmoid itself.
/// Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SigmoidSweep
{
    /// <summary>values[i] = <see cref="SigmoidMath.Sigmoid(float)"/>(values[i]) for i &lt; <paramref name="count"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InPlace(ref float values, int count) =>
        SigmoidSpan.Sweep<ExactSingleKernel, float>(ref values, ref values, (nuint)count, inPlace: true);

    /// <summary>values[i] = <see cref="SigmoidMath.SigmoidFast(float)"/>(values[i]) for i &lt; <paramref name="count"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InPlaceFast(ref float values, int count) =>
        SigmoidSpan.Sweep<FastSingleKernel, float>(ref values, ref values, (nuint)count, inPlace: true);

    /// <summary>values[i] = <see cref="SigmoidMath.Sigmoid(double)"/>(values[i]) for i &lt; <paramref name="count"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InPlace(ref double values, int count) =>
        SigmoidSpan.Sweep<ExactDoubleKernel, double>(ref values, ref values, (nuint)count, inPlace: true);

    /// <summary>values[i] = <see cref="SigmoidMath.SigmoidFast(double)"/>(values[i]) for i &lt; <paramref name="count"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InPlaceFast(ref double values, int count) =>
        SigmoidSpan.Sweep<FastDoubleKernel, double>(ref values, ref values, (nuint)count, inPlace: true);
}
