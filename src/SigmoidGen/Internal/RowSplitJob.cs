namespace SigmoidGen.Internal;

/// <summary>
/// The two row chunks of a call of <see cref="ParallelPanels"/> that its kernel splits by rows
/// (<see cref="IPanelKernel{T}.SplitRow"/>; scheduling in <see cref="ChunkJob"/>): one runs the kernel over rows
/// 0..row−1, the other over row..batch−1, each with the whole weights and bias and its own rows of x and y.
/// </summary>
/// <remarks>
/// Chunk 0, which the calling thread takes (it starts first: the pool thread joins a few µs later), is the one with more
/// rows (the second on a tie: it holds the rows by dot products), so that the caller rarely finishes first and blocks:
/// a caller that waits past its spin sleeps, and waking it costs tens of µs. Measured (issue 17, 2026-12-03, 16:29 UTC)
/// with the first rows as chunk 0: (65, 784, 128) split 32 + 33 took 52.6 µs against 41.7 split by outputs, (70, …)
/// 32 + 38 66.9 against 45.7, while (81, …) 48 + 33 took 49.5–50.0 against 51.7 split by W's panels (86: 51.0–57.4
/// against 51.1; the load on the shared VM moved these by several µs).
/// </remarks>
internal sealed class RowSplitJob<TKernel, T> : ChunkJob
    where TKernel : struct, IRowKernel<T>
    where T : unmanaged
{
    private readonly nint _x;
    private readonly nint _w;
    private readonly nint _b;
    private readonly nint _y;
    private readonly int _inputs;
    private readonly int _outputs;
    private readonly int _batch;
    private readonly int _row;

    /// <summary>A job over the pinned spans at <paramref name="x"/>, <paramref name="w"/>, <paramref name="b"/>, <paramref name="y"/>.</summary>
    /// <param name="x">Address of the pinned input.</param>
    /// <param name="w">Address of the pinned weights.</param>
    /// <param name="b">Address of the pinned bias.</param>
    /// <param name="y">Address of the pinned output.</param>
    /// <param name="inputs">Elements per row of x.</param>
    /// <param name="outputs">Elements per row of y.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="row">The first row of the second chunk (0 &lt; row &lt; batch).</param>
    public RowSplitJob(nint x, nint w, nint b, nint y, int inputs, int outputs, int batch, int row)
        : base(2, helpers: 1)
    {
        _x = x;
        _w = w;
        _b = b;
        _y = y;
        _inputs = inputs;
        _outputs = outputs;
        _batch = batch;
        _row = row;
    }

    protected override void RunChunk(int chunk)
    {
        bool first = (chunk == 0) == (_row > _batch - _row);
        RowChunkJob<TKernel, T>.RunRows(_x, _w, _b, _y, _inputs, _outputs, first ? 0 : _row, first ? _row : _batch - _row);
    }
}
