using System;
using System.Diagnostics;
using System.Threading;

namespace SigmoidGen.Internal;

/// <summary>
/// Whether a call that has the work for two or more chunks (<see cref="ParallelRows"/>, <see cref="ParallelPanels"/>)
/// is worth handing to the thread pool now, or runs whole on the calling thread, as a single-threaded call does (the
/// same bits either way). Splitting pays when a pool thread is awake, as it is during a burst of calls; it does not pay
/// for a lone call after the pool has gone idle: waking the sleeping worker costs the caller 15–30 µs (the wake-up's
/// system call, with the other vCPU halted), and the worker starts 50–250 µs or more later, after most small calls are
/// done (issue 17, measured on the 2-vCPU VM: see <c>docs/benchmarks.md</c>, "Lone `Parallel` calls").
/// </summary>
/// <remarks>
/// A call splits when the previous call that could split ended less than <see cref="BurstMicroseconds"/> ago (the calls
/// come in a burst and the pool worker of the last one is still spinning, or about to be woken by this one for the calls
/// after it), or when it has at least <see cref="IdleMinUnits"/> units of work (2^20 flops each), enough to win back the
/// wake-up. Otherwise it runs whole here, allocating nothing. The first call of a burst therefore runs on one thread and
/// the next ones split. One process-wide time stamp, written by every call that could split: calls from several threads
/// share it, and a race only makes a call split or not one time too many.
/// </remarks>
internal static class SplitGate
{
    /// <summary>
    /// A call that starts this soon after the end of the last call that could split, splits. 5 ms (was 250 µs in the
    /// first version): calls that come every few ms, as in <c>--interleaved-large</c> (about 3 ms of other work between
    /// bursts), split 1.2–1.5× faster than one thread there, and lost that at 250 µs; a call after 3 ms of idle split
    /// at 0.94–1.11× one thread (noise), after 30 ms it does not split (issue 17, 2026-12-03 14:51–14:53 UTC, quiet VM).
    /// </summary>
    public const int BurstMicroseconds = 5000;

    /// <summary>
    /// A call with this many units of work (2^20 flops each, as the generator counts them: its chunks' minimum) splits even
    /// after the pool has gone idle. (256, 512, 512), 128 units, measured as slow split as whole when lone.
    /// </summary>
    public const long IdleMinUnits = 512;

    private static readonly long BurstTicks = Math.Max(1, BurstMicroseconds * Stopwatch.Frequency / 1_000_000);

    /// <summary>Stopwatch time at which the last call that could split ended; 0 before any.</summary>
    private static long s_lastEnd;

    /// <summary>Set by the tests: every call that can split splits (the split's bits and scheduling tested at every call).</summary>
    internal static bool SplitAlways { get; set; }

    /// <summary>Whether a call with <paramref name="units"/> units of work that can split should, now.</summary>
    public static bool Splits(long units) =>
        SplitAlways || Splits(units, Stopwatch.GetTimestamp() - Volatile.Read(ref s_lastEnd), BurstTicks);

    /// <summary>The rule, for the tests: a call with <paramref name="units"/> units of work, <paramref name="sinceLast"/> ticks after the last call ended.</summary>
    internal static bool Splits(long units, long sinceLast, long burstTicks) => sinceLast < burstTicks || units >= IdleMinUnits;

    /// <summary>Records the end of a call that could split (whether it did or not).</summary>
    public static void Ended() => Volatile.Write(ref s_lastEnd, Stopwatch.GetTimestamp());
}
