using SigmoidGen.Internal;

namespace SigmoidGen.Tests.Internal;

/// <summary>
/// <see cref="Loss.BinaryCrossEntropySum(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, whose terms are computed in float
/// with vector logarithms, against the term in double precision (Math.Log, and a series for log(1 − y) at small y). Runs on
/// whichever SIMD path the process has (CI repeats these tests with AVX-512, AVX2 and all intrinsics off).
/// </summary>
public class LossTests
{
    // 64 equal lanes: every element goes through the widest vector loop, none through the scalar tail.
    private const int Lanes = 64;

    /// <summary>Three float ULPs, relative: the log (about one), the products and sums in float (one each at most).</summary>
    private const double TermRelativeError = 3.0 / (1 << 23);

    public static IEnumerable<object[]> Outputs()
    {
        var values = new List<float> { 0f, 1f, 0.5f, 1e-45f, 1e-40f, 3.7e-44f, 1.17549435e-38f, 1e-30f, 1e-10f, 1e-7f, 0.29f, 0.2929f, 0.7071f, 0.7072f, 0.99999994f, 0.9999999f };
        for (int k = 1; k <= 24; k++)
        {
            values.Add(1f - MathF.ScaleB(1f, -k)); // ever closer to 1: log(1 − y) from the exact 2^-k
            values.Add(MathF.ScaleB(1f, -5 * k));  // ever closer to 0
        }

        var random = new Random(7);
        for (int k = 0; k < 200; k++)
        {
            values.Add((float)random.NextDouble());
        }

        // Distinct values only: 1 − 2^-1 is 0.5 and 1 − 2^-23, 1 − 2^-24 are listed above; xunit would drop the repeats.
        return values.Distinct().Select(v => new object[] { v });
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void EachTermIsWithinThreeUlpOfTheDoubleTerm(float y)
    {
        foreach (float t in new[] { 0f, 1f, 0.25f, 0.5f, 0.9f })
        {
            double expected = Reference(y, t);
            double actual = Loss.BinaryCrossEntropySum(Enumerable.Repeat(y, Lanes).ToArray(), Enumerable.Repeat(t, Lanes).ToArray()) / Lanes;
            Assert.True(
                Math.Abs(actual - expected) <= TermRelativeError * Math.Abs(expected),
                $"y = {y:R}, t = {t:R}: {actual:R}, double reference {expected:R}");
        }
    }

    /// <summary>
    /// The term in double with log(1 − y) taken as log1p(−y) by its series for small y: Math.Log(1.0 − y) returns 0 below
    /// y ≈ 1e-16, where the true term is y.
    /// </summary>
    private static double Reference(double y, double t)
    {
        double log1pMinusY = y < 1e-4 ? -y - (y * y / 2) - (y * y * y / 3) - (y * y * y * y / 4) : Math.Log(1.0 - y);
        double positive = t == 0 ? 0 : t * Math.Max(Math.Log(y), -100.0);
        double negative = t == 1 ? 0 : (1.0 - t) * Math.Max(log1pMinusY, -100.0);
        return -(positive + negative);
    }

    [Fact]
    public void InvalidAndEdgeValuesBehaveAsTheDoubleTerm()
    {
        // (output, target, expected term): clamped logarithms, skipped zero-weight terms, NaN for what log rejects.
        var cases = new (float Y, float T, double Expected)[]
        {
            (0f, 1f, 100), (1f, 0f, 100), (0f, 0f, 0), (1f, 1f, 0),
            (float.NaN, 0.5f, double.NaN), (0.5f, float.NaN, double.NaN),
            (1.5f, 0.5f, double.NaN), (-0.5f, 0.5f, double.NaN),
        };
        foreach ((float y, float t, double expected) in cases)
        {
            Assert.Equal(expected, Loss.BinaryCrossEntropy(y, t), 12);
            double actual = Loss.BinaryCrossEntropySum(Enumerable.Repeat(y, Lanes).ToArray(), Enumerable.Repeat(t, Lanes).ToArray()) / Lanes;
            Assert.Equal(expected, actual, 12);
        }
    }

    [Fact]
    public void LongSumMatchesTheDoubleSum()
    {
        foreach (int length in new[] { 0, 1, 3, 7, 8, 15, 16, 17, 100, 10_000 })
        {
            var random = new Random(length);
            float[] y = new float[length], t = new float[length];
            double expected = 0;
            for (int i = 0; i < length; i++)
            {
                y[i] = (float)random.NextDouble();
                t[i] = (i % 3) switch { 0 => 0f, 1 => 1f, _ => (float)random.NextDouble() };
                expected += Loss.BinaryCrossEntropy(y[i], t[i]);
            }

            double actual = Loss.BinaryCrossEntropySum(y, t);
            Assert.True(Math.Abs(actual - expected) <= TermRelativeError * expected, $"length {length}: {actual:R}, double reference {expected:R}");
        }
    }
}
