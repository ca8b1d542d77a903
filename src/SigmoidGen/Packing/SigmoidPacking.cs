using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SigmoidGen.Internal;

namespace SigmoidGen;

/// <summary>
/// Converts a layer's row-major weights (<c>[outputs, inputs]</c>, <c>weights[o*inputs + i]</c>: the layout of PyTorch's
/// <c>nn.Linear.weight</c>) into the packed layout read by layers declared with
/// <c>[SigmoidLayer(inputs, outputs, PackedWeights = true)]</c>.
/// </summary>
/// <remarks>
/// <para>
/// The packed form is for weights that do not change between calls, as in inference: pack them once at load time and
/// pass the packed array to every forward call. A layer reading row-major weights transposes blocks of them on every
/// call before its outer-product kernel can use them; a packed layer skips that per-call transpose, and small batches,
/// where the transpose would cost more than it saves, use the outer-product kernel as well.
/// </para>
/// <para>
/// The packed form is a sequence of units of <c>U</c> outputs, <c>U</c> being 64 bytes of elements, one cache line
/// (16 for <see cref="float"/>, 8 for <see cref="double"/>). With <c>P = ceil(outputs / U)</c>, unit <c>p</c> covers the
/// <c>U</c> consecutive outputs starting at <c>s = min(p*U, outputs - U)</c> (the last unit ends at the last output and
/// overlaps the one before it when <c>outputs</c> is not a multiple of <c>U</c>), stored input by input:
/// <c>packed[(p*inputs + i)*U + c] = weights[(s + c)*inputs + i]</c>, <c>P*U*inputs</c> elements in all
/// (<see cref="PackedLength{T}(int, int)"/>). Layers with fewer than <c>U</c> outputs have no packed layout of their own:
/// their packed form is the weights unchanged, copied.
/// </para>
/// <para>
/// For one input, the <c>U</c> weights of a unit fill one cache line. The kernels read the same layout at every vector
/// width: a <see cref="System.Runtime.Intrinsics.Vector256{T}"/> kernel reads one unit as one panel, a
/// <see cref="System.Runtime.Intrinsics.Vector128{T}"/> kernel reads half a unit at a time, and a
/// <see cref="System.Runtime.Intrinsics.Vector512{T}"/> kernel reads two units at a time.
/// </para>
/// <para>
/// The layout depends only on the element type and the shape, not on the processor, so the same array works on every
/// CPU and could be stored; the row-major weights remain the portable format, though (the one other tools read and write,
/// and the one that stays valid if the packed layout changes in a later version). Training methods
/// (<see cref="SigmoidLayerBackwardAttribute"/>, <see cref="SigmoidLayerTrainStepAttribute"/>,
/// <see cref="SigmoidNetworkAttribute"/>) take row-major weights: train on those, then pack the result for inference.
/// </para>
/// </remarks>
public static class SigmoidPacking
{
    /// <summary>The unit width for <see cref="float"/>: 64 bytes, a cache line.</summary>
    private const int SingleUnit = 16;

    /// <summary>The unit width for <see cref="double"/>: 64 bytes, a cache line.</summary>
    private const int DoubleUnit = 8;

    /// <summary>Returns the number of elements in the packed form of an <c>[outputs, inputs]</c> weight matrix.</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="inputs">Number of inputs per sample (columns of the weights); positive.</param>
    /// <param name="outputs">Number of outputs per sample (rows of the weights); positive.</param>
    /// <returns>
    /// <c>outputs*inputs</c> when <paramref name="outputs"/> is less than the unit width <c>U</c> (16 for
    /// <see cref="float"/>, 8 for <see cref="double"/>), otherwise <c>ceil(outputs / U)*U*inputs</c>.
    /// </returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="inputs"/> or <paramref name="outputs"/> is zero or negative, or the packed length exceeds
    /// <see cref="int.MaxValue"/>.
    /// </exception>
    public static int PackedLength<T>(int inputs, int outputs)
        where T : unmanaged
    {
        int unit = Unit<T>();
        CheckShape(inputs, outputs);
        return PackedLength(inputs, outputs, unit, typeof(T) == typeof(float) ? "float" : "double");
    }

    /// <summary>Writes the packed form of <paramref name="weights"/> to <paramref name="packed"/>.</summary>
    /// <param name="weights">The weights, row-major <c>[outputs, inputs]</c>: <c>weights[o*inputs + i]</c>.</param>
    /// <param name="inputs">Number of inputs per sample (columns of <paramref name="weights"/>); positive.</param>
    /// <param name="outputs">Number of outputs per sample (rows of <paramref name="weights"/>); positive.</param>
    /// <param name="packed">
    /// Receives the packed weights; exactly <see cref="PackedLength{T}(int, int)"/> elements, not overlapping
    /// <paramref name="weights"/>.
    /// </param>
    /// <remarks>Every argument is checked before anything is written: on an exception <paramref name="packed"/> is unchanged.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="inputs"/> or <paramref name="outputs"/> is zero or negative, or the packed length exceeds
    /// <see cref="int.MaxValue"/>.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="weights"/> does not have <c>outputs*inputs</c> elements, <paramref name="packed"/> does not have
    /// <see cref="PackedLength{T}(int, int)"/> elements, or <paramref name="packed"/> overlaps <paramref name="weights"/>.
    /// </exception>
    public static void Pack(ReadOnlySpan<float> weights, int inputs, int outputs, Span<float> packed)
    {
        int length = CheckArguments(weights.Length, inputs, outputs, SingleUnit, "float");
        CheckPacked(packed.Length, length, inputs, outputs, "float");
        Guard.NoOverlap(packed, weights, nameof(packed), nameof(weights));
        PackCore(weights, inputs, outputs, packed);
    }

    /// <inheritdoc cref="Pack(ReadOnlySpan{float}, int, int, Span{float})"/>
    public static void Pack(ReadOnlySpan<double> weights, int inputs, int outputs, Span<double> packed)
    {
        int length = CheckArguments(weights.Length, inputs, outputs, DoubleUnit, "double");
        CheckPacked(packed.Length, length, inputs, outputs, "double");
        Guard.NoOverlap(packed, weights, nameof(packed), nameof(weights));
        PackCore(weights, inputs, outputs, packed);
    }

    /// <summary>Returns the packed form of <paramref name="weights"/> in a new array.</summary>
    /// <param name="weights">The weights, row-major <c>[outputs, inputs]</c>: <c>weights[o*inputs + i]</c>.</param>
    /// <param name="inputs">Number of inputs per sample (columns of <paramref name="weights"/>); positive.</param>
    /// <param name="outputs">Number of outputs per sample (rows of <paramref name="weights"/>); positive.</param>
    /// <returns>A new array of <see cref="PackedLength{T}(int, int)"/> elements holding the packed weights.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="inputs"/> or <paramref name="outputs"/> is zero or negative, or the packed length exceeds
    /// <see cref="int.MaxValue"/>.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="weights"/> does not have <c>outputs*inputs</c> elements.</exception>
    public static float[] Pack(ReadOnlySpan<float> weights, int inputs, int outputs)
    {
        int length = CheckArguments(weights.Length, inputs, outputs, SingleUnit, "float");
        float[] packed = GC.AllocateUninitializedArray<float>(length);
        PackCore(weights, inputs, outputs, packed);
        return packed;
    }

    /// <inheritdoc cref="Pack(ReadOnlySpan{float}, int, int)"/>
    public static double[] Pack(ReadOnlySpan<double> weights, int inputs, int outputs)
    {
        int length = CheckArguments(weights.Length, inputs, outputs, DoubleUnit, "double");
        double[] packed = GC.AllocateUninitializedArray<double>(length);
        PackCore(weights, inputs, outputs, packed);
        return packed;
    }

    private static void PackCore(ReadOnlySpan<float> weights, int inputs, int outputs, Span<float> packed)
    {
        if (outputs < SingleUnit)
        {
            weights.CopyTo(packed);
            return;
        }

        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float p = ref MemoryMarshal.GetReference(packed);
        int units = ((outputs - 1) / SingleUnit) + 1;
        for (int u = 0; u < units; u++)
        {
            int start = System.Math.Min(u * SingleUnit, outputs - SingleUnit);
            PanelPacking.Pack(ref Unsafe.Add(ref w, (nint)start * inputs), inputs, SingleUnit, ref Unsafe.Add(ref p, (nint)u * SingleUnit * inputs));
        }
    }

    private static void PackCore(ReadOnlySpan<double> weights, int inputs, int outputs, Span<double> packed)
    {
        if (outputs < DoubleUnit)
        {
            weights.CopyTo(packed);
            return;
        }

        ref double w = ref MemoryMarshal.GetReference(weights);
        ref double p = ref MemoryMarshal.GetReference(packed);
        int units = ((outputs - 1) / DoubleUnit) + 1;
        for (int u = 0; u < units; u++)
        {
            int start = System.Math.Min(u * DoubleUnit, outputs - DoubleUnit);
            PanelPacking.Pack(ref Unsafe.Add(ref w, (nint)start * inputs), inputs, DoubleUnit, ref Unsafe.Add(ref p, (nint)u * DoubleUnit * inputs));
        }
    }

    /// <summary>Checks the shape and the weights' length; returns the packed length.</summary>
    private static int CheckArguments(int weightsLength, int inputs, int outputs, int unit, string typeName)
    {
        CheckShape(inputs, outputs);
        long expected = (long)outputs * inputs;
        if (weightsLength != expected)
        {
            Guard.Length(weightsLength, expected, "weights", $"outputs × inputs = {outputs} × {inputs}, row-major");
        }

        return PackedLength(inputs, outputs, unit, typeName);
    }

    private static void CheckPacked(int packedLength, int expected, int inputs, int outputs, string typeName)
    {
        if (packedLength != expected)
        {
            Guard.Length(packedLength, expected, "packed", $"SigmoidPacking.PackedLength<{typeName}>({inputs}, {outputs})");
        }
    }

    private static void CheckShape(int inputs, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
    }

    private static int PackedLength(int inputs, int outputs, int unit, string typeName)
    {
        // (outputs - 1) / unit + 1 = ceil(outputs / unit) without overflowing at outputs near int.MaxValue.
        long length = outputs < unit ? (long)outputs * inputs : (((long)(outputs - 1) / unit) + 1) * unit * inputs;
        if (length > int.MaxValue)
        {
            ThrowTooLong(length, inputs, outputs, typeName);
        }

        return (int)length;
    }

    private static int Unit<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return SingleUnit;
        }

        if (typeof(T) == typeof(double))
        {
            return DoubleUnit;
        }

        return ThrowNotSupported<T>();
    }

    [DoesNotReturn]
    private static void ThrowTooLong(long length, int inputs, int outputs, string typeName) =>
        throw new ArgumentOutOfRangeException(
            nameof(outputs),
            outputs,
            $"The packed form of {outputs} × {inputs} {typeName} weights would have {length} elements, more than the {int.MaxValue} a span can hold.");

    [DoesNotReturn]
    private static int ThrowNotSupported<T>() =>
        throw new NotSupportedException(
            $"SigmoidPacking supports float and double weights, not {typeof(T)}.");
}
