using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace SigmoidGen.Internal;

/// <summary>Checks on data passed to generated networks. Not meant to be called by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DataGuard
{
    /// <summary>Throws, naming the row and column, when a value is NaN or infinite.</summary>
    public static void Finite(ReadOnlySpan<float> values, int rowLength, string parameterName)
    {
        for (int k = 0; k < values.Length; k++)
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
        for (int k = 0; k < values.Length; k++)
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
