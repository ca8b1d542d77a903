using System.Text.Json;
using SigmoidGen.Onnx.Tests.Infrastructure;

namespace SigmoidGen.Onnx.Tests;

/// <summary>
/// The models <c>torch.onnx.export</c> wrote for <c>nn.Sequential(nn.Linear, nn.Sigmoid, …)</c> and for a module
/// with layers <c>fc1</c>, <c>fc2</c> (tests/Fixtures/PyTorch, made by <c>make_fixtures.py</c> with PyTorch 1.13's
/// TorchScript exporter, opset 13): imported, the network must reproduce PyTorch's outputs on PyTorch's inputs.
/// </summary>
public class PyTorchFixtureTests
{
    public static TheoryData<string> Models() => new("mlp_5_3_1", "mlp_30_16_1", "mlp_7_9_4_2", "mlp_6_4_3", "named_4_6_2", "mlp_6_11_3_f64");

    [Theory]
    [MemberData(nameof(Models))]
    public void ImportedModelReproducesPyTorchOutputs(string name)
    {
        Fixture fixture = Fixture.Load(name);
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "PyTorch", name + ".onnx");
        if (fixture.Dtype == "float64")
        {
            var network = (ISigmoidNetwork<double>)NewNetwork(name);
            SigmoidOnnx.Import(network, path);
            var output = new double[fixture.Outputs.Length];
            network.Predict(fixture.Inputs, output);
            AssertClose(fixture.Outputs, output, 1e-12);
        }
        else
        {
            var network = (ISigmoidNetwork<float>)NewNetwork(name);
            SigmoidOnnx.Import(network, path);
            var output = new float[fixture.Outputs.Length];
            network.Predict(fixture.Inputs.Select(v => (float)v).ToArray(), output);
            AssertClose(fixture.Outputs, output.Select(v => (double)v).ToArray(), 1e-6);
        }
    }

    /// <summary>The fixtures themselves: ONNX Runtime on PyTorch's file gives PyTorch's outputs.</summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void OnnxRuntimeOnTheFixtureGivesPyTorchOutputs(string name)
    {
        Fixture fixture = Fixture.Load(name);
        byte[] model = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "PyTorch", name + ".onnx"));
        double[] output = fixture.Dtype == "float64"
            ? Ort.Run(model, fixture.Inputs, fixture.Batch)
            : Ort.Run(model, fixture.Inputs.Select(v => (float)v).ToArray(), fixture.Batch).Select(v => (double)v).ToArray();
        AssertClose(fixture.Outputs, output, fixture.Dtype == "float64" ? 1e-12 : 1e-6);
    }

    private static object NewNetwork(string name) => name switch
    {
        "mlp_5_3_1" => new Net5x3x1(),
        "mlp_30_16_1" => new Net30x16x1(),
        "mlp_7_9_4_2" => new Net7x9x4x2(),
        "mlp_6_4_3" => new Net6x4x3(),
        "named_4_6_2" => new Net4x6x2(),
        "mlp_6_11_3_f64" => new Net6x11x3Double(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.InRange(Math.Abs(actual[i] - expected[i]), 0, tolerance);
        }
    }

    /// <summary>NAME.json: the inputs [batch, in] and PyTorch's outputs [batch, out] in the model's dtype, flattened.</summary>
    private sealed record Fixture(string Dtype, int Batch, double[] Inputs, double[] Outputs)
    {
        public static Fixture Load(string name)
        {
            using JsonDocument json = JsonDocument.Parse(
                File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "PyTorch", name + ".json")));
            JsonElement root = json.RootElement;
            return new Fixture(root.GetProperty("dtype").GetString()!, root.GetProperty("batch").GetInt32(),
                Flatten(root.GetProperty("inputs")), Flatten(root.GetProperty("outputs")));
        }

        private static double[] Flatten(JsonElement rows) =>
            rows.EnumerateArray().SelectMany(row => row.EnumerateArray().Select(v => v.GetDouble())).ToArray();
    }
}
