using System.Runtime.Intrinsics;
using Xunit.Abstractions;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Issue 15 item 12: finite inputs whose weighted sums overflow float. What the kernels do is documented (README,
/// Accuracy) rather than fixed: see there for the reason. Pinned here, on both forward kernels (batches below 32 take
/// the dot-product tiles, 32 rows and more the outer-product panel kernel; CI runs this class on every SIMD path):
/// with overflow, every output is NaN, 0 or 1, never another value; without overflow, however large the sums, both
/// kernels give exactly what σ of the double-precision sum gives.
/// </summary>
public class OverflowingSumTests(ITestOutputHelper output)
{
    private const int Inputs = 784, Outputs = 128;

    public static TheoryData<int> Batches => new() { 1, 7, 31, 32, 64, 100 };

    [Theory]
    [MemberData(nameof(Batches))]
    public void OverflowingSumsGiveNaNZeroOrOneAndNothingElse(int batch)
    {
        // x and w uniform in ±3e38: nearly every product overflows float, the exact sums do not overflow double.
        var (x, w, b) = Data(batch, 3e38, seed: 15);
        float[] y = new float[batch * Outputs];
        ForwardLayers.F784x128(x, w, b, y);

        double[] exact = Reference(x, w, b, batch);
        Assert.All(exact, z => Assert.True(double.IsFinite(z), "the double-precision sums are finite"));

        int nan = y.Count(float.IsNaN), zeros = y.Count(v => v == 0f), ones = y.Count(v => v == 1f);
        Assert.Equal(y.Length, nan + zeros + ones);
        int agree = y.Where((v, k) => !float.IsNaN(v) && v == Sigmoid(exact[k])).Count();
        output.WriteLine($"batch {batch}, {Path()}: {nan} NaN, {zeros} zeros, {ones} ones of {y.Length}; " +
                         $"{agree} equal to σ of the double-precision sum");
    }

    [Theory]
    [MemberData(nameof(Batches))]
    public void LargeSumsThatDoNotOverflowMatchTheDoublePrecisionSum(int batch)
    {
        // x and w uniform in ±1e17: products below 1e34, sums of 784 of them below 7.9e36, under float's 3.4e38.
        var (x, w, b) = Data(batch, 1e17, seed: 16);
        float[] y = new float[batch * Outputs];
        ForwardLayers.F784x128(x, w, b, y);

        double[] exact = Reference(x, w, b, batch);
        for (int k = 0; k < y.Length; k++)
        {
            Assert.Equal(Sigmoid(exact[k]), y[k]); // 0 or 1: |z| is far above where σ saturates
        }
    }

    private static (float[] X, float[] W, float[] B) Data(int batch, double range, int seed)
    {
        var random = new Random(seed);
        float Next() => (float)((random.NextDouble() * 2 - 1) * range);
        float[] x = Enumerable.Range(0, batch * Inputs).Select(_ => Next()).ToArray();
        float[] w = Enumerable.Range(0, Outputs * Inputs).Select(_ => Next()).ToArray();
        float[] b = Enumerable.Range(0, Outputs).Select(_ => Next()).ToArray();
        return (x, w, b);
    }

    /// <summary>z = b + Σ x·w in double: every product of two floats is exact in double, and no sum overflows here.</summary>
    private static double[] Reference(float[] x, float[] w, float[] b, int batch)
    {
        var z = new double[batch * Outputs];
        for (int r = 0; r < batch; r++)
        {
            for (int o = 0; o < Outputs; o++)
            {
                double sum = b[o];
                for (int i = 0; i < Inputs; i++)
                {
                    sum += (double)x[r * Inputs + i] * w[o * Inputs + i];
                }

                z[r * Outputs + o] = sum;
            }
        }

        return z;
    }

    private static float Sigmoid(double z) => (float)(1.0 / (1.0 + System.Math.Exp(-z)));

    private static string Path() =>
        Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : Vector128.IsHardwareAccelerated ? "Vector128" : "Scalar";
}
