using SigmoidGen.Internal;

namespace SigmoidGen.Tests.Internal;

/// <summary>
/// <see cref="PanelPacking"/> against the definition <c>panel[k·columns + c] = weights[c·inputs + k]</c>, for widths that
/// are and are not multiples of the transpose blocks (16 floats with AVX-512, 8 floats, 4 doubles: the last block then
/// overlaps the one before) and inputs with and without a tail after the 16-, 8- or 4-input blocks. CI re-runs it with AVX-512, AVX2 and all intrinsics disabled (scalar fallback).
/// </summary>
public class PanelPackingTests
{
    public static TheoryData<int, int> Shapes()
    {
        var data = new TheoryData<int, int>();
        foreach (int columns in new[] { 1, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 20, 23, 24, 28, 31, 32, 33, 40, 48 })
        {
            foreach (int inputs in new[] { 1, 7, 8, 9, 15, 16, 17, 24, 30, 31, 33, 64 })
            {
                data.Add(inputs, columns);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FloatPanelIsTheTranspose(int inputs, int columns)
    {
        float[] weights = Enumerable.Range(0, (inputs * columns) + 3).Select(i => (float)i + 0.5f).ToArray();
        var panel = new float[(inputs * columns) + 3];
        PanelPacking.Pack(ref weights[0], inputs, columns, ref panel[0]);
        for (int k = 0; k < inputs; k++)
        {
            for (int c = 0; c < columns; c++)
            {
                Assert.Equal(weights[(c * inputs) + k], panel[(k * columns) + c]);
            }
        }

        Assert.All(panel[(inputs * columns)..], v => Assert.Equal(0f, v));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DoublePanelIsTheTranspose(int inputs, int columns)
    {
        double[] weights = Enumerable.Range(0, (inputs * columns) + 3).Select(i => i + 0.25).ToArray();
        var panel = new double[(inputs * columns) + 3];
        PanelPacking.Pack(ref weights[0], inputs, columns, ref panel[0]);
        for (int k = 0; k < inputs; k++)
        {
            for (int c = 0; c < columns; c++)
            {
                Assert.Equal(weights[(c * inputs) + k], panel[(k * columns) + c]);
            }
        }

        Assert.All(panel[(inputs * columns)..], v => Assert.Equal(0d, v));
    }
}
