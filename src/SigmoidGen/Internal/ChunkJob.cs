using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace SigmoidGen.Internal;

/// <summary>
/// The chunks of one parallel call (<see cref="ParallelRows"/>, <see cref="ParallelPanels"/>): queued on the thread pool
/// once per helper thread it asks for, and run by the calling thread too. Whoever runs it takes chunks from a shared
/// counter until none are left, so chunks whose pool thread has not started yet are done by the threads already running
/// (with more chunks than threads, a helper that wakes late joins for the chunks still left); the calling thread then
/// waits for the chunks in progress. A queued item that starts after the call has returned finds no chunk
/// and touches nothing. Subclasses say what a chunk is (<see cref="RunChunk"/>).
/// </summary>
internal abstract class ChunkJob : IThreadPoolWorkItem
{
    private readonly int _count;
    private readonly int _helpers;
    private int _next = -1;
    private int _pending;
    private ExceptionDispatchInfo? _error;

    /// <summary>A job of <paramref name="count"/> chunks, run here and on <paramref name="helpers"/> pool threads (at most <c>count − 1</c>).</summary>
    protected ChunkJob(int count, int helpers)
    {
        _count = count;
        _helpers = Math.Min(helpers, count - 1);
        _pending = count;
    }

    /// <summary>Runs every chunk, on the pool and here, and returns when all are done (rethrowing the first exception).</summary>
    public void Run()
    {
        for (int k = 0; k < _helpers; k++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        RunAvailable();
        WaitForPending();
        _error?.Throw();
    }

    void IThreadPoolWorkItem.Execute() => RunAvailable();

    /// <summary>Computes chunk <paramref name="chunk"/> (0 ≤ chunk &lt; count), on whichever thread took it.</summary>
    protected abstract void RunChunk(int chunk);

    private void RunAvailable()
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _next)) < _count)
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
