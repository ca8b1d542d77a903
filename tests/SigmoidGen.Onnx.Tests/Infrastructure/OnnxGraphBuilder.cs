using System.Buffers.Binary;
using SigmoidGen.Onnx.Protobuf;
using S = SigmoidGen.Onnx.Model.OnnxSchema;

namespace SigmoidGen.Onnx.Tests.Infrastructure;

/// <summary>An attribute of a hand-built node: a float, an int or a list of ints.</summary>
internal sealed record Attr(string Name, float? F = null, long? I = null, long[]? Ints = null);

/// <summary>How a hand-built initializer stores its values.</summary>
internal enum Storage
{
    /// <summary>Little-endian bytes in <c>raw_data</c>.</summary>
    Raw,

    /// <summary>The typed repeated field: <c>float_data</c> or <c>double_data</c>.</summary>
    Typed,
}

/// <summary>
/// Builds ONNX models by hand for the import tests: variants of the exported graph that other exporters write
/// (MatMul + Add, Transpose, Constant and Identity nodes, weights as graph inputs, typed data fields) and graphs that
/// must be rejected. Every well-formed variant is also run by ONNX Runtime in the tests, which checks that it is
/// valid ONNX and computes what the test claims.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly List<ProtoWriter> _nodes = new();
    private readonly List<ProtoWriter> _initializers = new();
    private readonly List<ProtoWriter> _inputs = new();
    private readonly List<ProtoWriter> _outputs = new();

    public long IrVersion { get; set; } = 7;

    public long Opset { get; set; } = 13;

    /// <summary>A graph input or output <c>[batch, features]</c>.</summary>
    public OnnxGraphBuilder Input(string name, int dataType, params int[] dims) => Add(_inputs, ValueInfo(name, dataType, dims));

    public OnnxGraphBuilder Output(string name, int dataType, params int[] dims) => Add(_outputs, ValueInfo(name, dataType, dims));

    public OnnxGraphBuilder Node(string name, string opType, string[] inputs, string output, params Attr[] attributes) =>
        NodeInDomain("", name, opType, inputs, output, attributes);

    public OnnxGraphBuilder NodeInDomain(string domain, string name, string opType, string[] inputs, string output, params Attr[] attributes)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.WriteString(S.Node.Input, input);
        }

        node.WriteString(S.Node.Output, output);
        node.WriteString(S.Node.Name, name);
        node.WriteString(S.Node.OpType, opType);
        if (domain.Length > 0)
        {
            node.WriteString(S.Node.Domain, domain);
        }

        foreach (Attr attribute in attributes)
        {
            node.WriteMessage(S.Node.Attribute, Attribute(attribute));
        }

        return Add(_nodes, node);
    }

    /// <summary>A <c>Constant</c> node whose <c>value</c> is the tensor.</summary>
    public OnnxGraphBuilder ConstantNode(string name, string output, int[] dims, double[] values, int dataType, Storage storage = Storage.Raw)
    {
        var attribute = new ProtoWriter();
        attribute.WriteString(S.Attribute.Name, "value");
        attribute.WriteMessage(S.Attribute.T, Tensor("", dims, values, dataType, storage));
        attribute.WriteVarint(S.Attribute.Type, 4);   // TENSOR
        var node = new ProtoWriter();
        node.WriteString(S.Node.Output, output);
        node.WriteString(S.Node.Name, name);
        node.WriteString(S.Node.OpType, "Constant");
        node.WriteMessage(S.Node.Attribute, attribute);
        return Add(_nodes, node);
    }

    public OnnxGraphBuilder Initializer(string name, int[] dims, double[] values, int dataType, Storage storage = Storage.Raw) =>
        Add(_initializers, Tensor(name, dims, values, dataType, storage));

    /// <summary>An initializer whose <c>raw_data</c> is the given bytes, whatever the dimensions say.</summary>
    public OnnxGraphBuilder RawInitializer(string name, int[] dims, int dataType, byte[] raw)
    {
        var tensor = new ProtoWriter();
        foreach (int dim in dims)
        {
            tensor.WriteVarint(S.Tensor.Dims, dim);
        }

        tensor.WriteVarint(S.Tensor.DataType, dataType);
        tensor.WriteString(S.Tensor.Name, name);
        tensor.WriteBytes(S.Tensor.RawData, raw);
        return Add(_initializers, tensor);
    }

    public byte[] Build()
    {
        var graph = new ProtoWriter();
        graph.WriteString(S.Graph.Name, "test");
        _nodes.ForEach(n => graph.WriteMessage(S.Graph.Node, n));
        _initializers.ForEach(t => graph.WriteMessage(S.Graph.Initializer, t));
        _inputs.ForEach(v => graph.WriteMessage(S.Graph.Input, v));
        _outputs.ForEach(v => graph.WriteMessage(S.Graph.Output, v));

        var opset = new ProtoWriter();
        opset.WriteVarint(S.OperatorSetId.Version, Opset);
        var model = new ProtoWriter();
        model.WriteVarint(S.Model.IrVersion, IrVersion);
        model.WriteMessage(S.Model.OpsetImport, opset);
        model.WriteString(S.Model.ProducerName, "SigmoidGen.Onnx.Tests");
        model.WriteMessage(S.Model.Graph, graph);
        return model.WrittenSpan.ToArray();
    }

    private OnnxGraphBuilder Add(List<ProtoWriter> list, ProtoWriter item)
    {
        list.Add(item);
        return this;
    }

    private static ProtoWriter Attribute(Attr attribute)
    {
        var writer = new ProtoWriter();
        writer.WriteString(S.Attribute.Name, attribute.Name);
        if (attribute.F is float f)
        {
            writer.WriteFloat(S.Attribute.F, f);
            writer.WriteVarint(S.Attribute.Type, S.Attribute.TypeFloat);
        }
        else if (attribute.I is long i)
        {
            writer.WriteVarint(S.Attribute.I, i);
            writer.WriteVarint(S.Attribute.Type, S.Attribute.TypeInt);
        }
        else
        {
            foreach (long value in attribute.Ints!)
            {
                writer.WriteVarint(S.Attribute.Ints, value);   // unpacked: one varint per value
            }

            writer.WriteVarint(S.Attribute.Type, 7);   // INTS
        }

        return writer;
    }

    private static ProtoWriter Tensor(string name, int[] dims, double[] values, int dataType, Storage storage)
    {
        var tensor = new ProtoWriter();
        foreach (int dim in dims)
        {
            tensor.WriteVarint(S.Tensor.Dims, dim);
        }

        tensor.WriteVarint(S.Tensor.DataType, dataType);
        if (name.Length > 0)
        {
            tensor.WriteString(S.Tensor.Name, name);
        }

        int size = dataType == S.DataType.Double ? 8 : 4;
        byte[] bytes = new byte[values.Length * size];
        for (int k = 0; k < values.Length; k++)
        {
            if (size == 8)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * k), values[k]);
            }
            else
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * k), (float)values[k]);
            }
        }

        // Packed float_data / double_data have the same bytes as raw_data, under another field number.
        int field = storage == Storage.Raw ? S.Tensor.RawData : size == 8 ? S.Tensor.DoubleData : S.Tensor.FloatData;
        tensor.WriteBytes(field, bytes);
        return tensor;
    }

    private static ProtoWriter ValueInfo(string name, int dataType, int[] dims)
    {
        var shape = new ProtoWriter();
        foreach (int dim in dims)
        {
            var dimension = new ProtoWriter();
            if (dim < 0)
            {
                dimension.WriteString(S.ValueInfo.DimParam, "batch");
            }
            else
            {
                dimension.WriteVarint(S.ValueInfo.DimValue, dim);
            }

            shape.WriteMessage(S.ValueInfo.ShapeDim, dimension);
        }

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
}
