using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// The x panel's rows by dot products over W's rows (issue 17): on Vector512 tiles of 6 rows × 4 outputs while 6, 7 or
/// at least 10 rows are left, tiles of 4 rows, then single rows (<c>XRest6x4</c>); elsewhere tiles of 4 rows, then single
/// rows (<c>XRest4x4</c>). Every batch of 33 to 63 rows of the (512, 512) layer (every rest of 1..15 rows after two and
/// three whole vectors of float rows, 1..7 after four to seven of double rows) against the double reference, every row
/// within the bounds of the reference tests. CI runs the class on every SIMD path.
/// </summary>
public class XPanelDotTileTests
{
    private const double FloatExact = 2.5e-7;
    private const double DoubleExact = 1e-15;

    [Fact]
    public void FloatBatchesOf33To63RowsMatchTheDoubleReference() =>
        AssertBatches<float>(XPanelLayers.F512x512, FloatExact);

    [Fact]
    public void DoubleBatchesOf33To63RowsMatchTheDoubleReference() =>
        AssertBatches<double>(XPanelLayers.D512x512, DoubleExact);

    private static void AssertBatches<T>(ForwardLayer<T> layer, double sigmoidError)
        where T : struct, IConvertible
    {
        const int inputs = 512, outputs = 512, most = 63;
        T[] x = ReferenceLayer.Random<T>(most * inputs, 8, 2);
        T[] w = ReferenceLayer.Random<T>(inputs * outputs, 9, 1.5 / Math.Sqrt(inputs));
        T[] b = ReferenceLayer.Random<T>(outputs, 10, 1);
        (double[] expected, double[] bounds) = ReferenceLayer.Forward(x, w, b, most, inputs, outputs, sigmoidError);
        for (int batch = 33; batch <= most; batch++)
        {
            var y = new T[batch * outputs];
            layer(x.AsSpan(0, batch * inputs), w, b, y);
            for (int k = 0; k < y.Length; k++)
            {
                double actual = Convert.ToDouble(y[k]);
                Assert.True(Math.Abs(actual - expected[k]) <= bounds[k], $"batch {batch}, row {k / outputs}, output {k % outputs}: {actual:R}, expected {expected[k]:R} ± {bounds[k]:E2}");
            }
        }
    }
}
