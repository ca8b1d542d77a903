using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace SigmoidGen.Internal;

/// <summary>
/// Runs a generated forward kernel (<c>[SigmoidLayer(..., Parallel = true)]</c>) over the batch, split into contiguous
/// chunks of rows on the thread pool when the call has enough work for more than one, on the calling thread otherwise.
/// </summary>
/// <remarks>
/// The generator decides, per SIMD path, the two row counts that make a chunk worth it (see its
/// <c>Planning/ParallelPlanner.cs</c>); this class decides only how many chunks a call gets, from its batch and
/// <see cref="Environment.ProcessorCount"/>. Costs: a call that stays on one thread allocates nothing and adds a
/// division and a branch; a call that splits allocates one small object (the shared state of its chunks), pins the four
/// spans while it runs, and hands chunks to pool threads (a few microseconds while they spin; a call that would have to
/// wake a sleeping pool, and has less than <see cref="SplitGate.IdleMinUnits"/> units of work, runs whole here: see
/// <see cref="SplitGate"/>). The calling
/// thread runs chunks too and waits for the rest, so a starved pool costs speed, never progress. An exception thrown
/// by a chunk is rethrown on the calling thread, with its original stack trace, after every chunk has finished.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParallelRows
{
    /// <summary>
    /// Computes <paramref name="batch"/> rows with <typeparamref name="TKernel"/>: in
    /// <c>min(Environment.ProcessorCount, batch / minChunkRows)</c> chunks when that is 2 or more, else in one call here.
    /// </summary>
    /// <param name="x">The input, <c>[batch, inputs]</c>.</param>
    /// <param name="w">The weights, passed whole to every chunk.</param>
    /// <param name="b">The bias, passed whole to every chunk.</param>
    /// <param name="y">The output, <c>[batch, outputs]</c>: each chunk writes its own rows.</param>
    /// <param name="inputs">Elements per row of <paramref name="x"/>.</param>
    /// <param name="outputs">Elements per row of <paramref name="y"/>.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="grainRows">Chunks start at multiples of this many rows (the kernel's row tile), so that each chunk
    /// is made of the same tiles as in one call over the whole batch.</param>
    /// <param name="minChunkRows">The fewest rows a chunk may have (a multiple of <paramref name="grainRows"/>).</param>
    public static void Run<TKernel, T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y,
        int inputs, int outputs, int batch, int grainRows, int minChunkRows)
        where TKernel : struct, IRowKernel<T>
        where T : unmanaged
    {
        int chunks = ChunkCount(batch, minChunkRows, Environment.ProcessorCount);
        if (chunks <= 1)
        {
            // Too little work to share: no allocation, no pinning, the kernel called directly.
            TKernel.Run(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(w), ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(y), batch);
            return;
        }

        // Units of 2^20 flops: the minimum rows hold at least one (more where the path's tiles need more rows).
        if (SplitGate.Splits(batch / Math.Max(minChunkRows, 1)))
        {
            RunChunks<TKernel, T>(x, w, b, y, new RowChunks(inputs, outputs, batch, grainRows, chunks));
        }
        else
        {
            // A lone call while the pool sleeps: waking it would cost more than it saves (SplitGate).
            TKernel.Run(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(w), ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(y), batch);
        }

        SplitGate.Ended();
    }

    /// <summary>How many chunks a call of <paramref name="batch"/> rows gets on <paramref name="processors"/> processors.</summary>
    internal static int ChunkCount(int batch, int minChunkRows, int processors) =>
        Math.Min(processors, batch / Math.Max(minChunkRows, 1));

    private static unsafe void RunChunks<TKernel, T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y, RowChunks chunks)
        where TKernel : struct, IRowKernel<T>
        where T : unmanaged
    {
        // Pinned until every chunk has finished: Run returns only then.
        fixed (T* px = x, pw = w, pb = b, py = y)
        {
            new RowChunkJob<TKernel, T>((nint)px, (nint)pw, (nint)pb, (nint)py, chunks).Run();
        }
    }
}

/// <summary>
/// How a batch is cut: chunk <c>k</c> of <see cref="Count"/> starts at row
/// <c>floor(k · Batch / (Count · Grain)) · Grain</c> and the last one ends at <see cref="Batch"/>. Each chunk has at least
/// <c>floor(Batch / Count / Grain) · Grain</c> rows (so at least the minimum the count was chosen for, a multiple of
/// the grain) and at most <see cref="Grain"/> rows more than an even share.
/// </summary>
internal readonly record struct RowChunks(int Inputs, int Outputs, int Batch, int Grain, int Count)
{
    /// <summary>First row of chunk <paramref name="chunk"/>; <see cref="Batch"/> for <see cref="Count"/>.</summary>
    public int Start(int chunk) =>
        chunk >= Count ? Batch : (int)((long)chunk * Batch / ((long)Count * Grain)) * Grain;
}
