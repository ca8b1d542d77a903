using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// The narrow backward kernel (<see cref="NarrowBackwardLayers"/>) against the double-precision reference at batches
/// around its tiles (one row, fewer rows than a tile, whole tiles, tiles and a rest, many tiles), and its variants
/// (no input gradient, Accumulate, binary cross-entropy, the SGD training step) against the plain backward pass. CI runs
/// this class again on every SIMD path.
/// </summary>
public class NarrowBackwardLayerTests
{
    public static TheoryData<string, int, int, int> FloatCases()
    {
        var data = new TheoryData<string, int, int, int>();
        foreach (int batch in new[] { 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 37, 64, 300, 1024 })
        {
            data.Add("F30x1", batch, 30, 1);
        }

        foreach (int batch in new[] { 1, 2, 3, 8, 9, 16, 17, 33, 100 })
        {
            data.Add("F16x1", batch, 16, 1);
            data.Add("F5x1", batch, 5, 1);
            data.Add("F64x1", batch, 64, 1);
            data.Add("F9x2", batch, 9, 2);
            data.Add("F33x2", batch, 33, 2);
        }

        data.Add("F300x1", 1, 300, 1);
        data.Add("F300x1", 37, 300, 1);
        data.Add("F30x1Batch37", 37, 30, 1);
        data.Add("F30x1Batch32", 32, 30, 1);
        return data;
    }

    public static TheoryData<string, int, int, int> DoubleCases()
    {
        var data = new TheoryData<string, int, int, int>();
        foreach (int batch in new[] { 1, 2, 3, 4, 5, 8, 9, 16, 17, 100 })
        {
            data.Add("D30x1", batch, 30, 1);
            data.Add("D13x1", batch, 13, 1);
            data.Add("D7x2", batch, 7, 2);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void FloatGradientsMatchDoubleReference(string layer, int batch, int inputs, int outputs) =>
        ReferenceBackward.AssertMatches(Get<float>(layer), batch, inputs, outputs);

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void DoubleGradientsMatchDoubleReference(string layer, int batch, int inputs, int outputs) =>
        ReferenceBackward.AssertMatches(Get<double>(layer), batch, inputs, outputs);

    [Theory]
    [InlineData(37)]
    [InlineData(1)]
    public void WithoutInputGradientTheParameterGradientsAreTheSame(int batch)
    {
        (float[] x, float[] w, float[] y, float[] g) = ReferenceBackward.Data<float>(batch, 30, 1, targets: false);
        var dw = new float[w.Length];
        var db = new float[1];
        NarrowBackwardLayers.F30x1(x, w, y, g, dw, db, new float[x.Length]);
        var dw2 = new float[w.Length];
        var db2 = new float[1];
        NarrowBackwardLayers.F30x1NoInputGradient(x, w, y, g, dw2, db2);
        Assert.Equal(dw, dw2);
        Assert.Equal(db, db2);
    }

    [Theory]
    [InlineData("F30x1", 30, 1, 37)]
    [InlineData("F30x1", 30, 1, 1)]
    [InlineData("F9x2", 9, 2, 21)]
    public void AccumulateAddsIntoParameterGradientsAndOverwritesInputGradient(string layer, int inputs, int outputs, int batch)
    {
        (float[] x, float[] w, float[] y, float[] g) = ReferenceBackward.Data<float>(batch, inputs, outputs, targets: false);
        var dw = new float[w.Length];
        var db = new float[outputs];
        var dx = new float[x.Length];
        Get<float>(layer)(x, w, y, g, dw, db, dx);

        float[] dwAcc = dw.Select((v, k) => 1f + k).ToArray();
        float[] dbAcc = db.Select(v => -2f).ToArray();
        float[] dxAcc = dx.Select(v => 7f).ToArray();
        Get<float>(layer + "Accumulate")(x, w, y, g, dwAcc, dbAcc, dxAcc);
        for (int k = 0; k < dw.Length; k++)
        {
            Assert.Equal(1f + k + dw[k], dwAcc[k]);
        }

        for (int k = 0; k < db.Length; k++)
        {
            Assert.Equal(-2f + db[k], dbAcc[k]);
        }

        Assert.Equal(dx, dxAcc);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(37)]
    [InlineData(1)]
    public void BinaryCrossEntropyLossAndGradientsMatchReference(int batch)
    {
        AssertBinaryCrossEntropy<float>(NarrowBackwardLayers.F30x1Bce, batch, 30, 1, 1e-5);
        AssertBinaryCrossEntropy<double>(NarrowBackwardLayers.D7x2Bce, batch, 7, 2, 1e-12);
    }

    [Theory]
    [InlineData("F30x1", 30, 1, 0.1f, 37)]
    [InlineData("F30x1", 30, 1, 0f, 37)]
    [InlineData("F30x1", 30, 1, 0.1f, 1)]
    [InlineData("F9x2", 9, 2, 0.1f, 21)]
    [InlineData("F9x2", 9, 2, 0.1f, 64)]
    public void TrainStepMatchesTheUnfusedPath(string layer, int inputs, int outputs, float rate, int batch)
    {
        (float[] x, float[] w, float[] y, float[] g) = ReferenceBackward.Data<float>(batch, inputs, outputs, targets: false);
        float[] b = ReferenceLayer.Random<float>(outputs, 5, 1);
        var dw = new float[w.Length];
        var db = new float[outputs];
        var dx = new float[x.Length];
        Get<float>(layer)(x, w, y, g, dw, db, dx);

        float[] stepW = (float[])w.Clone();
        float[] stepB = (float[])b.Clone();
        var stepDx = new float[x.Length];
        (layer == "F30x1" ? (TrainStep)NarrowBackwardLayers.F30x1Step : NarrowBackwardLayers.F9x2Step)(x, stepW, stepB, y, g, rate, stepDx);

        Assert.Equal(dx, stepDx); // computed with the weights before the update
        Assert.Equal(w.Select((v, k) => v - (rate * dw[k])), stepW);
        Assert.Equal(b.Select((v, k) => v - (rate * db[k])), stepB);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1)]
    public void BinaryCrossEntropyTrainStepMatchesTheUnfusedPath(int batch)
    {
        (float[] x, float[] w, float[] y, float[] t) = ReferenceBackward.Data<float>(batch, 30, 1, targets: true);
        float[] b = ReferenceLayer.Random<float>(1, 6, 1);
        var dw = new float[w.Length];
        var db = new float[1];
        var dx = new float[x.Length];
        float loss = NarrowBackwardLayers.F30x1Bce(x, w, y, t, dw, db, dx);

        float[] stepW = (float[])w.Clone();
        float[] stepB = (float[])b.Clone();
        var stepDx = new float[x.Length];
        float stepLoss = NarrowBackwardLayers.F30x1BceStep(x, stepW, stepB, y, t, 0.5f, stepDx);

        Assert.Equal(loss, stepLoss);
        Assert.Equal(dx, stepDx);
        Assert.Equal(w.Select((v, k) => v - (0.5f * dw[k])), stepW);
        Assert.Equal(b[0] - (0.5f * db[0]), stepB[0]);
    }

    private delegate void TrainStep(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float learningRate, Span<float> dx);

    private delegate T BinaryCrossEntropyLayer<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> y, ReadOnlySpan<T> target, Span<T> dw, Span<T> db, Span<T> dx);

    private static void AssertBinaryCrossEntropy<T>(BinaryCrossEntropyLayer<T> layer, int batch, int inputs, int outputs, double relativeLossError)
        where T : struct, IConvertible
    {
        (T[] x, T[] w, T[] y, T[] t) = ReferenceBackward.Data<T>(batch, inputs, outputs, targets: true);
        var dw = new T[w.Length];
        var db = new T[outputs];
        var dx = new T[x.Length];
        T loss = layer(x, w, y, t, dw, db, dx);

        ReferenceBackward expected = ReferenceBackward.Compute(x, w, y, t, batch, inputs, outputs, bce: true);
        Assert.Equal(expected.Loss, loss.ToDouble(null), relativeLossError * expected.Loss);
        ReferenceBackward.AssertClose("weightsGradient", dw, expected.WeightsGradient, expected.WeightsBound);
        ReferenceBackward.AssertClose("biasGradient", db, expected.BiasGradient, expected.BiasBound);
        ReferenceBackward.AssertClose("inputGradient", dx, expected.InputGradient, expected.InputBound);
    }

    private static BackwardLayer<T> Get<T>(string name) =>
        typeof(NarrowBackwardLayers).GetMethod(name)!.CreateDelegate<BackwardLayer<T>>();
}
