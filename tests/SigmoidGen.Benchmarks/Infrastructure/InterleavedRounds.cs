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

    /// <summary>
    /// Runs every call in four passes a quiet 150 ms apart, each call at least 40 times and 20 ms per pass, so that tiered
    /// compilation moves the calls past Tier0 before the rounds: a method moves up (Tier0, then instrumented, then Tier1)
    /// only when it is called again after 100 ms without new Tier0 code, so some calls and one sleep left them at Tier0.
    /// Checked with <c>DOTNET_JitDisasmSummary</c> on <c>--interleaved-ort 5 1x64x32</c>: the generated layers' methods
    /// and the benchmark methods that call them reach Tier1; ONNX Runtime's two-line managed call stays instrumented,
    /// a few ns of its microsecond.
    /// </summary>
    public static void WarmUp(IEnumerable<Func<float>> calls)
    {
        float sink = 0;
        for (int pass = 0; pass < 4; pass++)
        {
            foreach (Func<float> call in calls)
            {
                long start = Stopwatch.GetTimestamp();
                for (int n = 0; n < 40 || Stopwatch.GetElapsedTime(start).TotalMilliseconds < 20; n++)
                {
                    sink += call();
                }
            }

            Thread.Sleep(150);
        }

        Sink = sink;
    }

    /// <summary>
    /// Nanoseconds per call of <paramref name="count"/> calls of <paramref name="call"/> in a row. Compiled once, fully
    /// optimised: at Tier0 (where a harness's few hundred calls of it would leave it) its delegate call cost 15–18 ns more
    /// on the Zen 5, more than a one-row layer's own time.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
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
