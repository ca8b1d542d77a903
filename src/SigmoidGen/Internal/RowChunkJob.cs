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

    protected override unsafe void RunChunk(int chunk)
    {
        int start = _chunks.Start(chunk);
        int rows = _chunks.Start(chunk + 1) - start;
        ref T x = ref Unsafe.AsRef<T>((void*)_x);
        ref T y = ref Unsafe.AsRef<T>((void*)_y);
        TKernel.Run(
            ref Unsafe.Add(ref x, (nint)start * _chunks.Inputs),
            ref Unsafe.AsRef<T>((void*)_w),
            ref Unsafe.AsRef<T>((void*)_b),
            ref Unsafe.Add(ref y, (nint)start * _chunks.Outputs),
            rows);
    }
}
