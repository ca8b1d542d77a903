using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SigmoidGen.Benchmarks.Peak;

namespace SigmoidGen.Benchmarks.Layers;

/// <summary>
/// <c>--interleaved-parallel [rounds] [burstMs]</c>: <see cref="ParallelForwardBenchmarks"/>' two methods (one thread,
/// <c>Parallel = true</c>) per shape, in turn within each round, each as one untimed call (which wakes a sleeping pool
/// worker) then a burst of about <c>burstMs</c> (default 100) of back-to-back calls, so that the worker stays awake as in
/// BenchmarkDotNet's iterations and a burst does not pay its wake-up; on a shared host both methods of a round see about
/// the same load. Then, per shape, one lone call of each after 30 ms idle (the pool worker asleep): what a single
/// call pays. Prints the medians and minimums per call and the ratios one thread / Parallel (the per-round ratios' median).
/// The last row is the ceiling of the VM: the widest path's FMA peak kernel (<see cref="FmaPeakKernels"/>, 12 independent
/// chains) on the calling thread against the same work halved over the calling thread and a pool thread.
/// <c>--interleaved-parallel lone [rounds] [idleMs]</c> times lone calls only (default 40 rounds, 30 ms idle before
/// each): per round and shape, one thread and Parallel in turn (which first alternates by round), each after the idle
/// time, so that every Parallel call finds the pool worker asleep; prints the medians, the lower and upper quartiles
/// and the median of the per-round ratios one thread / Parallel.
/// </summary>
public static class InterleavedParallelLayers
{
    /// <summary>The command-line switch.</summary>
    public const string Switch = "--interleaved-parallel";

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "lone")
        {
            return RunLone(args[1..]);
        }

        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        double burstMs = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        Console.WriteLine($"Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}; {Environment.ProcessorCount} processors; {rounds} rounds of {burstMs} ms bursts; {DateTime.UtcNow:HH:mm:ss} UTC; load {Load()}");
        var shapes = Enum.GetValues<ParallelForwardBenchmarks.ParallelShape>();
        var benches = shapes.Select(s => { var b = new ParallelForwardBenchmarks { Shape = s }; b.Setup(); return b; }).ToArray();
        var calls = benches.Select(b => new Func<float[]>[] { b.SingleThread, b.Parallel }).ToList();
        calls.Add(new Func<float[]>[] { () => Peak(PeakIterations), PeakOnTwoThreads });
        string[] names = shapes.Select(s => s.ToString()).Append("FMA peak").ToArray();
        var counts = new int[names.Length][];
        for (int s = 0; s < names.Length; s++)
        {
            counts[s] = new int[2];
            for (int m = 0; m < 2; m++)
            {
                for (int k = 0; k < 50; k++)
                {
                    calls[s][m]();
                }

                double ns = Time(calls[s][m], 20);
                counts[s][m] = Math.Max(1, (int)(burstMs * 1e6 / ns));
            }
        }

        var times = new double[names.Length, 2, rounds];
        var lone = new double[names.Length, 2, rounds];
        for (int r = 0; r < rounds; r++)
        {
            for (int s = 0; s < names.Length; s++)
            {
                for (int j = 0; j < 2; j++)
                {
                    int m = (j + r) % 2;
                    calls[s][m]();
                    times[s, m, r] = Time(calls[s][m], counts[s][m]);
                }
            }

            for (int s = 0; s < names.Length; s++)
            {
                for (int m = 0; m < 2; m++)
                {
                    Thread.Sleep(30);
                    lone[s, m, r] = Time(calls[s][m], 1);
                }
            }
        }

        Console.WriteLine($"after the rounds: {DateTime.UtcNow:HH:mm:ss} UTC; load {Load()}");
        Console.WriteLine($"{"shape",-16} {"1 thread med/min us",20} {"Parallel med/min us",20} {"ratio med (min)",16} {"lone call 1T/Par us",20}");
        for (int s = 0; s < names.Length; s++)
        {
            double[] one = Row(times, s, 0, rounds), par = Row(times, s, 1, rounds);
            double[] ratios = Enumerable.Range(0, rounds).Select(r => one[r] / par[r]).ToArray();
            double[] loneOne = Row(lone, s, 0, rounds), lonePar = Row(lone, s, 1, rounds);
            Console.WriteLine(
                $"{names[s],-16} {Median(one) / 1e3,9:F2}/{one.Min() / 1e3,-9:F2} {Median(par) / 1e3,9:F2}/{par.Min() / 1e3,-9:F2} " +
                $"{Median(ratios),8:F2}x ({one.Min() / par.Min():F2}x) {Median(loneOne) / 1e3,9:F1}/{Median(lonePar) / 1e3,-9:F1}");
        }

        return 0;
    }

    /// <summary>The lone-call mode: <c>lone [rounds] [idleMs]</c>.</summary>
    private static int RunLone(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
        int idleMs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        Console.WriteLine($"lone calls: Vector512 {Vector512.IsHardwareAccelerated}; {Environment.ProcessorCount} processors; {rounds} rounds, {idleMs} ms idle; {DateTime.UtcNow:HH:mm:ss} UTC; load {Load()}");
        var shapes = Enum.GetValues<ParallelForwardBenchmarks.ParallelShape>();
        var benches = shapes.Select(s => { var b = new ParallelForwardBenchmarks { Shape = s }; b.Setup(); return b; }).ToArray();
        var calls = benches.Select(b => new Func<float[]>[] { b.SingleThread, b.Parallel }).ToList();
        calls.Add(new Func<float[]>[] { () => Peak(PeakIterations), PeakOnTwoThreads });
        string[] names = shapes.Select(s => s.ToString()).Append("FMA peak").ToArray();
        foreach (var pair in calls)
        {
            foreach (var call in pair)
            {
                for (int k = 0; k < 50; k++)
                {
                    call();
                }
            }
        }

        var lone = new double[names.Length, 2, rounds];
        for (int r = 0; r < rounds; r++)
        {
            for (int s = 0; s < names.Length; s++)
            {
                for (int j = 0; j < 2; j++)
                {
                    int m = (j + r) % 2;
                    Thread.Sleep(idleMs);
                    lone[s, m, r] = Time(calls[s][m], 1);
                }
            }
        }

        Console.WriteLine($"after the rounds: {DateTime.UtcNow:HH:mm:ss} UTC; load {Load()}");
        Console.WriteLine($"{"shape",-16} {"1 thread q1/med/q3 us",24} {"Parallel q1/med/q3 us",24} {"ratio med",10}");
        for (int s = 0; s < names.Length; s++)
        {
            double[] one = Row(lone, s, 0, rounds), par = Row(lone, s, 1, rounds);
            double[] ratios = Enumerable.Range(0, rounds).Select(r => one[r] / par[r]).ToArray();
            Console.WriteLine(
                $"{names[s],-16} {Quantile(one, 0.25) / 1e3,7:F1}/{Median(one) / 1e3,7:F1}/{Quantile(one, 0.75) / 1e3,-7:F1} " +
                $"{Quantile(par, 0.25) / 1e3,7:F1}/{Median(par) / 1e3,7:F1}/{Quantile(par, 0.75) / 1e3,-7:F1} {Median(ratios),8:F2}x");
        }

        return 0;
    }

    private static double Quantile(double[] values, double q)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted[(int)(q * (sorted.Length - 1))];
    }

    private const int PeakIterations = 200_000;

    private static readonly float[] PeakResult = new float[1];

    private static float[] Peak(int iterations)
    {
        PeakResult[0] = Vector512.IsHardwareAccelerated ? FmaPeakKernels.Peak512(iterations) : FmaPeakKernels.Peak256(iterations);
        return PeakResult;
    }

    /// <summary>The peak kernel's work halved over this thread and a pool thread (the pool thread's half queued first).</summary>
    private static float[] PeakOnTwoThreads()
    {
        float other = 0;
        var done = new ManualResetEventSlim();
        ThreadPool.UnsafeQueueUserWorkItem(_ => { other = Peak(PeakIterations / 2)[0]; done.Set(); }, null);
        float mine = Vector512.IsHardwareAccelerated ? FmaPeakKernels.Peak512(PeakIterations / 2) : FmaPeakKernels.Peak256(PeakIterations / 2);
        done.Wait();
        PeakResult[0] = mine + other;
        return PeakResult;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Time(Func<float[]> call, int count)
    {
        float sink = 0;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            sink += call()[0];
        }

        double ns = (Stopwatch.GetTimestamp() - start) * (1e9 / Stopwatch.Frequency) / count;
        Sink = sink;
        return ns;
    }

    /// <summary>Written so that the JIT keeps every call.</summary>
    public static float Sink { get; private set; }

    private static double[] Row(double[,,] t, int s, int m, int rounds) => Enumerable.Range(0, rounds).Select(r => t[s, m, r]).ToArray();

    private static double Median(double[] values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
