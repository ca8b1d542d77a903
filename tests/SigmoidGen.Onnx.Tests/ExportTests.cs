using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SigmoidGen.Onnx.Tests.Infrastructure;

namespace SigmoidGen.Onnx.Tests;

/// <summary>Exported models run in ONNX Runtime as they are and compute what <c>Predict</c> computes.</summary>
public class ExportTests
{
    private static readonly int[] Batches = [1, 7, 100];

    public static TheoryData<string, int> FloatCases() => Cases(Networks.Float);

    public static TheoryData<string, int> DoubleCases() => Cases(Networks.Double);

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void FloatModelRunsInOnnxRuntimeAndAgreesWithPredict(string shape, int rows)
    {
        ISigmoidNetwork<float> network = Networks.NewFloat(shape);
        float[] input = TestData.Inputs<float>(rows * network.LayerSizes[0], seed: rows);
        var predicted = new float[rows * network.LayerSizes[^1]];
        network.Predict(input, predicted);

        float[] onnx = Ort.Run(TestData.Export(network), input, rows);
        double[] reference = Networks.Reference(network, input);

        Assert.Equal(predicted.Length, onnx.Length);
        for (int i = 0; i < onnx.Length; i++)
        {
            Assert.InRange(Math.Abs(onnx[i] - predicted[i]), 0, 1e-6);
            Assert.InRange(Math.Abs(onnx[i] - reference[i]), 0, 1e-6);
        }
    }

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void DoubleModelRunsInOnnxRuntimeAndAgreesWithPredict(string shape, int rows)
    {
        ISigmoidNetwork<double> network = Networks.NewDouble(shape);
        double[] input = TestData.Inputs<double>(rows * network.LayerSizes[0], seed: rows);
        var predicted = new double[rows * network.LayerSizes[^1]];
        network.Predict(input, predicted);

        double[] onnx = Ort.Run(TestData.Export(network), input, rows);
        double[] reference = Networks.Reference(network, input);

        Assert.Equal(predicted.Length, onnx.Length);
        for (int i = 0; i < onnx.Length; i++)
        {
            Assert.InRange(Math.Abs(onnx[i] - predicted[i]), 0, 1e-14);
            Assert.InRange(Math.Abs(onnx[i] - reference[i]), 0, 1e-14);
        }
    }

    [Fact]
    public void ModelDeclaresItsInputOutputBatchDimensionAndProducer()
    {
        byte[] model = TestData.Export(Networks.NewFloat("30-16-1"));
        using var session = new InferenceSession(model);

        NodeMetadata input = Assert.Single(session.InputMetadata, m => m.Key == SigmoidOnnx.InputName).Value;
        NodeMetadata output = Assert.Single(session.OutputMetadata, m => m.Key == SigmoidOnnx.OutputName).Value;
        Assert.Equal([-1, 30], input.Dimensions);
        Assert.Equal([SigmoidOnnx.BatchDimension, ""], input.SymbolicDimensions);
        Assert.Equal([-1, 1], output.Dimensions);
        Assert.Equal(TensorElementType.Float, input.ElementDataType);
        Assert.Equal(SigmoidOnnx.ProducerName, session.ModelMetadata.ProducerName);

        using var doubleSession = new InferenceSession(TestData.Export(Networks.NewDouble("5-3-1")));
        Assert.Equal(TensorElementType.Double, doubleSession.InputMetadata[SigmoidOnnx.InputName].ElementDataType);
        Assert.Equal(TensorElementType.Double, doubleSession.OutputMetadata[SigmoidOnnx.OutputName].ElementDataType);
    }

    [Fact]
    public void StreamAndFileGiveTheSameBytes()
    {
        ISigmoidNetwork<float> network = Networks.NewFloat("7-9-4-2");
        string path = Path.Combine(Path.GetTempPath(), $"sigmoidgen-onnx-{Guid.NewGuid():N}.onnx");
        try
        {
            SigmoidOnnx.Export(network, path);
            Assert.Equal(TestData.Export(network), File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        ISigmoidNetwork<float> network = Networks.NewFloat("5-3-1");
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => SigmoidOnnx.Export<float>(null!, new MemoryStream())).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => SigmoidOnnx.Export(network, (Stream)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => SigmoidOnnx.Export(network, "")).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => SigmoidOnnx.Export(network, new MemoryStream([], writable: false))).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => SigmoidOnnx.Import<float>(null!, new MemoryStream())).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => SigmoidOnnx.Import(network, (string)null!)).ParamName);
    }

    private static TheoryData<string, int> Cases(string[] shapes)
    {
        var data = new TheoryData<string, int>();
        foreach (string shape in shapes)
        {
            foreach (int rows in Batches)
            {
                data.Add(shape, rows);
            }
        }

        return data;
    }
}
