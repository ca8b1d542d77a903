using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace SigmoidGen.Benchmarks.Infrastructure;

/// <summary>
/// The loop the interleaved harnesses share: every method runs one burst of calls per round, in an order rotated by one
/// every round, so that each round's times of all methods saw the same state of a shared, drifting machine; ratios are
/// then read within a round. Every call returns a value, added into <see cref="Sink"/>, so that no call is dead code.
/// </summary>
public static class InterleavedRounds
{
    /// <summary>The sum of the last burst's results: read by nobody, written so that the JIT keeps every call.</summary>
    public static float Sink { get; private set; }

    /// <summary>
    /// Times <paramref name="calls"/>: <c>times[m][k]</c> is method m's nanoseconds per call in round k, from a burst
    /// of <paramref name="burst"/>[m] calls.
    /// </summary>
    public static double[][] Run(IReadOnlyList<Func<float>> calls, IReadOnlyList<int> burst, int rounds)
    {
        var times = new double[calls.Count][];
        for (int m = 0; m < calls.Count; m++)
        {
            times[m] = new double[rounds];
        }

        for (int k = 0; k < rounds; k++)
        {
            for (int j = 0; j < calls.Count; j++)
            {
                int m = (j + k) % calls.Count;
                times[m][k] = NanosecondsPerCall(calls[m], burst[m]);
            }
        }

        return times;
    }

    /// <summary>Nanoseconds per call of <paramref name="count"/> calls of <paramref name="call"/> in a row.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double NanosecondsPerCall(Func<float> call, int count)
    {
        float sink = 0;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            sink += call();
        }

        double elapsed = (Stopwatch.GetTimestamp() - start) * (1e9 / Stopwatch.Frequency);
        Sink = sink;
        return elapsed / count;
    }
}
