using System.Runtime.Intrinsics;
using Xunit;

namespace SigmoidGen.Tests;

/// <summary>
/// The scalar overloads of <see cref="SigmoidMath"/> give the bits of the 128-bit vector overloads on one lane. On a
/// machine with SIMD both run the same vector kernel; on the CI leg without it (<c>DOTNET_EnableHWIntrinsic=0</c>) the
/// scalar overloads run the kernel on the scalar itself (<c>SimdScalar</c>) and the vector ones the software
/// <c>Vector128</c>, so this compares the two implementations.
/// </summary>
public class SigmoidScalarTests
{
    private static IEnumerable<float> SingleInputs()
    {
        float[] special =
        [
            0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, float.PositiveInfinity,
            float.NegativeInfinity, float.NaN, 1e-8f, -1e-8f, 87.33f, -87.33f, -88.7f, -103.9f, -104f, -104.1f, 16.6f, 17f, 88.8f,
        ];
        foreach (float x in special)
        {
            yield return x;
        }

        for (float x = -120f; x <= 120f; x += 0.0371f)
        {
            yield return x;
        }

        var random = new Random(17);
        for (int i = 0; i < 100_000; i++)
        {
            yield return BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue));
        }
    }

    private static IEnumerable<double> DoubleInputs()
    {
        double[] special =
        [
            0d, -0d, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, double.PositiveInfinity,
            double.NegativeInfinity, double.NaN, 1e-17, -1e-17, 708.39, -708.39, -709.8, -745.2, 36.8, 37.5,
        ];
        foreach (double x in special)
        {
            yield return x;
        }

        for (double x = -800; x <= 800; x += 0.0937)
        {
            yield return x;
        }

        var random = new Random(19);
        for (int i = 0; i < 100_000; i++)
        {
            yield return BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
        }
    }

    [Fact]
    public void Single_ScalarEqualsVectorLane()
    {
        int checkedCount = 0;
        foreach (float x in SingleInputs())
        {
            AssertSame(SigmoidMath.Sigmoid(Vector128.Create(x)).GetElement(0), SigmoidMath.Sigmoid(x), x, "Exact");
            AssertSame(SigmoidMath.SigmoidFast(Vector128.Create(x)).GetElement(0), SigmoidMath.SigmoidFast(x), x, "Fast");
            checkedCount++;
        }

        Assert.True(checkedCount > 100_000);
    }

    [Fact]
    public void Double_ScalarEqualsVectorLane()
    {
        int checkedCount = 0;
        foreach (double x in DoubleInputs())
        {
            AssertSame(SigmoidMath.Sigmoid(Vector128.Create(x)).GetElement(0), SigmoidMath.Sigmoid(x), x, "Exact");
            AssertSame(SigmoidMath.SigmoidFast(Vector128.Create(x)).GetElement(0), SigmoidMath.SigmoidFast(x), x, "Fast");
            checkedCount++;
        }

        Assert.True(checkedCount > 100_000);
    }

    private static void AssertSame(float expected, float actual, float x, string kind)
    {
        if (float.IsNaN(expected) && float.IsNaN(actual))
        {
            return;
        }

        Assert.True(
            BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
            $"{kind} σ({x:R}): vector lane {expected:R}, scalar {actual:R}");
    }

    private static void AssertSame(double expected, double actual, double x, string kind)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual))
        {
            return;
        }

        Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{kind} σ({x:R}): vector lane {expected:R}, scalar {actual:R}");
    }
}
