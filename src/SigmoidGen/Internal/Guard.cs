using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SigmoidGen.Internal;

/// <summary>Argument checks shared by generated code. Not meant to be called by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Guard
{
    /// <summary>Throws when a span does not have exactly the length the declared shape needs.</summary>
    /// <param name="length">The span's actual length.</param>
    /// <param name="expected">The length the shape needs.</param>
    /// <param name="parameterName">The user's parameter name, reported by the exception.</param>
    /// <param name="shape">How the expected length is made up, e.g. <c>"outputs × inputs = 16 × 30"</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(int length, long expected, string parameterName, string shape)
    {
        if (length != expected)
        {
            ThrowLength(length, expected, parameterName, shape);
        }
    }

    /// <summary>
    /// Returns <c>length / rowLength</c>, the number of rows in a span holding whole rows, or throws when the span does
    /// not hold a whole number of rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Rows(int length, int rowLength, string parameterName, string rowName)
    {
        int rows = length / rowLength;
        if (rows * rowLength != length)
        {
            ThrowRows(length, rowLength, parameterName, rowName);
        }

        return rows;
    }

    /// <summary>
    /// Throws when a span the method writes shares memory with another of its spans: the kernels read each input while
    /// writing the outputs, so aliased buffers would corrupt the results.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NoOverlap(ReadOnlySpan<float> written, ReadOnlySpan<float> other, string writtenName, string otherName)
    {
        if (Overlap(
                ref Unsafe.As<float, byte>(ref MemoryMarshal.GetReference(written)), (nuint)written.Length * sizeof(float),
                ref Unsafe.As<float, byte>(ref MemoryMarshal.GetReference(other)), (nuint)other.Length * sizeof(float)))
        {
            ThrowOverlap(writtenName, otherName);
        }
    }

    /// <inheritdoc cref="NoOverlap(ReadOnlySpan{float}, ReadOnlySpan{float}, string, string)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NoOverlap(ReadOnlySpan<double> written, ReadOnlySpan<double> other, string writtenName, string otherName)
    {
        if (Overlap(
                ref Unsafe.As<double, byte>(ref MemoryMarshal.GetReference(written)), (nuint)written.Length * sizeof(double),
                ref Unsafe.As<double, byte>(ref MemoryMarshal.GetReference(other)), (nuint)other.Length * sizeof(double)))
        {
            ThrowOverlap(writtenName, otherName);
        }
    }

    /// <summary>
    /// Whether two byte ranges share memory (<see cref="MemoryExtensions.Overlaps{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>'s
    /// rule: never for an empty range). Written out instead of calling Overlaps: a backward method makes up to 15 such
    /// checks, and past its inlining budget the JIT left 10 of them as calls, 5–7 % of a (1, 64, 32) backward call.
    /// </summary>
    /// <remarks>
    /// Two non-empty ranges overlap when b − a lies in (−bBytes, aBytes), that is when (b − a) + (bBytes − 1) is below
    /// aBytes + bBytes − 1, modulo 2^64 (a negative sum wraps far above it; lengths are far below 2^63): one comparison
    /// and one branch where Overlaps makes two of each, plus one test per length that may be zero. That is 15 checks on
    /// every backward call, most of the argument checks' cost at the smallest shapes. An empty range can pass that
    /// comparison, so the emptiness tests come after it and run only then.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Overlap(ref byte a, nuint aBytes, ref byte b, nuint bBytes)
    {
        nuint offset = (nuint)Unsafe.ByteOffset(ref a, ref b); // b − a, modulo 2^64
        return offset + (bBytes - 1) < aBytes + (bBytes - 1) && aBytes != 0 && bBytes != 0;
    }

    // Each Throw method is one throw of an exception built elsewhere: small enough for the JIT to read, which then knows
    // the call never returns and moves it out of the hot path (a Throw method that built its message inline was treated
    // as a call that returns, and the values live across it cost the generated method saved registers).

    [DoesNotReturn]
    private static void ThrowOverlap(string writtenName, string otherName) => throw OverlapException(writtenName, otherName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ArgumentException OverlapException(string writtenName, string otherName) =>
        new ArgumentException(
            $"'{writtenName}' shares memory with '{otherName}'; the layer reads one while writing the other, so pass separate buffers.",
            writtenName);

    /// <summary>Throws when a scalar argument such as a learning rate is NaN or infinite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Finite(double value, string parameterName)
    {
        if (!double.IsFinite(value))
        {
            ThrowNotFinite(value, parameterName);
        }
    }

    [DoesNotReturn]
    private static void ThrowNotFinite(double value, string parameterName) => throw NotFiniteException(value, parameterName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ArgumentOutOfRangeException NotFiniteException(double value, string parameterName) =>
        new ArgumentOutOfRangeException(parameterName, value, $"'{parameterName}' must be a finite number.");

    [DoesNotReturn]
    private static void ThrowLength(int length, long expected, string parameterName, string shape) =>
        throw LengthException(length, expected, parameterName, shape);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ArgumentException LengthException(int length, long expected, string parameterName, string shape) =>
        new ArgumentException(
            $"'{parameterName}' must have exactly {expected} elements ({shape}), but has {length}.", parameterName);

    [DoesNotReturn]
    private static void ThrowRows(int length, int rowLength, string parameterName, string rowName) =>
        throw RowsException(length, rowLength, parameterName, rowName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ArgumentException RowsException(int length, int rowLength, string parameterName, string rowName) =>
        new ArgumentException(
            $"'{parameterName}' must hold whole rows of {rowLength} elements ({rowName}), but its length {length} is not a multiple of {rowLength}.",
            parameterName);
}
