using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Networks;

/// <summary>
/// Calls that once failed half-way or with the wrong message (issue 15): every check runs before anything is written,
/// and a failure names what to change.
/// </summary>
public class NetworkHardeningTests
{
    [Fact]
    public void TrainStepOnInputsThatAreTheParametersChangesNothing()
    {
        // Before: the last layer was updated (17 parameters), then layer 0 threw "'weights' shares memory with 'input'".
        var net = new BreastCancerNet();
        net.Initialize(seed: 1);
        float[] before = net.Parameters.ToArray();

        var input = Assert.Throws<ArgumentException>(() => net.TrainStep(net.Parameters.Slice(0, 30), new float[] { 1 }, 0.5f));
        Assert.Equal("input", input.ParamName);
        Assert.Contains("Parameters", input.Message);
        Assert.True(net.Parameters.SequenceEqual(before));

        var target = Assert.Throws<ArgumentException>(() => net.TrainStep(new float[30], net.Parameters.Slice(BreastCancerNet.Layer1Bias, 1), 0.5f));
        Assert.Equal("target", target.ParamName);
        Assert.True(net.Parameters.SequenceEqual(before));
    }

    [Fact]
    public void PredictIntoTheParametersChangesNothing()
    {
        var net = new DigitsNet();
        net.Initialize(seed: 2);
        float[] before = net.Parameters.ToArray();
        float[] x = ReferenceLayer.Random<float>(64, 3, 1);

        // The output overlaps layer 0's weights, which the last layer does not read: no layer's own check sees it.
        var output = Assert.Throws<ArgumentException>(() => net.Predict(x, net.Parameters.Slice(100, 10)));
        Assert.Equal("output", output.ParamName);
        Assert.True(net.Parameters.SequenceEqual(before));
    }

    [Fact]
    public void ABatchWhoseWorkspaceWouldNotFitInAnArrayIsRejectedNamingTheBatchAndTheSize()
    {
        // 21,475 rows × 100,000 hidden outputs = 2,147,500,000 > Array.MaxLength (2,147,483,591). Before: a bare
        // OverflowException, and at 42,950 rows a message about 'output' with a wrapped-around length.
        var net = new WideHiddenNet();
        foreach (int rows in new[] { 21_475, 42_950 })
        {
            var input = new float[rows * 30];
            var exception = Assert.Throws<ArgumentException>(() => net.Predict(input, new float[rows]));
            Assert.Equal("input", exception.ParamName);
            Assert.Contains($"a batch of {rows} rows", exception.Message);
            Assert.Contains($"{(long)rows * 100_000} elements", exception.Message);
            Assert.Contains("at most 21474 rows", exception.Message);

            var step = Assert.Throws<ArgumentException>(() => net.TrainStep(input, new float[rows], 0.1f));
            Assert.Equal("input", step.ParamName);
        }
    }

    [Fact]
    public void LoadRejectsTrailingBytesAndNonFiniteParametersWithoutChangingParameters()
    {
        var saved = new BreastCancerNet();
        saved.Initialize(seed: 3);
        using var stream = new MemoryStream();
        saved.Save(stream);
        byte[] file = stream.ToArray();

        var net = new BreastCancerNet();
        net.Initialize(seed: 4);
        float[] before = net.Parameters.ToArray();

        var trailing = Assert.Throws<InvalidDataException>(() => net.Load(new MemoryStream([.. file, 0])));
        Assert.Contains("trailing", trailing.Message);
        Assert.True(net.Parameters.SequenceEqual(before));

        // The header is 4 + 4 + 4 + 4 + 3 × 4 + 4 = 32 bytes; parameter 5 is a NaN, then parameter 7 an infinity.
        foreach ((int index, float value) in new[] { (5, float.NaN), (7, float.NegativeInfinity) })
        {
            byte[] bad = file.ToArray();
            BitConverter.GetBytes(value).CopyTo(bad, 32 + (4 * index));
            var notFinite = Assert.Throws<InvalidDataException>(() => net.Load(new MemoryStream(bad)));
            Assert.Contains($"parameter {index}", notFinite.Message);
            Assert.True(net.Parameters.SequenceEqual(before));
        }

        net.Load(new MemoryStream(file));
        Assert.True(net.Parameters.SequenceEqual(saved.Parameters));
    }
}
