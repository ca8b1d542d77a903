using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// The outer-product (panel) kernel does the rows after its last full tile with tiles that end at the last row and
/// overlap the rows before, computing those again but storing them once (issue 16). A row's arithmetic does not depend
/// on the tile it is in, so every row of a batch that takes the panels must come out bit for bit as in any other such
/// batch: here every batch from 32 rows (the panels' smallest batch for these shapes on every SIMD path) to 299 against
/// the first rows of a batch of 300. A row left as z, given σ twice or not written would differ. Run it with AVX-512 and
/// AVX2 disabled as well to cover the Vector256 and Vector128 panels. Rows that a batch taking x as the panel computes by
/// dot products (<see cref="XPanelDotRest"/>) are checked against the double reference instead.
/// </summary>
public class PanelRestRowsTests
{
    private const int Largest = 300;
    private const int Smallest = 32;

    /// <summary>The bound of σ for the rows by dot products, as in <see cref="XPanelLayerTests"/> (Exact precision).</summary>
    private const double SigmoidError = 2.5e-7;

    [Theory]
    [InlineData(nameof(ForwardLayers.F33x17), 33, 17)]
    [InlineData(nameof(ForwardLayers.F30x16), 30, 16)]
    [InlineData(nameof(ForwardLayers.F129x65), 129, 65)]
    [InlineData(nameof(ForwardLayers.F784x128), 784, 128)]
    public void EveryRowIsTheSameInEveryPanelBatch(string layer, int inputs, int outputs)
    {
        var random = new Random(16);
        float[] x = Fill(random, Largest * inputs, 2f);
        float[] w = Fill(random, outputs * inputs, 1f / MathF.Sqrt(inputs));
        float[] b = Fill(random, outputs, 0.5f);
        var forward = (Forward)Delegate.CreateDelegate(typeof(Forward), typeof(ForwardLayers), layer);
        float[] all = new float[Largest * outputs];
        forward(x, w, b, all);
        (double[] expected, double[] bounds) = ReferenceLayer.Forward(x, w, b, Largest, inputs, outputs, SigmoidError);

        for (int batch = Smallest; batch < Largest; batch += layer == nameof(ForwardLayers.F784x128) ? 7 : 1)
        {
            float[] y = new float[batch * outputs];
            forward(x.AsSpan(0, batch * inputs), w, b, y);
            int dotRows = XPanelDotRest.Rows<float>(batch, inputs, outputs);
            for (int i = 0; i < y.Length; i++)
            {
                if (i / outputs >= batch - dotRows)
                {
                    // A row after the whole blocks of a batch that takes x as the panel, by dot products: the double reference.
                    Assert.True(Math.Abs(y[i] - expected[i]) <= bounds[i], $"batch {batch}, row {i / outputs} (by dot products), output {i % outputs}: {y[i]:R}, expected {expected[i]:R} ± {bounds[i]:E2}");
                    continue;
                }

                Assert.True(
                    BitConverter.SingleToInt32Bits(y[i]) == BitConverter.SingleToInt32Bits(all[i]),
                    $"batch {batch}, row {i / outputs}, output {i % outputs}: {y[i]:R} against {all[i]:R} in the batch of {Largest}");
            }
        }
    }

    private delegate void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    private static float[] Fill(Random random, int length, float scale)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * scale;
        }

        return values;
    }
}
