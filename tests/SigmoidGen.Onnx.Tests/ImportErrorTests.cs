using System.Text;
using SigmoidGen.Onnx.Tests.Infrastructure;
using D = SigmoidGen.Onnx.Model.OnnxSchema.DataType;

namespace SigmoidGen.Onnx.Tests;

/// <summary>
/// Graphs that are not a chain of dense sigmoid layers, shapes that do not fit the network, and bytes that are not ONNX
/// at all: <see cref="InvalidDataException"/> naming the node or tensor at fault, and the parameters unchanged.
/// </summary>
public class ImportErrorTests
{
    [Theory]
    [InlineData(1, "Relu")]
    [InlineData(0, "Tanh")]
    [InlineData(1, "Softmax")]
    public void AnotherActivationIsRejectedByName(int layer, string op)
    {
        byte[] model = Chain(activation: k => k == layer ? op : "Sigmoid");
        AssertRejected(model, $"'/{2 * layer + 1}/{op}' ({op})");
    }

    [Fact]
    public void ConvInsteadOfGemmIsRejectedByName()
    {
        byte[] model = Chain(linear: k => k == 0 ? "Conv" : "Gemm");
        AssertRejected(model, "'/0/Conv' (Conv)");
    }

    [Fact]
    public void NodeAfterTheLastSigmoidIsRejectedByName()
    {
        OnnxGraphBuilder g = ChainBuilder(Layers(), outputName: "probabilities", activation: _ => "Sigmoid", linear: _ => "Gemm");
        g.Node("/4/Relu", "Relu", ["probabilities"], "output");
        AssertRejected(g.Build(), "'/4/Relu' (Relu)");
    }

    [Fact]
    public void MissingLastSigmoidIsRejected()
    {
        LayerValues[] layers = Layers();
        var g = new OnnxGraphBuilder();
        g.Input("input", D.Float, -1, 5).Output("output", D.Float, -1, 1);
        g.Initializer("0.weight", [3, 5], layers[0].Weights, D.Float).Initializer("0.bias", [3], layers[0].Bias, D.Float)
         .Node("/0/Gemm", "Gemm", ["input", "0.weight", "0.bias"], "h", new Attr("transB", I: 1))
         .Node("/1/Sigmoid", "Sigmoid", ["h"], "s")
         .Initializer("2.weight", [1, 3], layers[1].Weights, D.Float).Initializer("2.bias", [1], layers[1].Bias, D.Float)
         .Node("/2/Gemm", "Gemm", ["s", "2.weight", "2.bias"], "output", new Attr("transB", I: 1));
        AssertRejected(g.Build(), "'/2/Gemm' (Gemm) without the Sigmoid");
    }

    [Theory]
    [InlineData("alpha", 0.5f, 0L)]
    [InlineData("beta", 2f, 0L)]
    [InlineData("transA", null, 1L)]
    public void GemmThatIsNotAPlainLayerIsRejectedByName(string attribute, float? f, long i)
    {
        byte[] model = Chain(gemmAttribute: k => k == 1 ? new Attr(attribute, F: f, I: f is null ? i : null) : null);
        AssertRejected(model, $"'/2/Gemm' (Gemm)", attribute);
    }

    [Fact]
    public void NodeOfAnotherDomainIsRejectedByName()
    {
        LayerValues[] layers = Layers();
        var g = new OnnxGraphBuilder();
        g.Input("input", D.Float, -1, 5).Output("output", D.Float, -1, 1);
        g.Initializer("0.weight", [3, 5], layers[0].Weights, D.Float).Initializer("0.bias", [3], layers[0].Bias, D.Float)
         .NodeInDomain("com.microsoft", "fused", "FusedGemm", ["input", "0.weight", "0.bias"], "output");
        AssertRejected(g.Build(), "'fused' (FusedGemm)", "com.microsoft");
    }

    [Fact]
    public void WeightsThatAreNotConstantAreRejectedByName()
    {
        // The weights come from a second graph input, not an initializer.
        var g = new OnnxGraphBuilder();
        g.Input("input", D.Float, -1, 5).Input("w", D.Float, 1, 5).Output("output", D.Float, -1, 1)
         .Node("/0/Gemm", "Gemm", ["input", "w"], "h", new Attr("transB", I: 1))
         .Node("/1/Sigmoid", "Sigmoid", ["h"], "output");
        AssertRejected(g.Build(), "2 inputs that are not initializers", network: Networks.NewFloat("5-1"));
    }

    [Fact]
    public void ABranchOffTheChainIsRejectedByName()
    {
        // A second Sigmoid on the graph's input, not on the layer's output.
        LayerValues[] layers = Layers();
        var g = new OnnxGraphBuilder();
        g.Input("input", D.Float, -1, 5).Output("output", D.Float, -1, 1);
        g.Initializer("0.weight", [3, 5], layers[0].Weights, D.Float).Initializer("0.bias", [3], layers[0].Bias, D.Float)
         .Node("/0/Gemm", "Gemm", ["input", "0.weight", "0.bias"], "h", new Attr("transB", I: 1))
         .Node("/1/Sigmoid", "Sigmoid", ["input"], "s");
        AssertRejected(g.Build(), "'/1/Sigmoid' (Sigmoid)", "'h'");
    }

    [Fact]
    public void OtherHiddenSizeIsRejectedNamingTheLayer()
    {
        // A 5-3-1 model into a 5-4-1 network.
        byte[] model = TestData.Export(Networks.NewFloat("5-3-1"));
        AssertRejected(model, "'/0/Gemm'", "5 inputs to 3 outputs", "needs 5 to 4", network: Networks.NewFloat("5-4-1"));
    }

    [Fact]
    public void OtherLayerCountIsRejected()
    {
        byte[] model = TestData.Export(Networks.NewFloat("5-1"));
        AssertRejected(model, "1 layers (5→1)", "5-3-1 has 2");
        AssertRejected(TestData.Export(Networks.NewFloat("5-3-1")), "2 layers", network: Networks.NewFloat("5-1"));
    }

    [Fact]
    public void BiasOfTheWrongLengthIsRejectedByName()
    {
        LayerValues[] layers = Layers();
        var g = ChainBuilder(layers, outputName: "output", activation: _ => "Sigmoid", linear: _ => "Gemm", biasName: "odd.bias");
        g.Initializer("odd.bias", [4], [0.1, 0.2, 0.3, 0.4], D.Float);
        AssertRejected(g.Build(), "'odd.bias'", "'/0/Gemm'", "[4]");
    }

    [Fact]
    public void TruncatedRawDataIsRejectedNamingTheTensor()
    {
        LayerValues[] layers = Layers();
        var g = ChainBuilder(layers, outputName: "output", activation: _ => "Sigmoid", linear: _ => "Gemm", weightName: "short.weight");
        g.RawInitializer("short.weight", [3, 5], D.Float, new byte[4 * 14]);
        AssertRejected(g.Build(), "'short.weight'", "56 bytes", "60");
    }

    [Fact]
    public void IntegerWeightsAreRejectedNamingTheTensor()
    {
        LayerValues[] layers = Layers();
        var g = ChainBuilder(layers, outputName: "output", activation: _ => "Sigmoid", linear: _ => "Gemm", weightName: "int.weight");
        g.RawInitializer("int.weight", [3, 5], 7, new byte[8 * 15]);
        AssertRejected(g.Build(), "'int.weight'", "int64");
    }

    [Fact]
    public void EveryTruncationOfAnExportedModelIsRejected()
    {
        byte[] model = TestData.Export(Networks.NewFloat("5-3-1"));
        for (int length = 0; length < model.Length; length++)
        {
            AssertRejected(model[..length]);
        }
    }

    [Fact]
    public void GarbageIsRejected()
    {
        var random = new Random(42);
        for (int trial = 0; trial < 200; trial++)
        {
            byte[] bytes = new byte[random.Next(1, 3000)];
            random.NextBytes(bytes);
            AssertRejected(bytes);
        }

        AssertRejected(Encoding.UTF8.GetBytes("{\"not\": \"an onnx model\"}"));
        AssertRejected(new byte[1000]);   // zeros: field number 0
        using var sgnn = new MemoryStream();
        ((Net5x3x1)Networks.NewFloat("5-3-1")).Save(sgnn);   // SigmoidGen's own format
        AssertRejected(sgnn.ToArray());
    }

    [Fact]
    public void SingleByteCorruptionsNeverThrowAnythingElse()
    {
        // A changed byte may still be a valid model (a changed weight); it must never be another exception.
        byte[] model = TestData.Export(Networks.NewFloat("5-3-1"));
        var random = new Random(7);
        for (int trial = 0; trial < 500; trial++)
        {
            byte[] bytes = (byte[])model.Clone();
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            ISigmoidNetwork<float> network = Networks.NewFloat("5-3-1", seed: 3);
            try
            {
                TestData.Import(network, bytes);
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    /// <summary>Imports and expects <see cref="InvalidDataException"/> whose message contains every fragment; the parameters must not change.</summary>
    private static void AssertRejected(byte[] model, params string[] fragments) =>
        AssertRejected(model, fragments, Networks.NewFloat("5-3-1", seed: 3));

    private static void AssertRejected(byte[] model, string fragment, ISigmoidNetwork<float> network) =>
        AssertRejected(model, [fragment], network);

    private static void AssertRejected(byte[] model, string fragment1, string fragment2, string fragment3, ISigmoidNetwork<float> network) =>
        AssertRejected(model, [fragment1, fragment2, fragment3], network);

    private static void AssertRejected(byte[] model, string[] fragments, ISigmoidNetwork<float> network)
    {
        long[] before = TestData.Bits<float>(network.Parameters);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => TestData.Import(network, model));
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, TestData.Bits<float>(network.Parameters));
    }

    private static LayerValues[] Layers() => LayerValues.Of(Networks.NewFloat("5-3-1", seed: 21));

    /// <summary>The exported graph of a 5-3-1 network with per-layer overrides, named like PyTorch's.</summary>
    private static byte[] Chain(Func<int, string>? activation = null, Func<int, string>? linear = null, Func<int, Attr?>? gemmAttribute = null) =>
        ChainBuilder(Layers(), "output", activation ?? (_ => "Sigmoid"), linear ?? (_ => "Gemm"), gemmAttribute).Build();

    private static OnnxGraphBuilder ChainBuilder(LayerValues[] layers, string outputName, Func<int, string> activation,
        Func<int, string> linear, Func<int, Attr?>? gemmAttribute = null, string? weightName = null, string? biasName = null)
    {
        var g = new OnnxGraphBuilder();
        g.Input("input", D.Float, -1, layers[0].Inputs).Output("output", D.Float, -1, layers[^1].Outputs);
        string previous = "input";
        for (int k = 0; k < layers.Length; k++)
        {
            LayerValues l = layers[k];
            string w = k == 0 && weightName is not null ? weightName : $"{2 * k}.weight";
            string b = k == 0 && biasName is not null ? biasName : $"{2 * k}.bias";
            if (w != weightName)
            {
                g.Initializer(w, [l.Outputs, l.Inputs], l.Weights, D.Float);
            }

            if (b != biasName)
            {
                g.Initializer(b, [l.Outputs], l.Bias, D.Float);
            }

            var attributes = new List<Attr> { new("transB", I: 1) };
            if (gemmAttribute?.Invoke(k) is Attr extra)
            {
                attributes.Add(extra);
            }

            string op = linear(k), act = activation(k);
            string output = k == layers.Length - 1 ? outputName : $"/{2 * k + 1}/{act}_output_0";
            g.Node($"/{2 * k}/{op}", op, [previous, w, b], $"/{2 * k}/{op}_output_0", attributes.ToArray())
             .Node($"/{2 * k + 1}/{act}", act, [$"/{2 * k}/{op}_output_0"], output);
            previous = output;
        }

        return g;
    }
}
