using System.Text.Json;

namespace SigmoidGen.Tests.Interop;

/// <summary>
/// One model of tests/Fixtures/PyTorch (written by make_fixtures.py, copied to the test output): its files, and the
/// fixed inputs and PyTorch's outputs from its JSON, flattened row-major.
/// </summary>
internal sealed class TorchFixture
{
    private TorchFixture(string name, JsonElement root)
    {
        Name = name;
        LayerSizes = root.GetProperty("layer_sizes").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Batch = root.GetProperty("batch").GetInt32();
        Inputs = Flatten(root.GetProperty("inputs"));
        Outputs = Flatten(root.GetProperty("outputs"));
        OutputsFloat64 = Flatten(root.GetProperty("outputs_float64"));
    }

    public string Name { get; }

    public int[] LayerSizes { get; }

    public int Batch { get; }

    /// <summary>Inputs [batch, in]: float32 values for the float models, float64 for the float64 one.</summary>
    public double[] Inputs { get; }

    /// <summary>PyTorch's outputs [batch, out], computed in the model's own dtype.</summary>
    public double[] Outputs { get; }

    /// <summary>PyTorch's outputs of the same model converted to float64: the exact reference.</summary>
    public double[] OutputsFloat64 { get; }

    /// <summary>The full path of a fixture file in the test output, e.g. <c>File("mlp_5_3_1.safetensors")</c>.</summary>
    public static string File(string fileName) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "PyTorch", fileName);

    public static TorchFixture Load(string name)
    {
        using JsonDocument document = JsonDocument.Parse(System.IO.File.ReadAllBytes(File(name + ".json")));
        return new TorchFixture(name, document.RootElement);
    }

    public string SafetensorsPath => File(Name + ".safetensors");

    /// <summary>The network's outputs on the fixture's inputs, widened to double.</summary>
    public double[] Predict(ISigmoidNetwork<float> network)
    {
        var output = new float[Batch * LayerSizes[^1]];
        network.Predict(Inputs.Select(v => (float)v).ToArray(), output);
        return output.Select(v => (double)v).ToArray();
    }

    /// <inheritdoc cref="Predict(ISigmoidNetwork{float})"/>
    public double[] Predict(ISigmoidNetwork<double> network)
    {
        var output = new double[Batch * LayerSizes[^1]];
        network.Predict(Inputs, output);
        return output;
    }

    /// <summary>The largest absolute difference between two arrays of the same length.</summary>
    public static double MaxDifference(double[] a, double[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
    }

    private static double[] Flatten(JsonElement rows) =>
        rows.EnumerateArray().SelectMany(row => row.EnumerateArray().Select(e => e.GetDouble())).ToArray();
}
