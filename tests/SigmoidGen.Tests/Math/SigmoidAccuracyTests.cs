using Xunit;
using Xunit.Abstractions;
namespace SigmoidGen.Tests;

/// <summary>
/// Accuracy of every entry point of <see cref="SigmoidMath"/> against independent references: 10^7 inputs over
/// [-100, 100] per type and precision, shared out among the paths (half evenly spaced, half random), plus special values, threshold neighbourhoods and random bit
/// patterns. Exact float: at most 2 ULP from 1/(1+e^-x) computed in double; exact double: within 4 ULP of
/// 1.0/(1.0+Math.Exp(-x)); fast: absolute error at most 5e-6. Results whose reference is below the smallest normal may be
/// flushed, but must still lie in [0, smallest normal].
/// </summary>
public class SigmoidAccuracyTests
{
    private readonly ITestOutputHelper output;

    public SigmoidAccuracyTests(ITestOutputHelper output) => this.output = output;

    private const int Count = 10_000_000;
    private const int Chunk = 1 << 16;

    private static readonly SigmoidPath[] AllPaths = Enum.GetValues<SigmoidPath>();

    [Fact]
    public void ExactSingle_IsWithinTwoUlp_OnEveryPath() => AssertRange<float>(fast: false, limit: 2.0, "ULP");

    [Fact]
    public void FastSingle_HasAbsoluteErrorBelow5e6_OnEveryPath() => AssertRange<float>(fast: true, limit: 5e-6, "abs");

    [Fact]
    public void ExactDouble_IsWithinFourUlpOfReference_OnEveryPath() => AssertRange<double>(fast: false, limit: 4.0, "ULP");

    [Fact]
    public void FastDouble_HasAbsoluteErrorBelow5e6_OnEveryPath() => AssertRange<double>(fast: true, limit: 5e-6, "abs");

    private void AssertRange<T>(bool fast, double limit, string unit)
        where T : struct
    {
        Worst[] worst = MeasureRange<T>(fast);
        for (int p = 0; p < AllPaths.Length; p++)
        {
            output.WriteLine($"{typeof(T).Name} {(fast ? "fast" : "exact")} {AllPaths[p]}: {worst[p].Error:G4} {unit} at x = {worst[p].X:R}");
        }

        for (int p = 0; p < AllPaths.Length; p++)
        {
            Assert.True(worst[p].Error <= limit, $"{AllPaths[p]}: error {worst[p].Error} {unit} at x = {worst[p].X:R}");
        }
    }

    public static TheoryData<SigmoidPath, bool> PathsAndPrecisions()
    {
        var data = new TheoryData<SigmoidPath, bool>();
        foreach (SigmoidPath path in Enum.GetValues<SigmoidPath>())
        {
            data.Add(path, false);
            data.Add(path, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndPrecisions))]
    public void Single_SpecialValuesAndRandomBitPatterns(SigmoidPath path, bool fast)
    {
        float[] special =
        {
            0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, -float.NaN,
            BitConverter.Int32BitsToSingle(0x7FC01234), BitConverter.Int32BitsToSingle(unchecked((int)0xFF800001)),
            float.MaxValue, -float.MaxValue, float.Epsilon, -float.Epsilon, 1.17549435e-38f, -1.17549435e-38f,
            1e-30f, -1e-30f, 1f, -1f, 0.5f, -0.5f, 16f, 17f, 17.5f, 20f, -16f, -17f, 88f, 89f, 100f, 1e10f, 1e30f,
            -1e10f, -1e30f, -86f, -87f, -87.3365f, -87.33654f, -87.33655f, -87.34f, -87.5f, -87.68f, -87.7f, -88f,
            -88.72f, -88.73f, -100f, -103.27f, -103.28f, -103.97f, -103.98f, -104f, -110f, -119.9f, -120f, -120.1f,
            -150f, -1000f,
        };

        var rng = new Random(12345);
        var inputs = new float[special.Length + 200_000];
        special.CopyTo(inputs, 0);
        for (int i = special.Length; i < inputs.Length; i++)
        {
            inputs[i] = BitConverter.Int32BitsToSingle(rng.Next() ^ (rng.Next() << 1));
        }

        var results = new float[inputs.Length];
        SigmoidTestSupport.Run(path, fast, inputs, results);

        Assert.Equal(0.5f, results[0]);
        Assert.Equal(0.5f, results[1]);
        Assert.Equal(1f, results[2]);
        Assert.Equal(0f, results[3]);
        for (int i = 4; i < 8; i++)
        {
            Assert.True(float.IsNaN(results[i]), $"NaN input {i} gave {results[i]}");
        }

        Assert.Equal(1f, results[8]);
        Assert.Equal(0f, results[9]);

        Worst worst = Check(inputs, results, fast, 0, inputs.Length);
        Assert.True(worst.Error <= (fast ? 5e-6 : 2.0), $"{path}: error {worst.Error} at x = {worst.X:R}");
    }

    [Theory]
    [MemberData(nameof(PathsAndPrecisions))]
    public void Double_SpecialValuesAndRandomBitPatterns(SigmoidPath path, bool fast)
    {
        double[] special =
        {
            0d, -0d, double.PositiveInfinity, double.NegativeInfinity, double.NaN, -double.NaN,
            BitConverter.Int64BitsToDouble(0x7FF8000000001234), BitConverter.Int64BitsToDouble(unchecked((long)0xFFF0000000000001)),
            double.MaxValue, -double.MaxValue, double.Epsilon, -double.Epsilon, 2.2250738585072014e-308, -2.2250738585072014e-308,
            1e-300, -1e-300, 1, -1, 0.5, -0.5, 36, 37, 37.5, 40, -36, -37, 88, 89, 100, 710, 1e10, 1e300,
            -1e10, -1e300, -87.33654475055311, -88.72283905206835, -700, -708, -708.39, -708.3964185322641,
            -708.3964185322642, -708.39641853226408, -708.4, -708.5, -709, -709.78, -709.79, -720, -744.44, -745.13,
            -745.14, -746, -800, -1000, -1e5,
        };

        var rng = new Random(54321);
        var inputs = new double[special.Length + 200_000];
        special.CopyTo(inputs, 0);
        for (int i = special.Length; i < inputs.Length; i++)
        {
            inputs[i] = BitConverter.Int64BitsToDouble(rng.NextInt64() ^ (rng.NextInt64() << 1));
        }

        var results = new double[inputs.Length];
        SigmoidTestSupport.Run(path, fast, inputs, results);

        Assert.Equal(0.5, results[0]);
        Assert.Equal(0.5, results[1]);
        Assert.Equal(1.0, results[2]);
        Assert.Equal(0.0, results[3]);
        for (int i = 4; i < 8; i++)
        {
            Assert.True(double.IsNaN(results[i]), $"NaN input {i} gave {results[i]}");
        }

        Assert.Equal(1.0, results[8]);
        Assert.Equal(0.0, results[9]);

        Worst worst = Check(inputs, results, fast, 0, inputs.Length);
        Assert.True(worst.Error <= (fast ? 5e-6 : 4.0), $"{path}: error {worst.Error} at x = {worst.X:R}");
    }

    /// <summary>
    /// Largest error per path over [-100, 100], in ULP (exact) or absolute (fast), and where. The 10^7 inputs (even
    /// indices evenly spaced over the whole range, odd ones uniformly random) are dealt out chunk by chunk to the paths
    /// in turn, so every path sees the whole range while each input's reference is computed once.
    /// </summary>
    private static Worst[] MeasureRange<T>(bool fast)
        where T : struct
    {
        int chunks = (Count + Chunk - 1) / Chunk;
        var overall = new Worst[AllPaths.Length];
        object gate = new();
        Parallel.For(0, chunks, c =>
        {
            int length = (Count - c + chunks - 1) / chunks;
            var rng = new Random(c);
            SigmoidPath path = AllPaths[c % AllPaths.Length];
            Worst worst;
            if (typeof(T) == typeof(float))
            {
                var x = new float[length];
                var y = new float[length];
                for (int i = 0; i < length; i++)
                {
                    int g = (i * chunks) + c;
                    x[i] = (g & 1) == 0 ? (float)(-100.0 + (200.0 * g / (Count - 1))) : (float)((rng.NextDouble() * 200.0) - 100.0);
                }

                SigmoidTestSupport.Run(path, fast, x, y);
                worst = Check(x, y, fast, 0, length);
            }
            else
            {
                var x = new double[length];
                var y = new double[length];
                for (int i = 0; i < length; i++)
                {
                    int g = (i * chunks) + c;
                    x[i] = (g & 1) == 0 ? -100.0 + (200.0 * g / (Count - 1)) : (rng.NextDouble() * 200.0) - 100.0;
                }

                SigmoidTestSupport.Run(path, fast, x, y);
                worst = Check(x, y, fast, 0, length);
            }

            lock (gate)
            {
                int p = c % AllPaths.Length;
                if (worst.Error > overall[p].Error || double.IsNaN(worst.Error))
                {
                    overall[p] = worst;
                }
            }
        });
        return overall;
    }

    internal record struct Worst(double Error, double X);

    /// <summary>
    /// Checks the invariants (NaN in, NaN out; otherwise a number in [0, 1]; flushed results only where the reference is
    /// below the smallest normal) and returns the largest error. An invariant violation is reported as infinite error.
    /// </summary>
    internal static Worst Check(ReadOnlySpan<float> x, ReadOnlySpan<float> y, bool fast, int start, int end)
    {
        Worst worst = default;
        for (int i = start; i < end; i++)
        {
            double error;
            if (float.IsNaN(x[i]))
            {
                error = float.IsNaN(y[i]) ? 0 : double.PositiveInfinity;
            }
            else if (!(y[i] >= 0f && y[i] <= 1f))
            {
                error = double.PositiveInfinity;
            }
            else
            {
                double exact = SigmoidTestSupport.ReferenceForSingle(x[i]);
                if (fast)
                {
                    error = Math.Abs(y[i] - exact);
                }
                else if (exact >= SigmoidTestSupport.FloatMinNormal)
                {
                    error = SigmoidTestSupport.SingleUlps(y[i], exact);
                }
                else
                {
                    error = y[i] <= SigmoidTestSupport.FloatMinNormal ? 0 : double.PositiveInfinity;
                }
            }

            if (error > worst.Error)
            {
                worst = new Worst(error, x[i]);
            }
        }

        return worst;
    }

    /// <inheritdoc cref="Check(ReadOnlySpan{float}, ReadOnlySpan{float}, bool, int, int)"/>
    internal static Worst Check(ReadOnlySpan<double> x, ReadOnlySpan<double> y, bool fast, int start, int end)
    {
        Worst worst = default;
        for (int i = start; i < end; i++)
        {
            double error;
            if (double.IsNaN(x[i]))
            {
                error = double.IsNaN(y[i]) ? 0 : double.PositiveInfinity;
            }
            else if (!(y[i] >= 0.0 && y[i] <= 1.0))
            {
                error = double.PositiveInfinity;
            }
            else
            {
                double reference = SigmoidTestSupport.ReferenceForDouble(x[i]);
                if (fast)
                {
                    error = Math.Abs(y[i] - reference);
                }
                else if (reference >= SigmoidTestSupport.DoubleMinNormal)
                {
                    error = SigmoidTestSupport.DoubleUlps(y[i], reference);
                }
                else
                {
                    error = y[i] <= SigmoidTestSupport.DoubleMinNormal ? 0 : double.PositiveInfinity;
                }
            }

            if (error > worst.Error)
            {
                worst = new Worst(error, x[i]);
            }
        }

        return worst;
    }
}
