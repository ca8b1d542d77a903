using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// The narrow kernel's layers (<see cref="NarrowLayers"/>) against the double-precision reference, at every batch from 1
/// to two tiles and an odd number more on the widest path (33 rows: tiles of 16 one-output rows on Vector512, the last
/// tile overlapping the one before), and at larger odd batches. CI runs this class again with AVX-512, AVX2 and all
/// hardware intrinsics disabled, so every path's tiles and tails run.
/// </summary>
public class NarrowLayerTests
{
    private const double FloatExact = 2.5e-7;
    private const double DoubleExact = 1e-15;
    private const double FastError = 5e-6;

    private static readonly int[] Batches = Enumerable.Range(1, 33).Concat(new[] { 47, 100, 1001 }).ToArray();

    public static TheoryData<string, int, int, int, double> Cases()
    {
        var data = new TheoryData<string, int, int, int, double>();
        foreach (int batch in Batches)
        {
            data.Add(nameof(NarrowLayers.F1x1), batch, 1, 1, FloatExact);
            data.Add(nameof(NarrowLayers.F30x1), batch, 30, 1, FloatExact);
            data.Add(nameof(NarrowLayers.F16x1), batch, 16, 1, FloatExact);
            data.Add(nameof(NarrowLayers.F5x1), batch, 5, 1, FloatExact);
            data.Add(nameof(NarrowLayers.F9x2), batch, 9, 2, FloatExact);
            data.Add(nameof(NarrowLayers.F33x2Fast), batch, 33, 2, FastError);
            data.Add(nameof(NarrowLayers.F300x1), batch, 300, 1, FloatExact);
            data.Add(nameof(NarrowLayers.D1x1), batch, 1, 1, DoubleExact);
            data.Add(nameof(NarrowLayers.D13x1), batch, 13, 1, DoubleExact);
            data.Add(nameof(NarrowLayers.D7x2), batch, 7, 2, DoubleExact);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesDoubleReference(string layer, int batch, int inputs, int outputs, double sigmoidError)
    {
        Type element = layer[0] == 'D' ? typeof(double) : typeof(float);
        if (element == typeof(float))
        {
            ReferenceLayer.AssertMatches(Get<float>(layer), batch, inputs, outputs, sigmoidError);
        }
        else
        {
            ReferenceLayer.AssertMatches(Get<double>(layer), batch, inputs, outputs, sigmoidError);
        }
    }

    [Fact]
    public void FixedBatchMatchesDoubleReference() =>
        ReferenceLayer.AssertMatches<float>(NarrowLayers.F30x1Batch37, 37, 30, 1, FloatExact);

    [Fact]
    public void InfiniteInputsInLanesAlreadySummedDoNotTurnIntoNaN()
    {
        // 30 inputs: on Vector512 the second step is the vector of inputs 14..29 with lanes 14 and 15 masked out; an
        // infinite x there must count once (σ = 1 or 0), not be multiplied by a zeroed weight (NaN). Same for every row of a tile.
        const int batch = 40;
        var x = new float[batch * 30];
        var w = new float[30];
        for (int i = 0; i < 30; i++)
        {
            w[i] = 0.01f * (i + 1);
        }

        for (int row = 0; row < batch; row++)
        {
            x[(row * 30) + 14 + (row % 2)] = row % 4 < 2 ? float.PositiveInfinity : float.NegativeInfinity;
        }

        var y = new float[batch];
        NarrowLayers.F30x1(x, w, new[] { 0.25f }, y);
        for (int row = 0; row < batch; row++)
        {
            Assert.Equal(row % 4 < 2 ? 1f : 0f, y[row]);
        }
    }

    private static ForwardLayer<T> Get<T>(string name) =>
        typeof(NarrowLayers).GetMethod(name)!.CreateDelegate<ForwardLayer<T>>();
}
