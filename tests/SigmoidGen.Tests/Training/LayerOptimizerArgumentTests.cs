namespace SigmoidGen.Tests.Training;

/// <summary>
/// The fused optimizer steps' argument checks: each throws naming the parameter (the user's name, or
/// <c>{name}.{Property}</c> for a hyperparameter), and nothing has been written when it does.
/// </summary>
public class LayerOptimizerArgumentTests
{
    private const int Inputs = 33, Outputs = 17, Batch = 3, Count = (Inputs * Outputs) + Outputs;

    [Fact]
    public void AStateSpanOfTheWrongLengthThrowsNamingIt()
    {
        Data data = new();
        var e = Assert.Throws<ArgumentException>(() => data.Adam(new SigmoidAdamStep(0.01, 1), vLength: Count - 1));
        Assert.Equal("v", e.ParamName);
        Assert.Contains("outputs × inputs + outputs = 17 × 33 + 17", e.Message);
        data.AssertUnchanged();

        e = Assert.Throws<ArgumentException>(() => data.Sgd(new SigmoidSgdStep(0.1, 1, momentum: 0.9), momentumLength: Inputs * Outputs));
        Assert.Equal("momentum", e.ParamName);
        data.AssertUnchanged();
    }

    [Fact]
    public void StateSharingMemoryWithTheWeightsThrows()
    {
        Data data = new();
        var e = Assert.Throws<ArgumentException>(() => LayerOptimizerLayers.F33x17Adam(
            data.X, data.W, data.B, data.Y, data.G, new SigmoidAdamStep(0.01, 1), data.M, data.M, data.Dx));
        Assert.Equal("m", e.ParamName);
        data.AssertUnchanged();
    }

    [Fact]
    public void ADefaultHyperparameterValueIsRejectedBeforeAnythingIsWritten()
    {
        Data data = new();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => data.Adam(default));
        Assert.Equal("optimizer.Step", e.ParamName);
        data.AssertUnchanged();

        e = Assert.Throws<ArgumentOutOfRangeException>(() => data.Sgd(default));
        Assert.Equal("optimizer.Step", e.ParamName);
        data.AssertUnchanged();
    }

    [Theory]
    [InlineData("learningRate")]
    [InlineData("step")]
    [InlineData("beta1")]
    [InlineData("beta2")]
    [InlineData("epsilon")]
    [InlineData("weightDecay")]
    public void TheAdamStepConstructorChecksEachHyperparameter(string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SigmoidAdamStep(
            name == "learningRate" ? double.NaN : 1e-3,
            name == "step" ? 0 : 1,
            name == "beta1" ? 1 : 0.9,
            name == "beta2" ? -0.1 : 0.999,
            name == "epsilon" ? double.PositiveInfinity : 1e-8,
            name == "weightDecay" ? -1 : 0));
        Assert.Equal(name, e.ParamName);
    }

    [Theory]
    [InlineData("learningRate")]
    [InlineData("step")]
    [InlineData("momentum")]
    [InlineData("nesterov")]
    [InlineData("weightDecay")]
    public void TheSgdStepConstructorChecksEachHyperparameter(string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SigmoidSgdStep(
            name == "learningRate" ? -1 : 0.1,
            name == "step" ? -3 : 1,
            name == "momentum" ? double.NaN : name == "nesterov" ? 0 : 0.9,
            nesterov: name == "nesterov",
            weightDecay: name == "weightDecay" ? double.NegativeInfinity : 0));
        Assert.Equal(name, e.ParamName);
    }

    /// <summary>A layer's arguments, and copies to check that a failed call wrote nothing.</summary>
    private sealed class Data
    {
        public float[] X = ReferenceLayerData(Batch * Inputs, 1), W = ReferenceLayerData(Inputs * Outputs, 2), B = ReferenceLayerData(Outputs, 3);
        public float[] Y = ReferenceLayerData(Batch * Outputs, 4).Select(v => 0.5f + (0.4f * v)).ToArray(), G = ReferenceLayerData(Batch * Outputs, 5);
        public float[] M = ReferenceLayerData(Count, 6), V = ReferenceLayerData(Count, 7).Select(Math.Abs).ToArray(), Dx = new float[Batch * Inputs];
        private readonly float[] _w, _b, _m, _v;

        public Data() => (_w, _b, _m, _v) = ((float[])W.Clone(), (float[])B.Clone(), (float[])M.Clone(), (float[])V.Clone());

        public void Adam(SigmoidAdamStep step, int vLength = Count) =>
            LayerOptimizerLayers.F33x17Adam(X, W, B, Y, G, step, M, V.AsSpan(0, vLength), Dx);

        public void Sgd(SigmoidSgdStep step, int momentumLength = Count) =>
            LayerOptimizerLayers.F33x17Sgd(X, W, B, Y, G, step, M.AsSpan(0, momentumLength), Dx);

        public void AssertUnchanged()
        {
            Assert.Equal(_w, W);
            Assert.Equal(_b, B);
            Assert.Equal(_m, M);
            Assert.Equal(_v, V);
            Assert.All(Dx, d => Assert.Equal(0f, d));
        }

        private static float[] ReferenceLayerData(int count, int seed) => Reference.ReferenceLayer.Random<float>(count, seed, 1);
    }
}
