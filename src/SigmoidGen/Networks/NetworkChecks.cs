using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SigmoidGen.Internal;

/// <summary>The data checks of generated networks, made before anything is written. Not meant to be called by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkChecks
{
    /// <summary>
    /// Checks a batch of inputs and its targets: whole rows, matching lengths, every value finite. Returns the batch size.
    /// </summary>
    public static int Batch(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int inputs, int outputs)
    {
        int batch = Guard.Rows(input.Length, inputs, "input", $"inputs = {inputs}");
        Guard.Length(target.Length, (long)batch * outputs, "target", $"batch × outputs, batch = input.Length / {inputs}");
        DataGuard.Finite(input, inputs, "input");
        DataGuard.Finite(target, outputs, "target");
        return batch;
    }

    /// <inheritdoc cref="Batch(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int)"/>
    public static int Batch(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int inputs, int outputs)
    {
        int batch = Guard.Rows(input.Length, inputs, "input", $"inputs = {inputs}");
        Guard.Length(target.Length, (long)batch * outputs, "target", $"batch × outputs, batch = input.Length / {inputs}");
        DataGuard.Finite(input, inputs, "input");
        DataGuard.Finite(target, outputs, "target");
        return batch;
    }

    /// <summary>
    /// Throws when <paramref name="span"/> shares memory with the network's parameters, which a training step or a
    /// prediction is about to write or read while writing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NotParameters(ReadOnlySpan<float> span, ReadOnlySpan<float> parameters, string parameterName)
    {
        if (span.Overlaps(parameters))
        {
            ThrowSharesParameters(parameterName);
        }
    }

    /// <inheritdoc cref="NotParameters(ReadOnlySpan{float}, ReadOnlySpan{float}, string)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NotParameters(ReadOnlySpan<double> span, ReadOnlySpan<double> parameters, string parameterName)
    {
        if (span.Overlaps(parameters))
        {
            ThrowSharesParameters(parameterName);
        }
    }

    private static void ThrowSharesParameters(string parameterName) =>
        throw new ArgumentException(
            $"'{parameterName}' shares memory with the network's Parameters, which this call writes or reads while writing; pass a copy.",
            parameterName);
}
