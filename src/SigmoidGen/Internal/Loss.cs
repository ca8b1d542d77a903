using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SigmoidGen.Internal;

/// <summary>Loss terms shared by generated code. Not meant to be called by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Loss
{
    /// <summary>
    /// One binary cross-entropy term, <c>-(t·log(y) + (1 − t)·log(1 − y))</c> with each logarithm clamped at -100 as
    /// PyTorch's <c>BCELoss</c> does, computed in double.
    /// </summary>
    /// <remarks>A term whose weight is 0 (target 0 or 1) is skipped: with the clamp it would add exactly 0.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double BinaryCrossEntropy(double output, double target)
    {
        double positive = target == 0 ? 0 : target * Math.Max(Math.Log(output), -100.0);
        double negative = target == 1 ? 0 : (1.0 - target) * Math.Max(Math.Log(1.0 - output), -100.0);
        return -(positive + negative);
    }
}
