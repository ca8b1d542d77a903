using System;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace SigmoidGen.Internal;

/// <summary>
/// The chunks of one parallel call of <see cref="ParallelRows"/>: queued once per extra chunk on the thread pool, and
/// run by the calling thread too. Whoever runs it takes chunks from a shared counter until none are left, so chunks
/// whose pool thread has not started yet are done by the threads already running; the calling thread then waits for
/// the chunks in progress. A queued item that starts after the call has returned finds no chunk and touches nothing.
/// </summary>
internal sealed class RowChunkJob<TKernel, T> : IThreadPoolWorkItem
    where TKernel : struct, IRowKernel<T>
    where T : unmanaged
{
    private readonly nint _x;
    private readonly nint _w;
    private readonly nint _b;
    private readonly nint _y;
    private readonly RowChunks _chunks;
    private int _next = -1;
    private int _pending;
    private ExceptionDispatchInfo? _error;

    /// <summary>A job over the pinned spans at <paramref name="x"/>, <paramref name="w"/>, <paramref name="b"/>, <paramref name="y"/>.</summary>
    /// <param name="x">Address of the pinned input.</param>
    /// <param name="w">Address of the pinned weights.</param>
    /// <param name="b">Address of the pinned bias.</param>
    /// <param name="y">Address of the pinned output.</param>
    /// <param name="chunks">How the rows are cut.</param>
    public RowChunkJob(nint x, nint w, nint b, nint y, RowChunks chunks)
    {
        _x = x;
        _w = w;
        _b = b;
        _y = y;
        _chunks = chunks;
        _pending = chunks.Count;
    }

    /// <summary>Runs every chunk, on the pool and here, and returns when all are done (rethrowing the first exception).</summary>
    public void Run()
    {
        for (int k = 1; k < _chunks.Count; k++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        RunAvailable();
        WaitForPending();
        _error?.Throw();
    }

    void IThreadPoolWorkItem.Execute() => RunAvailable();

    private void RunAvailable()
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _next)) < _chunks.Count)
        {
            try
            {
                RunChunk(chunk);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(exception), null);
            }

            if (Interlocked.Decrement(ref _pending) == 0)
            {
                lock (this)
                {
                    Monitor.PulseAll(this);
                }
            }
        }
    }

    private unsafe void RunChunk(int chunk)
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

    /// <summary>Spins briefly (the other chunks are about as long as the one just done), then blocks.</summary>
    private void WaitForPending()
    {
        var spin = default(SpinWait);
        while (Volatile.Read(ref _pending) != 0)
        {
            if (spin.NextSpinWillYield)
            {
                lock (this)
                {
                    while (Volatile.Read(ref _pending) != 0)
                    {
                        Monitor.Wait(this);
                    }
                }

                return;
            }

            spin.SpinOnce();
        }
    }
}
