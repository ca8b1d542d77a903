using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace SigmoidGen.Internal;

/// <summary>Checks on data passed to generated networks. Not meant to be called by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DataGuard
{
    /// <summary>Throws, naming the row and column, when a value is NaN or infinite.</summary>
    public static void Finite(ReadOnlySpan<float> values, int rowLength, string parameterName)
    {
        // Whole vectors first: v − v is 0 for finite lanes and NaN for NaN and infinities. A block that is not all
        // finite stops the vector loop; the scalar loop then finds the value and its row.
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; k + Vector<float>.Count <= values.Length; k += Vector<float>.Count)
            {
                var v = new Vector<float>(values.Slice(k));
                if (!Vector.EqualsAll(v - v, Vector<float>.Zero))
                {
                    break;
                }
            }
        }

        for (; k < values.Length; k++)
        {
            if (!float.IsFinite(values[k]))
            {
                Throw(values[k], k, rowLength, parameterName);
            }
        }
    }

    /// <inheritdoc cref="Finite(ReadOnlySpan{float}, int, string)"/>
    public static void Finite(ReadOnlySpan<double> values, int rowLength, string parameterName)
    {
        // Whole vectors first: v − v is 0 for finite lanes and NaN for NaN and infinities. A block that is not all
        // finite stops the vector loop; the scalar loop then finds the value and its row.
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; k + Vector<double>.Count <= values.Length; k += Vector<double>.Count)
            {
                var v = new Vector<double>(values.Slice(k));
                if (!Vector.EqualsAll(v - v, Vector<double>.Zero))
                {
                    break;
                }
            }
        }

        for (; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]))
            {
                Throw(values[k], k, rowLength, parameterName);
            }
        }
    }

    [DoesNotReturn]
    private static void Throw(double value, int index, int rowLength, string parameterName) =>
        throw new ArgumentException(
            $"'{parameterName}' has {value} at row {index / rowLength}, column {index % rowLength}; every value must be a finite number.",
            parameterName);
}
