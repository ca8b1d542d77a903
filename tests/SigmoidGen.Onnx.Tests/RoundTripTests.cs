using SigmoidGen.Onnx.Tests.Infrastructure;

namespace SigmoidGen.Onnx.Tests;

/// <summary>Export then import gives the parameters back bit for bit.</summary>
public class RoundTripTests
{
    public static TheoryData<string> FloatShapes() => new(Networks.Float);

    public static TheoryData<string> DoubleShapes() => new(Networks.Double);

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void FloatParametersComeBackBitIdentical(string shape)
    {
        ISigmoidNetwork<float> source = Networks.NewFloat(shape, seed: 11);
        // Values whose bits a careless conversion would change: -0, the smallest subnormal, the largest float.
        source.Parameters[0] = -0f;
        source.Parameters[1] = float.Epsilon;
        source.Parameters[2] = float.MaxValue;
        ISigmoidNetwork<float> target = Networks.NewFloat(shape, seed: 12);

        TestData.Import(target, TestData.Export(source));

        Assert.Equal(TestData.Bits<float>(source.Parameters), TestData.Bits<float>(target.Parameters));
    }

    [Theory]
    [MemberData(nameof(DoubleShapes))]
    public void DoubleParametersComeBackBitIdentical(string shape)
    {
        ISigmoidNetwork<double> source = Networks.NewDouble(shape, seed: 11);
        source.Parameters[0] = -0.0;
        source.Parameters[1] = double.Epsilon;
        source.Parameters[2] = Math.PI;
        ISigmoidNetwork<double> target = Networks.NewDouble(shape, seed: 12);

        TestData.Import(target, TestData.Export(source));

        Assert.Equal(TestData.Bits<double>(source.Parameters), TestData.Bits<double>(target.Parameters));
    }

    [Fact]
    public void FileRoundTrip()
    {
        ISigmoidNetwork<double> source = Networks.NewDouble("7-9-4-2", seed: 3);
        ISigmoidNetwork<double> target = Networks.NewDouble("7-9-4-2", seed: 4);
        string path = Path.Combine(Path.GetTempPath(), $"sigmoidgen-onnx-{Guid.NewGuid():N}.onnx");
        try
        {
            SigmoidOnnx.Export(source, path);
            SigmoidOnnx.Import(target, path);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal(TestData.Bits<double>(source.Parameters), TestData.Bits<double>(target.Parameters));
    }
}
