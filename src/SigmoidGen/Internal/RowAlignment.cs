using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SigmoidGen.Internal;

/// <summary>
/// Where an array lies, for kernels that store in aligned vectors wherever the user's array starts (the one-row
/// backward's weight gradient): only the speed depends on it, never the values.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RowAlignment
{
    /// <summary>
    /// The elements from <paramref name="reference"/> to the next boundary of <paramref name="bytes"/> bytes (a power
    /// of two), 0 when it lies on one: 0 to <paramref name="bytes"/> / sizeof(T) − 1. Read once per call: the GC may move
    /// the array afterwards, which only makes the stores unaligned again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe int ElementsToBoundary<T>(ref T reference, int bytes)
        where T : unmanaged =>
        (int)(((nuint)0 - (nuint)Unsafe.AsPointer(ref reference)) & (nuint)(bytes - 1)) / sizeof(T);
}
