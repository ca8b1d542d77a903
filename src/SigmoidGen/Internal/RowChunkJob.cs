using System.Runtime.CompilerServices;

namespace SigmoidGen.Internal;

/// <summary>
/// The row chunks of one parallel call of <see cref="ParallelRows"/> (scheduling in <see cref="ChunkJob"/>, one thread
/// per chunk): chunk <c>k</c> runs the kernel over its own rows of x and y, with the whole weights and bias.
/// </summary>
internal sealed class RowChunkJob<TKernel, T> : ChunkJob
    where TKernel : struct, IRowKernel<T>
    where T : unmanaged
{
    private readonly nint _x;
    private readonly nint _w;
    private readonly nint _b;
    private readonly nint _y;
    private readonly RowChunks _chunks;

    /// <summary>A job over the pinned spans at <paramref name="x"/>, <paramref name="w"/>, <paramref name="b"/>, <paramref name="y"/>.</summary>
    /// <param name="x">Address of the pinned input.</param>
    /// <param name="w">Address of the pinned weights.</param>
    /// <param name="b">Address of the pinned bias.</param>
    /// <param name="y">Address of the pinned output.</param>
    /// <param name="chunks">How the rows are cut.</param>
    public RowChunkJob(nint x, nint w, nint b, nint y, RowChunks chunks)
        : base(chunks.Count, helpers: chunks.Count - 1)
    {
        _x = x;
        _w = w;
        _b = b;
        _y = y;
        _chunks = chunks;
    }

    protected override void RunChunk(int chunk)
    {
        int start = _chunks.Start(chunk);
        RunRows(_x, _w, _b, _y, _chunks.Inputs, _chunks.Outputs, start, _chunks.Start(chunk + 1) - start);
    }

    /// <summary>
    /// Runs the kernel over <paramref name="rows"/> rows from row <paramref name="start"/> of the pinned x and y (rows of
    /// <paramref name="inputs"/> and <paramref name="outputs"/> elements), with the whole weights and bias: one chunk of
    /// rows, here and in <see cref="RowSplitJob{TKernel, T}"/>.
    /// </summary>
    internal static unsafe void RunRows(nint x, nint w, nint b, nint y, int inputs, int outputs, int start, int rows)
    {
        ref T x0 = ref Unsafe.AsRef<T>((void*)x);
        ref T y0 = ref Unsafe.AsRef<T>((void*)y);
        TKernel.Run(
            ref Unsafe.Add(ref x0, (nint)start * inputs),
            ref Unsafe.AsRef<T>((void*)w),
            ref Unsafe.AsRef<T>((void*)b),
            ref Unsafe.Add(ref y0, (nint)start * outputs),
            rows);
    }
}
