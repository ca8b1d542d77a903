using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Networks;

/// <summary>Layout, initialisation, gradients, persistence and run-time errors of generated networks.</summary>
public class NetworkTests
{
    [Fact]
    public void LayoutIsContiguousWeightsThenBiasPerLayer()
    {
        Assert.Equal(7, SmallDoubleNet.InputCount);
        Assert.Equal(2, SmallDoubleNet.OutputCount);
        Assert.Equal(3, SmallDoubleNet.LayerCount);
        Assert.Equal(0, SmallDoubleNet.Layer0Weights);
        Assert.Equal(35, SmallDoubleNet.Layer0Bias);
        Assert.Equal(40, SmallDoubleNet.Layer1Weights);
        Assert.Equal(55, SmallDoubleNet.Layer1Bias);
        Assert.Equal(58, SmallDoubleNet.Layer2Weights);
        Assert.Equal(64, SmallDoubleNet.Layer2Bias);
        Assert.Equal(66, SmallDoubleNet.ParameterCount);
        Assert.Equal(new[] { 7, 5, 3, 2 }, SmallDoubleNet.Sizes.ToArray());
        Assert.Equal(SmallDoubleNet.ParameterCount, new SmallDoubleNet().Parameters.Length);
    }

    [Fact]
    public void PredictMatchesTheLayersComputedByHand()
    {
        // Logistic regression: y = σ(w·x + b), with weights set through the parameter layout.
        var net = new LogisticNet();
        double[] w = { 0.5, -1, 0.25, 2 };
        for (int i = 0; i < 4; i++)
        {
            net.Parameters[LogisticNet.Layer0Weights + i] = (float)w[i];
        }

        net.Parameters[LogisticNet.Layer0Bias] = -0.5f;
        float[] x = { 1, 2, 3, 4, -1, 0, 1, 0.5f };
        var y = new float[2];
        net.Predict(x, y);
        Assert.Equal(1 / (1 + Math.Exp(-(0.5 - 2 + 0.75 + 8 - 0.5))), y[0], 1e-7);
        Assert.Equal(1 / (1 + Math.Exp(-(-0.5 + 0 + 0.25 + 1 - 0.5))), y[1], 1e-7);
    }

    [Fact]
    public void InitializeIsXavierUniformAndDeterministicForASeed()
    {
        var a = new BreastCancerNet();
        var b = new BreastCancerNet();
        var c = new BreastCancerNet();
        a.Initialize(seed: 5);
        b.Initialize(seed: 5);
        c.Initialize(seed: 6);
        Assert.True(a.Parameters.SequenceEqual(b.Parameters));
        Assert.False(a.Parameters.SequenceEqual(c.Parameters));

        double limit0 = Math.Sqrt(6.0 / (30 + 16));
        Span<float> w0 = a.Parameters.Slice(BreastCancerNet.Layer0Weights, 30 * 16);
        Assert.All(w0.ToArray(), v => Assert.InRange(Math.Abs(v), 0, limit0));
        Assert.True(w0.ToArray().Max(Math.Abs) > 0.8 * limit0, "the weights spread over the Xavier range");
        Assert.All(a.Parameters.Slice(BreastCancerNet.Layer0Bias, 16).ToArray(), v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(1)] // a batch of one row: every layer's backward takes its one-row kernel
    public void TrainStepGradientsMatchFiniteDifferencesOfTheLoss(int batch)
    {
        // With learning rate 1 a step subtracts the gradient itself: ∂L/∂θ = θ_before − θ_after.
        var net = new SmallDoubleNet();
        net.Initialize(seed: 3);
        for (int k = 0; k < net.Parameters.Length; k++)
        {
            net.Parameters[k] += 0.1 * Math.Sin(k); // non-zero biases too
        }

        double[] x = ReferenceLayer.Random<double>(batch * 7, 41, 2);
        double[] t = ReferenceLayer.Random<double>(batch * 2, 42, 1).Select(v => v > 0 ? 1.0 : 0.0).ToArray();
        double[] before = net.Parameters.ToArray();
        double loss = net.Loss(x, t);

        var stepped = new SmallDoubleNet();
        before.CopyTo(stepped.Parameters);
        Assert.Equal(loss, stepped.TrainStep(x, t, 1.0), 1e-15);
        double[] analytic = before.Select((v, k) => v - stepped.Parameters[k]).ToArray();

        double scale = analytic.Max(Math.Abs);
        for (int k = 0; k < before.Length; k++)
        {
            const double h = 1e-6;
            net.Parameters[k] = before[k] + h;
            double up = net.Loss(x, t);
            net.Parameters[k] = before[k] - h;
            double down = net.Loss(x, t);
            net.Parameters[k] = before[k];
            double numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[k]) <= 1e-8 * Math.Max(1, scale), $"parameter {k}: analytic {analytic[k]:R}, numeric {numeric:R}");
        }
    }

    [Fact]
    public void SaveAndLoadRoundTripGivesIdenticalPredictions()
    {
        var net = new DigitsNet();
        net.Initialize(seed: 9);
        float[] x = ReferenceLayer.Random<float>(5 * 64, 51, 1);
        var expected = new float[5 * 10];
        net.Predict(x, expected);

        using var stream = new MemoryStream();
        net.Save(stream);
        Assert.Equal(4 + 4 + 4 + 4 + (3 * 4) + 4 + (DigitsNet.ParameterCount * 4), stream.Length);
        stream.Position = 0;
        var loaded = new DigitsNet();
        loaded.Load(stream);
        var actual = new float[5 * 10];
        loaded.Predict(x, actual);
        Assert.Equal(expected, actual);

        string path = Path.Combine(Path.GetTempPath(), $"sigmoidgen-{Guid.NewGuid():N}.sgnn");
        try
        {
            net.Save(path);
            var fromFile = new DigitsNet();
            fromFile.Load(path);
            Assert.True(net.Parameters.SequenceEqual(fromFile.Parameters));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadingAnotherNetworkOrATruncatedFileFailsWithoutChangingParameters()
    {
        var digits = new DigitsNet();
        digits.Initialize(seed: 1);
        using var stream = new MemoryStream();
        digits.Save(stream);

        var other = new BreastCancerNet();
        other.Initialize(seed: 2);
        float[] original = other.Parameters.ToArray();
        stream.Position = 0;
        var mismatch = Assert.Throws<InvalidDataException>(() => other.Load(stream));
        Assert.Contains("64-32-10", mismatch.Message);
        Assert.Contains("30-16-1", mismatch.Message);

        var truncated = new MemoryStream(stream.ToArray()[..100]);
        var same = new DigitsNet();
        float[] zeros = same.Parameters.ToArray();
        Assert.Throws<InvalidDataException>(() => same.Load(truncated));
        Assert.True(same.Parameters.SequenceEqual(zeros));

        Assert.Throws<InvalidDataException>(() => same.Load(new MemoryStream(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })));
        Assert.True(other.Parameters.SequenceEqual(original));
    }

    [Fact]
    public void BadDataIsRejectedNamingTheRowBeforeAnythingChanges()
    {
        var net = new BreastCancerNet();
        net.Initialize(seed: 1);
        float[] parameters = net.Parameters.ToArray();
        var x = new float[4 * 30];
        var t = new float[4];
        x[(2 * 30) + 7] = float.NaN;

        var nan = Assert.Throws<ArgumentException>(() => net.TrainStep(x, t, 0.1f));
        Assert.Equal("input", nan.ParamName);
        Assert.Contains("row 2, column 7", nan.Message);

        x[(2 * 30) + 7] = 0;
        t[3] = float.PositiveInfinity;
        var badTarget = Assert.Throws<ArgumentException>(() => net.TrainStep(x, t, 0.1f));
        Assert.Equal("target", badTarget.ParamName);
        Assert.Contains("row 3", badTarget.Message);

        Assert.Equal("input", Assert.Throws<ArgumentException>(() => net.TrainStep(new float[31], new float[1], 0.1f)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => net.TrainStep(new float[60], new float[3], 0.1f)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => net.Predict(new float[60], new float[3])).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => net.TrainStep(x, t.Select(_ => 0f).ToArray(), float.NaN)).ParamName);
        Assert.True(net.Parameters.SequenceEqual(parameters));
    }

    [Fact]
    public void ClassPredictionsAreTheLargestOutput()
    {
        var net = new DigitsNet();
        net.Initialize(seed: 4);
        float[] x = ReferenceLayer.Random<float>(8 * 64, 61, 1);
        var y = new float[8 * 10];
        var classes = new int[8];
        net.Predict(x, y);
        net.PredictClasses(x, classes);
        for (int row = 0; row < 8; row++)
        {
            float[] outputs = y[(row * 10)..((row + 1) * 10)];
            Assert.Equal(Array.IndexOf(outputs, outputs.Max()), classes[row]);
        }

        Assert.Equal(1.0, net.ClassAccuracy(x, classes));
    }
}
