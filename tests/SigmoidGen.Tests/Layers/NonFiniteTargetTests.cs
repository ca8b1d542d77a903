namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Issue 15, item 9: a layer with <c>Loss = BinaryCrossEntropy</c> (backward pass or training step) rejects a NaN or
/// infinite target, naming the user's parameter, its row and its column, before it writes anything, as a network's
/// <c>TrainStep</c> does. Before, the loss came back NaN and every weight turned NaN.
/// </summary>
public class NonFiniteTargetTests
{
    public static TheoryData<float> BadFloats => new() { float.NaN, float.PositiveInfinity, float.NegativeInfinity };

    public static TheoryData<double> BadDoubles => new() { double.NaN, double.PositiveInfinity, double.NegativeInfinity };

    [Theory]
    [MemberData(nameof(BadFloats))]
    public void FloatTrainStepRejectsTheTargetAndLeavesWeightsAndBiasUnchanged(float bad)
    {
        const int batch = 7, inputs = 33, outputs = 17;
        float[] w = Enumerable.Repeat(0.25f, inputs * outputs).ToArray();
        float[] b = Enumerable.Repeat(-0.5f, outputs).ToArray();
        float[] target = Enumerable.Repeat(1f, batch * outputs).ToArray();
        target[(4 * outputs) + 16] = bad; // row 4, the last column

        var exception = Assert.Throws<ArgumentException>(() =>
            BackwardLayers.F33x17BceStep(new float[batch * inputs], w, b, Half(batch * outputs), target, 0.5f));

        Assert.Equal("target", exception.ParamName);
        Assert.Contains("row 4, column 16", exception.Message);
        Assert.All(w, v => Assert.Equal(0.25f, v));
        Assert.All(b, v => Assert.Equal(-0.5f, v));
    }

    [Theory]
    [MemberData(nameof(BadDoubles))]
    public void DoubleTrainStepRejectsTheTargetAndLeavesEverySpanUnchanged(double bad)
    {
        const int batch = 9, inputs = 129, outputs = 65;
        double[] w = Enumerable.Repeat(0.25, inputs * outputs).ToArray();
        double[] b = Enumerable.Repeat(-0.5, outputs).ToArray();
        double[] dx = Enumerable.Repeat(42.0, batch * inputs).ToArray();
        double[] target = new double[batch * outputs];
        target[0] = bad; // row 0, column 0: the very first value

        var exception = Assert.Throws<ArgumentException>(() =>
            BackwardLayers.D129x65BceStep(new double[batch * inputs], w, b, HalfD(batch * outputs), target, 0.1, dx));

        Assert.Equal("target", exception.ParamName);
        Assert.Contains("row 0, column 0", exception.Message);
        Assert.All(w, v => Assert.Equal(0.25, v));
        Assert.All(b, v => Assert.Equal(-0.5, v));
        Assert.All(dx, v => Assert.Equal(42.0, v));
    }

    [Theory]
    [MemberData(nameof(BadFloats))]
    public void FloatBackwardWithLossRejectsTheTargetBeforeWritingGradients(float bad)
    {
        const int batch = 300, inputs = 33, outputs = 17;
        float[] dw = Enumerable.Repeat(42f, inputs * outputs).ToArray();
        float[] db = Enumerable.Repeat(42f, outputs).ToArray();
        float[] dx = Enumerable.Repeat(42f, batch * inputs).ToArray();
        float[] target = new float[batch * outputs];
        target[^1] = bad; // the last value: row 299, column 16

        var exception = Assert.Throws<ArgumentException>(() =>
            BackwardLayers.F33x17Bce(new float[batch * inputs], new float[inputs * outputs], Half(batch * outputs), target, dw, db, dx));

        Assert.Equal("target", exception.ParamName);
        Assert.Contains("row 299, column 16", exception.Message);
        Assert.All(dw, v => Assert.Equal(42f, v));
        Assert.All(db, v => Assert.Equal(42f, v));
        Assert.All(dx, v => Assert.Equal(42f, v));

        // Without the input gradient too.
        Assert.Equal("target", Assert.Throws<ArgumentException>(() =>
            BackwardLayers.F33x17BceNoDx(new float[batch * inputs], new float[inputs * outputs], Half(batch * outputs), target, dw, db)).ParamName);
        Assert.All(dw, v => Assert.Equal(42f, v));
    }

    [Theory]
    [MemberData(nameof(BadDoubles))]
    public void DoubleBackwardWithLossOfOneRowRejectsTheTarget(double bad)
    {
        // One row has its own kernel; the check comes before the dispatch, so it covers that kernel too.
        double[] dw = Enumerable.Repeat(42.0, 200 * 170).ToArray();
        double[] target = new double[170];
        target[99] = bad;

        var exception = Assert.Throws<ArgumentException>(() =>
            BackwardLayers.D200x170Bce(new double[200], new double[200 * 170], HalfD(170), target, dw, new double[170], new double[200]));

        Assert.Equal("target", exception.ParamName);
        Assert.Contains("row 0, column 99", exception.Message);
        Assert.All(dw, v => Assert.Equal(42.0, v));
    }

    [Fact]
    public void FiniteTargetsOutsideZeroAndOneAreStillAccepted()
    {
        // Only NaN and infinities are rejected: PyTorch's BCELoss takes any finite target, and so does the layer.
        // Reference: one row, one output, y = 0.5, target = 2: loss = −(2·ln 0.5 + (1 − 2)·ln 0.5) = ln 2,
        // dz = y − target = −1.5, dW = dz·x = −1.5·(1, 2), db = −1.5.
        double[] dw = new double[2], db = new double[1], dx = new double[2];
        double loss = BackwardLayers.D2x1Bce([1.0, 2.0], [0.0, 0.0], [0.5], [2.0], dw, db, dx);
        Assert.Equal(Math.Log(2), loss, 12);
        Assert.Equal(new[] { -1.5, -3.0 }, dw);
        Assert.Equal(-1.5, db[0]);
    }

    private static float[] Half(int n) => Enumerable.Repeat(0.5f, n).ToArray();

    private static double[] HalfD(int n) => Enumerable.Repeat(0.5, n).ToArray();
}
