using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Generated backward passes and training steps against the double-precision reference, central finite differences of
/// the forward layer, and a hand-checked case. CI runs this class again on every SIMD path.
/// </summary>
public class BackwardLayerTests
{
    public static TheoryData<string, int, int, int> FloatCases => new()
    {
        { "F1x1", 5, 1, 1 }, { "F3x5", 1, 3, 5 }, { "F3x5", 6, 3, 5 }, { "F4x8", 1, 4, 8 }, { "F33x17", 7, 33, 17 },
        { "F33x17", 300, 33, 17 }, { "F129x65", 3, 129, 65 }, { "F129x65", 9, 129, 65 }, { "F17x257", 2, 17, 257 },
        { "F33x17Batch7", 7, 33, 17 }, { "F1000x9", 50, 1000, 9 }, { "F1000x9", 5, 1000, 9 },
        { "F300x250", 100, 300, 250 }, { "F300x250", 55, 300, 250 },
        { "F130x129Batch13", 13, 130, 129 }, { "F130x129Batch11", 11, 130, 129 },
        { "F256x80", 40, 256, 80 }, { "F256x80", 27, 256, 80 },

        // A batch of one row has its own kernel: whole chunks of up to 8 vectors, a tail chunk that overlaps, scalars.
        { "F33x17", 1, 33, 17 }, { "F129x65", 1, 129, 65 }, { "F17x257", 1, 17, 257 }, { "F1000x9", 1, 1000, 9 },
        { "F300x250", 1, 300, 250 }, { "F1x1", 1, 1, 1 },
    };

    public static TheoryData<string, int, int, int> DoubleCases => new()
    {
        { "D1x1", 5, 1, 1 }, { "D3x5", 6, 3, 5 }, { "D33x17", 7, 33, 17 }, { "D129x65", 9, 129, 65 },
        { "D17x257", 2, 17, 257 }, { "D33x17Batch7", 7, 33, 17 }, { "D1000x9", 40, 1000, 9 },
        { "D200x170", 103, 200, 170 }, { "D128x80", 17, 128, 80 },
        { "D3x5", 1, 3, 5 }, { "D33x17", 1, 33, 17 }, { "D129x65", 1, 129, 65 }, { "D200x170", 1, 200, 170 },
    };

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void FloatGradientsMatchDoubleReference(string layer, int batch, int inputs, int outputs) =>
        ReferenceBackward.AssertMatches(Get<float>(layer), batch, inputs, outputs);

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void DoubleGradientsMatchDoubleReference(string layer, int batch, int inputs, int outputs) =>
        ReferenceBackward.AssertMatches(Get<double>(layer), batch, inputs, outputs);

    [Theory]
    [InlineData("D3x5", "D3x5", 4, 3, 5)]
    [InlineData("D33x17", "D33x17", 5, 33, 17)]
    [InlineData("D17x257", "D17x257", 2, 17, 257)]
    public void GradientsMatchFiniteDifferencesOfTheForwardLayer(string forwardName, string backwardName, int batch, int inputs, int outputs)
    {
        // L(x, W, b) = Σ g ⊙ forward(x, W, b): its gradient is exactly what backward computes from outputGradient = g.
        ForwardLayer<double> forward = typeof(ForwardLayers).GetMethod(forwardName)!.CreateDelegate<ForwardLayer<double>>();
        BackwardLayer<double> backward = Get<double>(backwardName);
        double[] x = ReferenceLayer.Random<double>(batch * inputs, 21, 2);
        double[] w = ReferenceLayer.Random<double>(inputs * outputs, 22, 1.5 / Math.Sqrt(inputs));
        double[] b = ReferenceLayer.Random<double>(outputs, 23, 1);
        double[] g = ReferenceLayer.Random<double>(batch * outputs, 24, 1);
        var y = new double[batch * outputs];
        forward(x, w, b, y);
        var dw = new double[w.Length];
        var db = new double[b.Length];
        var dx = new double[x.Length];
        backward(x, w, y, g, dw, db, dx);

        double Loss()
        {
            var out2 = new double[batch * outputs];
            forward(x, w, b, out2);
            return out2.Select((v, k) => v * g[k]).Sum();
        }

        void Check(string what, double[] parameter, double[] gradient)
        {
            double scale = gradient.Max(Math.Abs);
            for (int k = 0; k < parameter.Length; k += Math.Max(1, parameter.Length / 97))
            {
                const double h = 1e-6;
                double saved = parameter[k];
                parameter[k] = saved + h;
                double up = Loss();
                parameter[k] = saved - h;
                double down = Loss();
                parameter[k] = saved;
                double numeric = (up - down) / (2 * h);
                Assert.True(Math.Abs(numeric - gradient[k]) <= 1e-7 * Math.Max(1, scale), $"{what}[{k}]: analytic {gradient[k]:R}, numeric {numeric:R}");
            }
        }

        Check("weightsGradient", w, dw);
        Check("biasGradient", b, db);
        Check("inputGradient", x, dx);
    }

    [Fact]
    public void HandCheckedBinaryCrossEntropyCase()
    {
        // x = [[1, 2], [0.5, -1]], W = [[0.5, -0.25]], b = 0.1 → z = [0.1, 0.6], y = σ(z); targets [1, 0].
        double[] x = { 1, 2, 0.5, -1 };
        double[] w = { 0.5, -0.25 };
        double[] y = { 0.52497918747894, 0.6456563062257954 };
        double[] t = { 1, 0 };
        var dw = new double[2];
        var db = new double[1];
        var dx = new double[4];
        double loss = BackwardLayers.D2x1Bce(x, w, y, t, dw, db, dx);

        // BCE = -(log 0.52497918747894 + log(1 - 0.6456563062257954)) / 2; dz = (y - t) / 2 = [-0.23751040626053, 0.32282815311290].
        Assert.Equal(0.8409423052797281, loss, 1e-13);
        Assert.Equal(-0.07609632970408114, dw[0], 1e-13);
        Assert.Equal(-0.7978489656339577, dw[1], 1e-13);
        Assert.Equal(0.0853177468523677, db[0], 1e-13);
        Assert.Equal(new[] { -0.118755203130265, 0.0593776015651325, 0.16141407655644885, -0.08070703827822442 }, dx, new ToleranceComparer(1e-13));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(1)]
    public void BinaryCrossEntropyLossAndGradientsMatchReference(int batch)
    {
        (float[] x, float[] w, float[] y, float[] t, float[] dw, float[] db, float loss) =
            AssertBinaryCrossEntropyMatchesReference<float>(BackwardLayers.F33x17Bce, batch, inputs: 33, outputs: 17, relativeLossError: 1e-5);

        // The form without an input gradient computes the same loss and parameter gradients.
        var dw2 = new float[w.Length];
        var db2 = new float[17];
        Assert.Equal(loss, BackwardLayers.F33x17BceNoDx(x, w, y, t, dw2, db2));
        Assert.Equal(dw, dw2);
        Assert.Equal(db, db2);
    }

    // 17 blocks of 6 rows and 1 single row; the weight gradient in two blocks of rows (96 KB of inputs each). The loss
    // sums 17 510 terms in another order than the reference: at most n·ε relative apart.
    [Fact]
    public void BinaryCrossEntropyOnALargeLayerMatchesReference() =>
        AssertBinaryCrossEntropyMatchesReference<double>(BackwardLayers.D200x170Bce, batch: 103, inputs: 200, outputs: 170, relativeLossError: 1e-11);

    private delegate T BinaryCrossEntropyLayer<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> y, ReadOnlySpan<T> target, Span<T> dw, Span<T> db, Span<T> dx);

    /// <summary>Runs a loss-fused backward pass on reference data and checks the loss and the three gradients.</summary>
    private static (T[] X, T[] W, T[] Y, T[] Target, T[] Dw, T[] Db, T Loss) AssertBinaryCrossEntropyMatchesReference<T>(
        BinaryCrossEntropyLayer<T> layer, int batch, int inputs, int outputs, double relativeLossError)
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
        return (x, w, y, t, dw, db, loss);
    }

    [Fact]
    public void BinaryCrossEntropyClampsLogarithmsAtMinus100()
    {
        // y = 0 with target 1 and y = 1 with target 0: each term is 100, as in PyTorch.
        double[] x = { 1, 2, 3, 4 };
        double[] w = { 0.5, 0.5 };
        double[] y = { 0, 1 };
        double[] t = { 1, 0 };
        double loss = BackwardLayers.D2x1Bce(x, w, y, t, new double[2], new double[1], new double[4]);
        Assert.Equal(100, loss);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(1)]
    public void WithoutInputGradientTheParameterGradientsAreTheSame(int batch)
    {
        (float[] x, float[] w, float[] y, float[] g) = ReferenceBackward.Data<float>(batch, 33, 17, targets: false);
        var dw = new float[w.Length];
        var db = new float[17];
        BackwardLayers.F33x17(x, w, y, g, dw, db, new float[x.Length]);
        var dw2 = new float[w.Length];
        var db2 = new float[17];
        BackwardLayers.F33x17NoInputGradient(x, w, y, g, dw2, db2);
        Assert.Equal(dw, dw2);
        Assert.Equal(db, db2);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(1)]
    public void AccumulateAddsIntoParameterGradientsAndOverwritesInputGradient(int batch)
    {
        (float[] x, float[] w, float[] y, float[] g) = ReferenceBackward.Data<float>(batch, 33, 17, targets: false);
        var dw = new float[w.Length];
        var db = new float[17];
        var dx = new float[x.Length];
        BackwardLayers.F33x17(x, w, y, g, dw, db, dx);

        float[] dwAcc = dw.Select(v => 1f).ToArray();
        float[] dbAcc = db.Select(v => -2f).ToArray();
        float[] dxAcc = dx.Select(v => 7f).ToArray();
        BackwardLayers.F33x17Accumulate(x, w, y, g, dwAcc, dbAcc, dxAcc);
        for (int k = 0; k < dw.Length; k++)
        {
            Assert.Equal(1f + dw[k], dwAcc[k], 1e-6f);
        }

        for (int k = 0; k < db.Length; k++)
        {
            Assert.Equal(-2f + db[k], dbAcc[k], 1e-6f);
        }

        Assert.Equal(dx, dxAcc);
    }

    [Theory]
    [InlineData(0.1f, 9)]
    [InlineData(0f, 9)]
    [InlineData(0.1f, 1)]
    public void TrainStepMatchesTheUnfusedPath(float rate, int batch)
    {
        (float[] x, float[] w, float[] y, float[] g) = ReferenceBackward.Data<float>(batch, 33, 17, targets: false);
        float[] b = ReferenceLayer.Random<float>(17, 5, 1);

        // Unfused: gradients, then W -= rate·dW, b -= rate·db.
        var dw = new float[w.Length];
        var db = new float[17];
        var dx = new float[x.Length];
        BackwardLayers.F33x17(x, w, y, g, dw, db, dx);
        float[] expectedW = w.Select((v, k) => v - (rate * dw[k])).ToArray();
        float[] expectedB = b.Select((v, k) => v - (rate * db[k])).ToArray();

        float[] stepW = (float[])w.Clone();
        float[] stepB = (float[])b.Clone();
        var stepDx = new float[x.Length];
        BackwardLayers.F33x17Step(x, stepW, stepB, y, g, rate, stepDx);

        Assert.Equal(dx, stepDx); // computed with the weights before the update
        for (int k = 0; k < w.Length; k++)
        {
            Assert.Equal(expectedW[k], stepW[k], 1e-6f);
        }

        for (int k = 0; k < b.Length; k++)
        {
            Assert.Equal(expectedB[k], stepB[k], 1e-6f);
        }
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1)]
    public void BinaryCrossEntropyTrainStepMatchesTheUnfusedPath(int batch)
    {
        const int inputs = 129, outputs = 65;
        (double[] x, double[] w, double[] y, double[] t) = ReferenceBackward.Data<double>(batch, inputs, outputs, targets: true);
        double[] b = ReferenceLayer.Random<double>(outputs, 6, 1);
        var dw = new double[w.Length];
        var db = new double[outputs];
        var dx = new double[x.Length];
        double loss = BackwardLayers.D129x65Bce(x, w, y, t, dw, db, dx);

        double[] stepW = (double[])w.Clone();
        double[] stepB = (double[])b.Clone();
        var stepDx = new double[x.Length];
        double stepLoss = BackwardLayers.D129x65BceStep(x, stepW, stepB, y, t, 0.5, stepDx);

        Assert.Equal(loss, stepLoss);
        Assert.Equal(dx, stepDx);
        for (int k = 0; k < w.Length; k++)
        {
            Assert.Equal(w[k] - (0.5 * dw[k]), stepW[k], 1e-15);
        }

        for (int k = 0; k < outputs; k++)
        {
            Assert.Equal(b[k] - (0.5 * db[k]), stepB[k], 1e-15);
        }
    }

    [Fact]
    public void TrainingStepsLowerTheLoss()
    {
        // A layer trained on its own targets: forward, then a fused BCE step, repeated; the loss must fall.
        const int batch = 32, inputs = 33, outputs = 17;
        float[] x = ReferenceLayer.Random<float>(batch * inputs, 31, 1);
        float[] w = ReferenceLayer.Random<float>(inputs * outputs, 32, 0.1);
        var b = new float[outputs];
        float[] t = ReferenceLayer.Random<float>(batch * outputs, 33, 1).Select(v => v > 0 ? 1f : 0f).ToArray();
        var y = new float[batch * outputs];
        float first = 0, last = 0;
        for (int step = 0; step < 50; step++)
        {
            ForwardLayers.F33x17(x, w, b, y);
            last = BackwardLayers.F33x17BceStep(x, w, b, y, t, 2f);
            first = step == 0 ? last : first;
        }

        Assert.True(last < 0.8 * first, $"loss {first} → {last}");
    }

    [Fact]
    public void EmptyBatchClearsGradientsAndReturnsNaNLoss()
    {
        float[] dw = Enumerable.Repeat(3f, 33 * 17).ToArray();
        float[] db = Enumerable.Repeat(3f, 17).ToArray();
        float loss = BackwardLayers.F33x17Bce([], new float[33 * 17], [], [], dw, db, []);
        Assert.True(float.IsNaN(loss));
        Assert.All(dw, v => Assert.Equal(0f, v));
        Assert.All(db, v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData("x", 7 * 33 + 1, 33 * 17, 7 * 17, 7 * 17, 33 * 17, 17, 7 * 33)]
    [InlineData("w", 7 * 33, 33 * 17 + 1, 7 * 17, 7 * 17, 33 * 17, 17, 7 * 33)]
    [InlineData("y", 7 * 33, 33 * 17, 6 * 17, 7 * 17, 33 * 17, 17, 7 * 33)]
    [InlineData("dy", 7 * 33, 33 * 17, 7 * 17, 8 * 17, 33 * 17, 17, 7 * 33)]
    [InlineData("dw", 7 * 33, 33 * 17, 7 * 17, 7 * 17, 33 * 16, 17, 7 * 33)]
    [InlineData("db", 7 * 33, 33 * 17, 7 * 17, 7 * 17, 33 * 17, 18, 7 * 33)]
    [InlineData("dx", 7 * 33, 33 * 17, 7 * 17, 7 * 17, 33 * 17, 17, 6 * 33)]
    public void WrongLengthThrowsNamingTheParameterBeforeWriting(string parameter, int x, int w, int y, int dy, int dw, int db, int dx)
    {
        float[][] outputs = { new float[dw], new float[db], new float[dx] };
        foreach (float[] o in outputs)
        {
            Array.Fill(o, 42f);
        }

        var exception = Assert.Throws<ArgumentException>(() =>
            BackwardLayers.F33x17(new float[x], new float[w], new float[y], new float[dy], outputs[0], outputs[1], outputs[2]));
        Assert.Equal(parameter, exception.ParamName);
        Assert.All(outputs.SelectMany(o => o), v => Assert.Equal(42f, v));
    }

    [Fact]
    public void GradientsSharingMemoryAreRejectedBeforeWriting()
    {
        // The bias gradient inside the weight gradient buffer, and the input gradient on top of the input.
        var dw = new float[33 * 17];
        var x = new float[33];
        var exception = Assert.Throws<ArgumentException>(() =>
            BackwardLayers.F33x17(x, new float[33 * 17], new float[17], new float[17], dw, dw.AsSpan(5, 17), new float[33]));
        Assert.Equal("dw", exception.ParamName);
        Assert.Contains("'db'", exception.Message);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() =>
            BackwardLayers.F33x17(x, new float[33 * 17], new float[17], new float[17], new float[33 * 17], new float[17], x)).ParamName);

        // A training step may not update weights that alias its input.
        var w = new float[33 * 17];
        Assert.Equal("w", Assert.Throws<ArgumentException>(() =>
            BackwardLayers.F33x17Step(w.AsSpan(0, 33), w, new float[17], new float[17], new float[17], 0.1f, new float[33])).ParamName);
        Assert.All(dw, v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void NonFiniteLearningRateThrowsBeforeWriting(float rate)
    {
        float[] w = Enumerable.Repeat(0.5f, 33 * 17).ToArray();
        float[] b = Enumerable.Repeat(0.5f, 17).ToArray();
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() =>
            BackwardLayers.F33x17Step(new float[33], w, b, new float[17], new float[17], rate, new float[33]));
        Assert.Equal("learningRate", exception.ParamName);
        Assert.All(w, v => Assert.Equal(0.5f, v));
        Assert.All(b, v => Assert.Equal(0.5f, v));
    }

    private static BackwardLayer<T> Get<T>(string name) =>
        typeof(BackwardLayers).GetMethod(name)!.CreateDelegate<BackwardLayer<T>>();

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}
