using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// The one-row backward kernel (a batch of one row) of every form whose input and weight gradients may share one loop
/// over the outputs: a backward pass, <c>Accumulate</c>, plain SGD's training step, float and double, through whole
/// chunks and an overlapping tail (<see cref="OneRowBackwardLayers"/>), against the double reference and against each
/// other (the training step and <c>Accumulate</c> are the backward pass's gradients, applied or added). CI runs this
/// class again on every SIMD path.
/// </summary>
public class OneRowBackwardTests
{
    [Fact]
    public void FloatGradientsMatchDoubleReference() =>
        ReferenceBackward.AssertMatches<float>(OneRowBackwardLayers.F150x20, 1, 150, 20);

    [Fact]
    public void FixedBatchOfOneRowMatchesDoubleReference() =>
        ReferenceBackward.AssertMatches<float>(OneRowBackwardLayers.F150x20Batch1, 1, 150, 20);

    [Fact]
    public void DoubleGradientsMatchDoubleReference() =>
        ReferenceBackward.AssertMatches<double>(OneRowBackwardLayers.D75x21, 1, 75, 21);

    [Fact]
    public void FixedBatchGivesTheSameBitsAsRunTimeBatch()
    {
        (float[] x, float[] w, float[] y, float[] g) = ReferenceBackward.Data<float>(1, 150, 20, targets: false, seed: 3);
        var (dw, db, dx) = (new float[w.Length], new float[20], new float[150]);
        var (dw1, db1, dx1) = (new float[w.Length], new float[20], new float[150]);
        OneRowBackwardLayers.F150x20(x, w, y, g, dw, db, dx);
        OneRowBackwardLayers.F150x20Batch1(x, w, y, g, dw1, db1, dx1);
        Assert.Equal(dw, dw1);
        Assert.Equal(db, db1);
        Assert.Equal(dx, dx1);
    }

    [Fact]
    public void FloatAccumulateAddsTheBackwardGradients() =>
        AssertAccumulates<float>(OneRowBackwardLayers.F150x20, OneRowBackwardLayers.F150x20Accumulate, 150, 20);

    [Fact]
    public void DoubleAccumulateAddsTheBackwardGradients() =>
        AssertAccumulates<double>(OneRowBackwardLayers.D75x21, OneRowBackwardLayers.D75x21Accumulate, 75, 21);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FloatTrainStepAppliesTheBackwardGradients(bool fixedBatch) =>
        AssertSteps<float>(OneRowBackwardLayers.F150x20, fixedBatch ? OneRowBackwardLayers.F150x20StepBatch1 : OneRowBackwardLayers.F150x20Step, 150, 20, 0.25f);

    [Fact]
    public void DoubleTrainStepAppliesTheBackwardGradients() =>
        AssertSteps<double>(OneRowBackwardLayers.D75x21, OneRowBackwardLayers.D75x21Step, 75, 21, 0.25);

    private delegate void Step<T>(ReadOnlySpan<T> x, Span<T> w, Span<T> b, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, T learningRate, Span<T> dx);

    /// <summary><c>Accumulate</c> adds the same dW and db the backward pass writes (the same products: equal bits), and overwrites dx.</summary>
    private static void AssertAccumulates<T>(BackwardLayer<T> backward, BackwardLayer<T> accumulate, int inputs, int outputs)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        (T[] x, T[] w, T[] y, T[] g) = ReferenceBackward.Data<T>(1, inputs, outputs, targets: false, seed: 4);
        var (dw, db, dx) = (new T[w.Length], new T[outputs], new T[inputs]);
        backward(x, w, y, g, dw, db, dx);
        T[] dwAcc = ReferenceLayer.Random<T>(w.Length, 5, 1);
        T[] dbAcc = ReferenceLayer.Random<T>(outputs, 6, 1);
        T[] dxAcc = ReferenceLayer.Random<T>(inputs, 7, 1);
        T[] expectedW = dwAcc.Select((v, k) => v + dw[k]).ToArray();
        T[] expectedB = dbAcc.Select((v, k) => v + db[k]).ToArray();
        accumulate(x, w, y, g, dwAcc, dbAcc, dxAcc);
        Assert.Equal(expectedW, dwAcc);
        Assert.Equal(expectedB, dbAcc);
        Assert.Equal(dx, dxAcc);
    }

    /// <summary>Plain SGD's step is W − rate·dW and b − rate·db of the backward pass's gradients, and the same dx (from the weights before the update).</summary>
    private static void AssertSteps<T>(BackwardLayer<T> backward, Step<T> step, int inputs, int outputs, T rate)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        (T[] x, T[] w, T[] y, T[] g) = ReferenceBackward.Data<T>(1, inputs, outputs, targets: false, seed: 8);
        T[] b = ReferenceLayer.Random<T>(outputs, 9, 1);
        var (dw, db, dx) = (new T[w.Length], new T[outputs], new T[inputs]);
        backward(x, w, y, g, dw, db, dx);
        T[] expectedW = w.Select((v, k) => v - (rate * dw[k])).ToArray();
        T[] expectedB = b.Select((v, k) => v - (rate * db[k])).ToArray();
        T[] stepW = (T[])w.Clone();
        T[] stepB = (T[])b.Clone();
        var stepDx = new T[inputs];
        step(x, stepW, stepB, y, g, rate, stepDx);
        Assert.Equal(dx, stepDx);
        Assert.Equal(expectedW, stepW);
        Assert.Equal(expectedB, stepB);
    }
}
