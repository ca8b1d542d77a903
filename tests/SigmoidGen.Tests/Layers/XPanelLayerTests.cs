using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// The swapped outer-product kernel (x as the panel, issue 17) against the double reference, at batches around its
/// thresholds (the panels' smallest batch, the outputs) and the edges of its blocks of rows (16, 32) and tiles; and bit
/// for bit against the W panels: a row's sums are the same products added in the same order, so every row of a batch
/// that takes x as the panel must equal that row in a batch that packs W. CI runs the class with AVX-512, AVX2 and all
/// hardware intrinsics disabled as well (every SIMD path).
/// </summary>
public class XPanelLayerTests
{
    private const double FloatExact = 2.5e-7;
    private const double DoubleExact = 1e-15;
    private const double FastError = 5e-6;

    private static readonly int[] Batches = [1, 15, 16, 17, 31, 32, 33, 34, 35, 36, 37, 40, 45, 47, 48, 49, 51, 52, 53, 55, 56, 60, 61, 63, 64, 65, 72, 80, 100];

    public static TheoryData<string, int, int, int, double> FloatCases()
    {
        var cases = new TheoryData<string, int, int, int, double>();
        foreach (int batch in Batches)
        {
            cases.Add(nameof(XPanelLayers.F784x128), batch, 784, 128, FloatExact);
            cases.Add(nameof(XPanelLayers.F512x512), batch, 512, 512, FloatExact);
            cases.Add(nameof(XPanelLayers.F512x512Fast), batch, 512, 512, FastError);
            cases.Add(nameof(XPanelLayers.F100x131), batch, 100, 131, FloatExact);
            cases.Add(nameof(XPanelLayers.F40x549), batch, 40, 549, FloatExact);
            cases.Add(nameof(XPanelLayers.F64x32), batch, 64, 32, FloatExact);
        }

        foreach (int batch in new[] { 127, 128, 129 })
        {
            cases.Add(nameof(XPanelLayers.F784x128), batch, 784, 128, FloatExact);
        }

        cases.Add(nameof(XPanelLayers.F784x128Batch64), 64, 784, 128, FloatExact);
        cases.Add(nameof(XPanelLayers.F512x512Batch63), 63, 512, 512, FloatExact);
        cases.Add(nameof(XPanelLayers.F512x512Batch48), 48, 512, 512, FloatExact);
        cases.Add(nameof(XPanelLayers.F512x512Batch45), 45, 512, 512, FloatExact);
        return cases;
    }

    public static TheoryData<string, int, int, int, double> DoubleCases()
    {
        var cases = new TheoryData<string, int, int, int, double>();
        foreach (int batch in Batches)
        {
            cases.Add(nameof(XPanelLayers.D784x128), batch, 784, 128, DoubleExact);
            cases.Add(nameof(XPanelLayers.D512x512), batch, 512, 512, DoubleExact);
            cases.Add(nameof(XPanelLayers.D100x131), batch, 100, 131, DoubleExact);
            cases.Add(nameof(XPanelLayers.D40x549), batch, 40, 549, DoubleExact);
            cases.Add(nameof(XPanelLayers.D64x32), batch, 64, 32, DoubleExact);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void FloatLayerMatchesDoubleReference(string layer, int batch, int inputs, int outputs, double sigmoidError) =>
        ReferenceLayer.AssertMatches(Get<float>(layer), batch, inputs, outputs, sigmoidError);

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void DoubleLayerMatchesDoubleReference(string layer, int batch, int inputs, int outputs, double sigmoidError) =>
        ReferenceLayer.AssertMatches(Get<double>(layer), batch, inputs, outputs, sigmoidError);

    [Theory]
    [InlineData(nameof(XPanelLayers.F784x128), 784, 128, 140)]
    [InlineData(nameof(XPanelLayers.F512x512), 512, 512, 520)]
    [InlineData(nameof(XPanelLayers.F100x131), 100, 131, 140)]
    [InlineData(nameof(XPanelLayers.F40x549), 40, 549, 560)]
    public void FloatRowsEqualThoseOfAWeightPanelBatch(string layer, int inputs, int outputs, int large) =>
        AssertRowsEqual(Get<float>(layer), inputs, outputs, large, FloatExact, (a, b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b));

    [Theory]
    [InlineData(nameof(XPanelLayers.D784x128), 784, 128, 140)]
    [InlineData(nameof(XPanelLayers.D100x131), 100, 131, 140)]
    [InlineData(nameof(XPanelLayers.D512x512), 512, 512, 520)]
    [InlineData(nameof(XPanelLayers.D40x549), 40, 549, 560)]
    public void DoubleRowsEqualThoseOfAWeightPanelBatch(string layer, int inputs, int outputs, int large) =>
        AssertRowsEqual(Get<double>(layer), inputs, outputs, large, DoubleExact, (a, b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b));

    [Fact]
    public void FixedBatchesEqualTheRunTimeBatch()
    {
        AssertFixedEqualsRunTime(XPanelLayers.F784x128Batch64, XPanelLayers.F784x128, 64, 784, 128);
        AssertFixedEqualsRunTime(XPanelLayers.F512x512Batch63, XPanelLayers.F512x512, 63, 512, 512);
        AssertFixedEqualsRunTime(XPanelLayers.F512x512Batch48, XPanelLayers.F512x512, 48, 512, 512);
        AssertFixedEqualsRunTime(XPanelLayers.F512x512Batch45, XPanelLayers.F512x512, 45, 512, 512);
    }

    private static void AssertFixedEqualsRunTime(ForwardLayer<float> fixedLayer, ForwardLayer<float> runTimeLayer, int batch, int inputs, int outputs)
    {
        float[] x = ReferenceLayer.Random<float>(batch * inputs, 5, 2);
        float[] w = ReferenceLayer.Random<float>(inputs * outputs, 6, 1.5 / Math.Sqrt(inputs));
        float[] b = ReferenceLayer.Random<float>(outputs, 7, 1);
        float[] fixedRows = new float[batch * outputs], runTime = new float[batch * outputs];
        fixedLayer(x, w, b, fixedRows);
        runTimeLayer(x, w, b, runTime);
        Assert.Equal(runTime, fixedRows);
    }

    /// <summary>
    /// Batches of 32 rows up to the outputs (x as the panel where the plan takes it; every batch of 32..40 and 45, 47, 48,
    /// 49, 51, 55, 56, 60, 72, 80: last blocks of one vector of rows and of two) against the first rows of
    /// <paramref name="large"/> rows (W as the panel). The rows after the whole blocks that the x panel computes as dot
    /// products over W's rows (<see cref="XPanelDotRest.Rows"/>: the same products added in another order) are checked against
    /// the double reference instead, within <paramref name="sigmoidError"/>'s bounds, as in the reference tests.
    /// </summary>
    private static void AssertRowsEqual<T>(ForwardLayer<T> layer, int inputs, int outputs, int large, double sigmoidError, Func<T, T, bool> equal)
        where T : struct, IConvertible
    {
        T[] x = ReferenceLayer.Random<T>(large * inputs, 3, 2);
        T[] w = ReferenceLayer.Random<T>(inputs * outputs, 4, 1.5 / Math.Sqrt(inputs));
        T[] b = ReferenceLayer.Random<T>(outputs, 5, 1);
        var all = new T[large * outputs];
        layer(x, w, b, all);
        (double[] expected, double[] bounds) = ReferenceLayer.Forward(x, w, b, large, inputs, outputs, sigmoidError);
        int[] edges = [45, 47, 48, 49, 51, 55, 56, 60, 62, 63, 72, 79, 80];
        foreach (int batch in Enumerable.Range(32, 9).Concat(edges).Concat(Enumerable.Range(0, outputs).Select(k => 40 + (13 * k)).TakeWhile(b => b < outputs)).Where(b => b < outputs).Distinct())
        {
            var y = new T[batch * outputs];
            layer(x.AsSpan(0, batch * inputs), w, b, y);
            int dotRows = XPanelDotRest.Rows<T>(batch, inputs, outputs);
            for (int k = 0; k < y.Length; k++)
            {
                if (k / outputs >= batch - dotRows)
                {
                    double actual = Convert.ToDouble(y[k]);
                    Assert.True(Math.Abs(actual - expected[k]) <= bounds[k], $"batch {batch}, row {k / outputs} (by dot products), output {k % outputs}: {actual:R}, expected {expected[k]:R} ± {bounds[k]:E2}");
                    continue;
                }

                Assert.True(equal(y[k], all[k]), $"batch {batch}, row {k / outputs}, output {k % outputs}: {y[k]} against {all[k]} in the batch of {large}");
            }
        }
    }

    private static ForwardLayer<T> Get<T>(string name) =>
        (ForwardLayer<T>)Delegate.CreateDelegate(typeof(ForwardLayer<T>), typeof(XPanelLayers), name);
}
