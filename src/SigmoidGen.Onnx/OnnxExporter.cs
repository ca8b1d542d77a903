using System;
using System.Buffers.Binary;
using System.Reflection;
using System.Runtime.InteropServices;
using SigmoidGen.Onnx.Model;
using SigmoidGen.Onnx.Protobuf;
using S = SigmoidGen.Onnx.Model.OnnxSchema;

namespace SigmoidGen.Onnx;

/// <summary>
/// Writes a network as an ONNX model: per layer a <c>Gemm</c> (transB = 1, weights and bias as initializers in the
/// network's element type) then a <c>Sigmoid</c>; input <c>input</c> <c>[batch, inputs]</c> and output <c>output</c>
/// <c>[batch, outputs]</c> with a symbolic batch dimension. Names follow <c>torch.onnx.export</c> of
/// <c>nn.Sequential(nn.Linear, nn.Sigmoid, …)</c>: initializers <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, …,
/// nodes <c>/0/Gemm</c>, <c>/1/Sigmoid</c>, …
/// </summary>
internal static class OnnxExporter
{
    /// <summary>Returns the bytes of the <c>ModelProto</c>.</summary>
    public static ReadOnlySpan<byte> Write<T>(ReadOnlySpan<int> sizes, ReadOnlySpan<T> parameters)
        where T : unmanaged
    {
        int dataType = typeof(T) == typeof(double) ? S.DataType.Double : S.DataType.Float;
        var graph = new ProtoWriter();
        graph.WriteString(S.Graph.Name, "SigmoidGen");

        string previous = SigmoidOnnx.InputName;
        int offset = 0;
        for (int layer = 0; layer + 1 < sizes.Length; layer++)
        {
            int inputs = sizes[layer], outputs = sizes[layer + 1];
            string module = (2 * layer).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string sigmoidModule = (2 * layer + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string weightName = module + ".weight", biasName = module + ".bias";
            string linearOutput = $"/{module}/Gemm_output_0";
            string sigmoidOutput = layer + 2 == sizes.Length ? SigmoidOnnx.OutputName : $"/{sigmoidModule}/Sigmoid_output_0";

            var gemm = Node($"/{module}/Gemm", "Gemm", [previous, weightName, biasName], linearOutput);
            gemm.WriteMessage(S.Node.Attribute, FloatAttribute("alpha", 1f));
            gemm.WriteMessage(S.Node.Attribute, FloatAttribute("beta", 1f));
            gemm.WriteMessage(S.Node.Attribute, IntAttribute("transB", 1));
            graph.WriteMessage(S.Graph.Node, gemm);
            graph.WriteMessage(S.Graph.Node, Node($"/{sigmoidModule}/Sigmoid", "Sigmoid", [linearOutput], sigmoidOutput));

            int weightCount = inputs * outputs;
            graph.WriteMessage(S.Graph.Initializer,
                Tensor(weightName, [outputs, inputs], dataType, parameters.Slice(offset, weightCount)));
            graph.WriteMessage(S.Graph.Initializer,
                Tensor(biasName, [outputs], dataType, parameters.Slice(offset + weightCount, outputs)));
            offset += weightCount + outputs;
            previous = sigmoidOutput;
        }

        graph.WriteMessage(S.Graph.Input, ValueInfo(SigmoidOnnx.InputName, dataType, sizes[0]));
        graph.WriteMessage(S.Graph.Output, ValueInfo(SigmoidOnnx.OutputName, dataType, sizes[^1]));

        var opset = new ProtoWriter();
        opset.WriteString(S.OperatorSetId.Domain, "");
        opset.WriteVarint(S.OperatorSetId.Version, SigmoidOnnx.OpsetVersion);

        var model = new ProtoWriter();
        model.WriteVarint(S.Model.IrVersion, SigmoidOnnx.IrVersion);
        model.WriteString(S.Model.ProducerName, SigmoidOnnx.ProducerName);
        model.WriteString(S.Model.ProducerVersion, ProducerVersion());
        model.WriteString(S.Model.DocString,
            $"SigmoidGen network {string.Join("-", sizes.ToArray())} ({typeof(T).Name}): per layer Gemm (transB = 1) then Sigmoid.");
        model.WriteMessage(S.Model.Graph, graph);
        model.WriteMessage(S.Model.OpsetImport, opset);
        return model.WrittenSpan;
    }

    private static ProtoWriter Node(string name, string opType, string[] inputs, string output)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.WriteString(S.Node.Input, input);
        }

        node.WriteString(S.Node.Output, output);
        node.WriteString(S.Node.Name, name);
        node.WriteString(S.Node.OpType, opType);
        return node;
    }

    private static ProtoWriter FloatAttribute(string name, float value)
    {
        var attribute = new ProtoWriter();
        attribute.WriteString(S.Attribute.Name, name);
        attribute.WriteFloat(S.Attribute.F, value);
        attribute.WriteVarint(S.Attribute.Type, S.Attribute.TypeFloat);
        return attribute;
    }

    private static ProtoWriter IntAttribute(string name, long value)
    {
        var attribute = new ProtoWriter();
        attribute.WriteString(S.Attribute.Name, name);
        attribute.WriteVarint(S.Attribute.I, value);
        attribute.WriteVarint(S.Attribute.Type, S.Attribute.TypeInt);
        return attribute;
    }

    /// <summary>A <c>TensorProto</c> with its values little-endian in <c>raw_data</c>.</summary>
    private static ProtoWriter Tensor<T>(string name, int[] dims, int dataType, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var tensor = new ProtoWriter();
        foreach (int dim in dims)
        {
            tensor.WriteVarint(S.Tensor.Dims, dim);
        }

        tensor.WriteVarint(S.Tensor.DataType, dataType);
        tensor.WriteString(S.Tensor.Name, name);

        // T is float or double (checked by SigmoidOnnx): reinterpret the span, no boxing.
        byte[] raw;
        if (dataType == S.DataType.Double)
        {
            ReadOnlySpan<double> doubles = MemoryMarshal.Cast<T, double>(values);
            raw = new byte[doubles.Length * 8];
            for (int i = 0; i < doubles.Length; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(raw.AsSpan(8 * i), doubles[i]);
            }
        }
        else
        {
            ReadOnlySpan<float> floats = MemoryMarshal.Cast<T, float>(values);
            raw = new byte[floats.Length * 4];
            for (int i = 0; i < floats.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(4 * i), floats[i]);
            }
        }

        tensor.WriteBytes(S.Tensor.RawData, raw);
        return tensor;
    }

    /// <summary>A <c>ValueInfoProto</c> for a tensor <c>[batch, features]</c>, the batch dimension symbolic.</summary>
    private static ProtoWriter ValueInfo(string name, int dataType, int features)
    {
        var batch = new ProtoWriter();
        batch.WriteString(S.ValueInfo.DimParam, SigmoidOnnx.BatchDimension);
        var width = new ProtoWriter();
        width.WriteVarint(S.ValueInfo.DimValue, features);
        var shape = new ProtoWriter();
        shape.WriteMessage(S.ValueInfo.ShapeDim, batch);
        shape.WriteMessage(S.ValueInfo.ShapeDim, width);

        var tensorType = new ProtoWriter();
        tensorType.WriteVarint(S.ValueInfo.TensorElemType, dataType);
        tensorType.WriteMessage(S.ValueInfo.TensorShape, shape);
        var type = new ProtoWriter();
        type.WriteMessage(S.ValueInfo.TypeTensor, tensorType);

        var valueInfo = new ProtoWriter();
        valueInfo.WriteString(S.ValueInfo.Name, name);
        valueInfo.WriteMessage(S.ValueInfo.Type, type);
        return valueInfo;
    }

    /// <summary>The package version, without the source-revision suffix the SDK appends (<c>0.1.0+abc123</c>).</summary>
    private static string ProducerVersion()
    {
        string? version = typeof(OnnxExporter).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(version))
        {
            return "0.0.0";
        }

        int plus = version.IndexOf('+');
        return plus >= 0 ? version[..plus] : version;
    }
}
