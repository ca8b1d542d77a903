using Xunit;
namespace SigmoidGen.Tests;

/// <summary>The span helpers: every tail length, in place and not, writes nothing outside the destination, and rejects
/// bad arguments before writing.</summary>
public class SigmoidSpanTests
{
    private const float SentinelF = 12345f;
    private const double SentinelD = 12345.0;

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Single_AllLengthsUpTo40_AreAccurateAndStayInBounds(bool fast, bool inPlace) =>
        CheckSingleLengths(fast, inPlace, 0, 40);

    /// <summary>
    /// The sweep takes four vectors at a time on Vector512 and Vector128 (64 and 16 floats), two on Vector256 (16), then one, then the tail: every
    /// length across two steps of four Vector512s, each value bit-identical to the scalar function (one vector at a time on
    /// one machine runs the same arithmetic) and within the accuracy bound.
    /// </summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Single_LengthsAcrossTheFourVectorSteps_MatchTheScalarFunction(bool fast, bool inPlace) =>
        CheckSingleLengths(fast, inPlace, 56, 144, bitsOfScalar: true);

    private static void CheckSingleLengths(bool fast, bool inPlace, int from, int to, bool bitsOfScalar = false)
    {
        var rng = new Random(7);
        for (int length = from; length <= to; length++)
        {
            for (int offset = 0; offset < 3; offset++)
            {
                var x = new float[length];
                for (int i = 0; i < length; i++)
                {
                    x[i] = (float)((rng.NextDouble() * 40) - 20);
                }

                var buffer = new float[length + 6];
                Array.Fill(buffer, SentinelF);
                Span<float> destination = buffer.AsSpan(offset, length);
                if (inPlace)
                {
                    x.CopyTo(destination);
                    if (fast) SigmoidMath.SigmoidFast(destination, destination); else SigmoidMath.Sigmoid(destination, destination);
                }
                else
                {
                    if (fast) SigmoidMath.SigmoidFast(x, destination); else SigmoidMath.Sigmoid(x, destination);
                }

                for (int i = 0; i < buffer.Length; i++)
                {
                    if (i < offset || i >= offset + length)
                    {
                        Assert.Equal(SentinelF, buffer[i]);
                    }
                }

                var worst = SigmoidAccuracyTests.Check(x, destination, fast, 0, length);
                Assert.True(worst.Error <= (fast ? 5e-6 : 2.0), $"length {length}: error {worst.Error} at {worst.X}");
                if (bitsOfScalar)
                {
                    for (int i = 0; i < length; i++)
                    {
                        float expected = fast ? SigmoidMath.SigmoidFast(x[i]) : SigmoidMath.Sigmoid(x[i]);
                        Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(destination[i]), $"length {length}, index {i}: {destination[i]:R}, scalar {expected:R}");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Double_AllLengthsUpTo40_AreAccurateAndStayInBounds(bool fast, bool inPlace)
    {
        var rng = new Random(8);
        for (int length = 0; length <= 40; length++)
        {
            for (int offset = 0; offset < 3; offset++)
            {
                var x = new double[length];
                for (int i = 0; i < length; i++)
                {
                    x[i] = (rng.NextDouble() * 80) - 40;
                }

                var buffer = new double[length + 6];
                Array.Fill(buffer, SentinelD);
                Span<double> destination = buffer.AsSpan(offset, length);
                if (inPlace)
                {
                    x.CopyTo(destination);
                    if (fast) SigmoidMath.SigmoidFast(destination, destination); else SigmoidMath.Sigmoid(destination, destination);
                }
                else
                {
                    if (fast) SigmoidMath.SigmoidFast(x, destination); else SigmoidMath.Sigmoid(x, destination);
                }

                for (int i = 0; i < buffer.Length; i++)
                {
                    if (i < offset || i >= offset + length)
                    {
                        Assert.Equal(SentinelD, buffer[i]);
                    }
                }

                var worst = SigmoidAccuracyTests.Check(x, destination, fast, 0, length);
                Assert.True(worst.Error <= (fast ? 5e-6 : 4.0), $"length {length}: error {worst.Error} at {worst.X}");
            }
        }
    }

    [Fact]
    public void InPlace_MatchesTheScalarFunction()
    {
        // Not bit-for-bit a requirement across widths, but on one machine every width runs the same arithmetic.
        var x = Enumerable.Range(0, 37).Select(i => (float)(i - 18) * 0.7f).ToArray();
        var y = (float[])x.Clone();
        SigmoidMath.Sigmoid(y, y);
        for (int i = 0; i < x.Length; i++)
        {
            double exact = SigmoidTestSupport.ReferenceForSingle(x[i]);
            Assert.True(SigmoidTestSupport.SingleUlps(y[i], exact) <= 2.0);
            Assert.True(SigmoidTestSupport.SingleUlps(SigmoidMath.Sigmoid(x[i]), exact) <= 2.0);
        }
    }

    public static TheoryData<int, int> LengthMismatches => new() { { 5, 4 }, { 5, 6 }, { 0, 1 }, { 17, 0 }, { 64, 63 } };

    [Theory]
    [MemberData(nameof(LengthMismatches))]
    public void LengthMismatch_ThrowsForDestination_AndWritesNothing(int inputLength, int destinationLength)
    {
        var xf = Enumerable.Repeat(1f, inputLength).ToArray();
        var xd = Enumerable.Repeat(1.0, inputLength).ToArray();
        var df = Enumerable.Repeat(SentinelF, destinationLength).ToArray();
        var dd = Enumerable.Repeat(SentinelD, destinationLength).ToArray();

        AssertDestination(() => SigmoidMath.Sigmoid(xf, df));
        AssertDestination(() => SigmoidMath.SigmoidFast(xf, df));
        AssertDestination(() => SigmoidMath.Sigmoid(xd, dd));
        AssertDestination(() => SigmoidMath.SigmoidFast(xd, dd));
        Assert.All(df, v => Assert.Equal(SentinelF, v));
        Assert.All(dd, v => Assert.Equal(SentinelD, v));
    }

    [Fact]
    public void PartialOverlap_ThrowsForDestination_AndWritesNothing()
    {
        var buffer = Enumerable.Range(0, 40).Select(i => (float)i).ToArray();
        var before = (float[])buffer.Clone();
        AssertDestination(() => SigmoidMath.Sigmoid(buffer.AsSpan(0, 32), buffer.AsSpan(1, 32)));
        AssertDestination(() => SigmoidMath.SigmoidFast(buffer.AsSpan(3, 32), buffer.AsSpan(0, 32)));
        Assert.Equal(before, buffer);

        var doubles = Enumerable.Range(0, 40).Select(i => (double)i).ToArray();
        var beforeD = (double[])doubles.Clone();
        AssertDestination(() => SigmoidMath.Sigmoid(doubles.AsSpan(0, 32), doubles.AsSpan(8, 32)));
        AssertDestination(() => SigmoidMath.SigmoidFast(doubles.AsSpan(8, 32), doubles.AsSpan(0, 32)));
        Assert.Equal(beforeD, doubles);
    }

    private static void AssertDestination(Action action)
    {
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(action);
        Assert.IsType<ArgumentException>(e);
        Assert.Equal("destination", e.ParamName);
    }
}
