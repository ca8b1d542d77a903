using System.Runtime.CompilerServices;

namespace SigmoidGen.Internal;

/// <summary>
/// The panel chunks of one call of <see cref="ParallelPanels"/> (scheduling in <see cref="ChunkJob"/>): chunk <c>k</c>
/// packs and runs its own panels over every row, with the whole x, W, bias and y.
/// </summary>
internal sealed class PanelChunkJob<TKernel, T> : ChunkJob
    where TKernel : struct, IPanelKernel<T>
    where T : unmanaged
{
    private readonly nint _x;
    private readonly nint _w;
    private readonly nint _b;
    private readonly nint _y;
    private readonly PanelChunks _chunks;

    /// <summary>A job over the pinned spans at <paramref name="x"/>, <paramref name="w"/>, <paramref name="b"/>, <paramref name="y"/>.</summary>
    /// <param name="x">Address of the pinned input.</param>
    /// <param name="w">Address of the pinned weights.</param>
    /// <param name="b">Address of the pinned bias.</param>
    /// <param name="y">Address of the pinned output.</param>
    /// <param name="chunks">How the panels are cut.</param>
    /// <param name="helpers">Pool threads to ask for.</param>
    public PanelChunkJob(nint x, nint w, nint b, nint y, PanelChunks chunks, int helpers)
        : base(chunks.Count, helpers)
    {
        _x = x;
        _w = w;
        _b = b;
        _y = y;
        _chunks = chunks;
    }

    protected override unsafe void RunChunk(int chunk) =>
        TKernel.RunPanels(
            ref Unsafe.AsRef<T>((void*)_x),
            ref Unsafe.AsRef<T>((void*)_w),
            ref Unsafe.AsRef<T>((void*)_b),
            ref Unsafe.AsRef<T>((void*)_y),
            _chunks.Batch,
            _chunks.Start(chunk),
            _chunks.Start(chunk + 1));
}
