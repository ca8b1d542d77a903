using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace SigmoidGen.Internal;

/// <summary>
/// Runs a generated forward kernel (<c>[SigmoidLayer(..., Parallel = true)]</c>) whose path packs W per call into output
/// panels, split by panels rather than rows: each chunk packs only its own contiguous range of panels, once, and runs
/// every row over them, so W is packed once in total (a row split packs all of it in every chunk) and each thread reads
/// only its share of it. On the calling thread when the call has too little work for two chunks.
/// </summary>
/// <remarks>
/// The generator chooses, per SIMD path, between this and <see cref="ParallelRows"/> and gives the counts (see its
/// <c>Planning/ParallelPlanner.cs</c>); this class decides only how many chunks a call gets. Every output is computed by
/// the same panel and tile as in a single-threaded call (the same method, with the same rows and the same first output),
/// so the results are the same bits. A kernel may instead cut a call into two chunks of rows
/// (<see cref="IPanelKernel{T}.SplitRow"/>: the x panel's blocks of rows, each chunk making the block calls of a
/// single-threaded call), the same bits too. Costs as for <see cref="ParallelRows"/>: nothing allocated on one thread, one small
/// object per split call.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParallelPanels
{
    /// <summary>
    /// Computes <paramref name="batch"/> rows with <typeparamref name="TKernel"/>: its <paramref name="panels"/> panels in
    /// <see cref="ChunkCount(int, int, bool, int, int, int)"/> chunks when that is 2 or more, else the whole kernel in one call here.
    /// </summary>
    /// <param name="x">The input, <c>[batch, inputs]</c>, read whole by every chunk.</param>
    /// <param name="w">The weights, row-major: each chunk packs its panels' rows of them.</param>
    /// <param name="b">The bias.</param>
    /// <param name="y">The output, <c>[batch, outputs]</c>: each chunk writes its panels' columns of every row.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="minRows">The fewest rows for which the path runs its panels (below, it runs other tiles: one call here).</param>
    /// <param name="panels">Panels of the path, in the order a single-threaded call runs them.</param>
    /// <param name="lastOverlaps">Whether the last panel ends at the last output and overlaps the one before: both then
    /// stay in one chunk, in that order, because the overlapped outputs are written by both (the same values).</param>
    /// <param name="minChunkRowPanels">The least work of a chunk, in rows × panels.</param>
    /// <param name="chunksPerProcessor">At most this many chunks per processor: <see cref="ChunksPerProcessor"/>, or 1 for a
    /// batch that takes x as the panel, where every chunk packs x's rows itself (more chunks, more packs of x).</param>
    public static void Run<TKernel, T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y,
        int batch, int minRows, int panels, bool lastOverlaps, int minChunkRowPanels, int chunksPerProcessor = ChunksPerProcessor)
        where TKernel : struct, IPanelKernel<T>
        where T : unmanaged
    {
        int processors = Environment.ProcessorCount;
        int chunks = batch < minRows ? 1 : ChunkCount(batch, panels, lastOverlaps, minChunkRowPanels, processors, chunksPerProcessor);
        if (chunks <= 1)
        {
            // Too little work to share: no allocation, no pinning, the kernel called directly.
            TKernel.Run(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(w), ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(y), batch);
            return;
        }

        if (SplitGate.Splits((long)batch * panels / Math.Max(minChunkRowPanels, 1)))
        {
            int row = TKernel.SplitRow(batch);
            if (row > 0 && row < batch)
            {
                // The kernel's blocks of rows fall into two halves (x as the panel): two chunks of rows, each packing its own rows of x.
                RunRowHalves<TKernel, T>(x, w, b, y, batch, row);
            }
            else
            {
                RunChunks<TKernel, T>(x, w, b, y, new PanelChunks(batch, panels, chunks), Math.Min(processors, chunks) - 1);
            }
        }
        else
        {
            // A lone call while the pool sleeps: waking it would cost more than it saves (SplitGate).
            TKernel.Run(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(w), ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(y), batch);
        }

        SplitGate.Ended();
    }

    /// <summary>
    /// Chunks per processor at most. Panels, unlike rows, cost nothing more to run in more chunks (each is packed once
    /// whichever chunk runs it), and with several chunks per thread a pool thread that wakes late (tens of µs from
    /// sleep) only joins for the chunks left, instead of holding back half of the call: a split call after the pool has
    /// gone idle (only the large ones split then: <see cref="SplitGate"/>) costs about the one-thread time plus a chunk
    /// at worst, never the wake-up plus half the call.
    /// </summary>
    public const int ChunksPerProcessor = 4;

    /// <summary>
    /// How many chunks a call gets: at most <see cref="ChunksPerProcessor"/> per processor, one per panel (the overlapping
    /// last panel counted with the one before), and as many as have <paramref name="minChunkRowPanels"/> rows × panels of
    /// work each; 1 (no split) on one processor.
    /// </summary>
    internal static int ChunkCount(int batch, int panels, bool lastOverlaps, int minChunkRowPanels, int processors) =>
        ChunkCount(batch, panels, lastOverlaps, minChunkRowPanels, processors, ChunksPerProcessor);

    /// <summary>As above, with at most <paramref name="chunksPerProcessor"/> chunks per processor.</summary>
    internal static int ChunkCount(int batch, int panels, bool lastOverlaps, int minChunkRowPanels, int processors, int chunksPerProcessor)
    {
        if (processors < 2)
        {
            return 1;
        }

        int units = lastOverlaps ? panels - 1 : panels;
        long byWork = (long)batch * panels / Math.Max(minChunkRowPanels, 1);
        return (int)Math.Min(Math.Min((long)processors * chunksPerProcessor, units), byWork);
    }

    private static unsafe void RunRowHalves<TKernel, T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y, int batch, int row)
        where TKernel : struct, IPanelKernel<T>
        where T : unmanaged
    {
        // The generated entry has checked x and y to be whole rows: batch × inputs and batch × outputs.
        fixed (T* px = x, pw = w, pb = b, py = y)
        {
            new RowSplitJob<TKernel, T>((nint)px, (nint)pw, (nint)pb, (nint)py, x.Length / batch, y.Length / batch, batch, row).Run();
        }
    }

    private static unsafe void RunChunks<TKernel, T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y, PanelChunks chunks, int helpers)
        where TKernel : struct, IPanelKernel<T>
        where T : unmanaged
    {
        // Pinned until every chunk has finished: Run returns only then.
        fixed (T* px = x, pw = w, pb = b, py = y)
        {
            new PanelChunkJob<TKernel, T>((nint)px, (nint)pw, (nint)pb, (nint)py, chunks, helpers).Run();
        }
    }
}

/// <summary>
/// How the panels are cut: chunk <c>k</c> of <see cref="Count"/> runs panels <c>Start(k)</c> to <c>Start(k + 1)</c> − 1,
/// <c>Start(k) = floor(k · Panels / Count)</c>, for all <see cref="Batch"/> rows. With <see cref="Count"/> at most
/// <see cref="Panels"/> − 1 (an overlapping last panel: <see cref="ParallelPanels.ChunkCount(int, int, bool, int, int, int)"/>), the last chunk has
/// <c>ceil(Panels / Count)</c> ≥ 2 panels, so the last panel and the one it overlaps are never in different chunks.
/// </summary>
internal readonly record struct PanelChunks(int Batch, int Panels, int Count)
{
    /// <summary>First panel of chunk <paramref name="chunk"/>; <see cref="Panels"/> for <see cref="Count"/>.</summary>
    public int Start(int chunk) => chunk >= Count ? Panels : (int)((long)chunk * Panels / Count);
}
