using SigmoidGen.Onnx.Tests.Infrastructure;
using D = SigmoidGen.Onnx.Model.OnnxSchema.DataType;

namespace SigmoidGen.Onnx.Tests;

/// <summary>
/// Import of the graphs other exporters write for the same network: each variant is built by hand from a known
/// network, run by ONNX Runtime (so it is valid ONNX and computes that network), then imported, which must give the
/// network's parameters back bit for bit.
/// </summary>
public class ImportTests
{
    public static TheoryData<string> Variants() => new(
        "Gemm transB = 0",
        "MatMul + Add",
        "Transpose + MatMul + Add",
        "float_data",
        "double initializers",
        "Constant and Identity nodes",
        "weights as graph inputs (IR 3, opset 9)",
        "no bias (Gemm without C, MatMul without Add)");

    [Theory]
    [MemberData(nameof(Variants))]
    public void VariantRunsInOnnxRuntimeAndImportsBitIdentical(string variant)
    {
        ISigmoidNetwork<float> expected = Networks.NewFloat("7-9-4-2", seed: 5);
        LayerValues[] layers = LayerValues.Of(expected);
        if (variant.StartsWith("no bias", StringComparison.Ordinal))
        {
            // The layers without a bias import as zero bias.
            Array.Clear(layers[0].Bias);
            Array.Clear(layers[1].Bias);
            TestData.Randomize(expected, 5);
            WriteBack(expected, layers);
        }

        (byte[] model, bool isDouble) = Build(variant, layers);

        // ONNX Runtime runs the variant and agrees with the network it was built from.
        int rows = 7;
        float[] input = TestData.Inputs<float>(rows * 7, seed: 2);
        var predicted = new float[rows * 2];
        expected.Predict(input, predicted);
        double[] onnx = isDouble
            ? Ort.Run(model, input.Select(v => (double)v).ToArray(), rows, "x", "y")
            : Ort.Run(model, input, rows, "x", "y").Select(v => (double)v).ToArray();
        for (int i = 0; i < onnx.Length; i++)
        {
            Assert.InRange(Math.Abs(onnx[i] - predicted[i]), 0, 1e-6);
        }

        ISigmoidNetwork<float> imported = Networks.NewFloat("7-9-4-2", seed: 6);
        TestData.Import(imported, model);
        Assert.Equal(TestData.Bits<float>(expected.Parameters), TestData.Bits<float>(imported.Parameters));
    }

    [Fact]
    public void FloatModelIntoDoubleNetworkWidensExactly()
    {
        ISigmoidNetwork<float> source = Networks.NewFloat("7-9-4-2", seed: 8);
        ISigmoidNetwork<double> target = Networks.NewDouble("7-9-4-2", seed: 9);
        TestData.Import(target, TestData.Export(source));
        Assert.Equal(source.Parameters.ToArray().Select(v => (double)v), target.Parameters.ToArray());
    }

    [Fact]
    public void DoubleModelIntoFloatNetworkRoundsToNearest()
    {
        ISigmoidNetwork<double> source = Networks.NewDouble("7-9-4-2", seed: 8);
        ISigmoidNetwork<float> target = Networks.NewFloat("7-9-4-2", seed: 9);
        TestData.Import(target, TestData.Export(source));
        Assert.Equal(source.Parameters.ToArray().Select(v => (float)v), target.Parameters.ToArray());
    }

    private static (byte[] Model, bool IsDouble) Build(string variant, LayerValues[] layers)
    {
        var g = new OnnxGraphBuilder();
        int dataType = variant == "double initializers" ? D.Double : D.Float;
        g.Input("x", dataType, -1, 7);
        string previous = "x";
        for (int k = 0; k < layers.Length; k++)
        {
            LayerValues l = layers[k];
            string w = $"fc{k}.weight", b = $"fc{k}.bias", linear = $"linear{k}";
            string output = k == layers.Length - 1 ? "y" : $"hidden{k}";
            switch (variant)
            {
                case "Gemm transB = 0":
                    g.Initializer(w, [l.Inputs, l.Outputs], l.WeightsTransposed(), D.Float)
                     .Initializer(b, [l.Outputs], l.Bias, D.Float)
                     .Node($"gemm{k}", "Gemm", [previous, w, b], linear, new Attr("alpha", F: 1f), new Attr("beta", F: 1f),
                         new Attr("transA", I: 0), new Attr("transB", I: 0));
                    break;
                case "MatMul + Add":
                    // Bias [1, out] on the middle layer, and the bias first in its Add there.
                    g.Initializer(w, [l.Inputs, l.Outputs], l.WeightsTransposed(), D.Float)
                     .Initializer(b, k == 1 ? [1, l.Outputs] : [l.Outputs], l.Bias, D.Float)
                     .Node($"matmul{k}", "MatMul", [previous, w], $"mm{k}")
                     .Node($"add{k}", "Add", k == 1 ? [b, $"mm{k}"] : [$"mm{k}", b], linear);
                    break;
                case "Transpose + MatMul + Add":
                    // Transpose with perm [1, 0] on two layers, without perm (reverse, the default) on the middle one.
                    g.Initializer(w, [l.Outputs, l.Inputs], l.Weights, D.Float)
                     .Initializer(b, [l.Outputs], l.Bias, D.Float);
                    if (k == 1)
                    {
                        g.Node($"transpose{k}", "Transpose", [w], $"wt{k}");
                    }
                    else
                    {
                        g.Node($"transpose{k}", "Transpose", [w], $"wt{k}", new Attr("perm", Ints: [1, 0]));
                    }

                    g.Node($"matmul{k}", "MatMul", [previous, $"wt{k}"], $"mm{k}")
                     .Node($"add{k}", "Add", [$"mm{k}", b], linear);
                    break;
                case "float_data":
                case "double initializers":
                    Storage storage = variant == "float_data" ? Storage.Typed : Storage.Raw;
                    g.Initializer(w, [l.Outputs, l.Inputs], l.Weights, dataType, storage)
                     .Initializer(b, [l.Outputs], l.Bias, dataType, k == 2 ? Storage.Typed : storage)
                     .Node($"gemm{k}", "Gemm", [previous, w, b], linear, new Attr("transB", I: 1));
                    break;
                case "Constant and Identity nodes":
                    g.ConstantNode($"const_w{k}", $"cw{k}", [l.Outputs, l.Inputs], l.Weights, D.Float)
                     .Initializer(b, [l.Outputs], l.Bias, D.Float)
                     .Node($"identity_b{k}", "Identity", [b], $"ib{k}")
                     .Node($"identity_x{k}", "Identity", [previous], $"ix{k}")
                     .Node($"gemm{k}", "Gemm", [$"ix{k}", $"cw{k}", $"ib{k}"], linear, new Attr("transB", I: 1));
                    break;
                case "weights as graph inputs (IR 3, opset 9)":
                    g.IrVersion = 3;
                    g.Opset = 9;
                    g.Initializer(w, [l.Outputs, l.Inputs], l.Weights, D.Float)
                     .Initializer(b, [l.Outputs], l.Bias, D.Float)
                     .Input(w, D.Float, l.Outputs, l.Inputs)
                     .Input(b, D.Float, l.Outputs)
                     .Node($"gemm{k}", "Gemm", [previous, w, b], linear, new Attr("transB", I: 1));
                    break;
                case "no bias (Gemm without C, MatMul without Add)":
                    if (k == 0)
                    {
                        g.Initializer(w, [l.Outputs, l.Inputs], l.Weights, D.Float)
                         .Node($"gemm{k}", "Gemm", [previous, w], linear, new Attr("transB", I: 1));
                    }
                    else if (k == 1)
                    {
                        g.Initializer(w, [l.Inputs, l.Outputs], l.WeightsTransposed(), D.Float)
                         .Node($"matmul{k}", "MatMul", [previous, w], linear);
                    }
                    else
                    {
                        g.Initializer(w, [l.Outputs, l.Inputs], l.Weights, D.Float)
                         .Initializer(b, [l.Outputs], l.Bias, D.Float)
                         .Node($"gemm{k}", "Gemm", [previous, w, b], linear, new Attr("transB", I: 1));
                    }

                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(variant), variant, null);
            }

            g.Node($"sigmoid{k}", "Sigmoid", [linear], output);
            previous = output;
        }

        g.Output("y", dataType, -1, 2);
        return (g.Build(), dataType == D.Double);
    }

    private static void WriteBack(ISigmoidNetwork<float> network, LayerValues[] layers)
    {
        Span<float> parameters = network.Parameters;
        int offset = 0;
        foreach (LayerValues l in layers)
        {
            foreach (double v in l.Weights.Concat(l.Bias))
            {
                parameters[offset++] = (float)v;
            }
        }
    }
}
