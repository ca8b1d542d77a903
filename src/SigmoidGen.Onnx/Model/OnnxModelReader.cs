using System.Collections.Generic;
using System.IO;
using SigmoidGen.Onnx.Protobuf;
using S = SigmoidGen.Onnx.Model.OnnxSchema;

namespace SigmoidGen.Onnx.Model;

/// <summary>
/// Parses the bytes of an <c>.onnx</c> file into an <see cref="OnnxModel"/>: the model's IR and opset versions and its
/// graph's nodes, initializers, inputs and outputs. Other fields are skipped. Malformed bytes throw
/// <see cref="InvalidDataException"/>.
/// </summary>
internal static class OnnxModelReader
{
    public static OnnxModel Read(byte[] bytes)
    {
        var reader = new ProtoReader(bytes, 0, bytes.Length);
        var model = new OnnxModel();
        while (reader.HasMore)
        {
            (int field, WireType type) = reader.ReadTag();
            switch (field)
            {
                case S.Model.IrVersion:
                    ProtoReader.Expect(type, WireType.Varint, "ModelProto.ir_version");
                    model.IrVersion = reader.ReadInt64();
                    break;
                case S.Model.OpsetImport:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "ModelProto.opset_import");
                    model.OpsetImports.Add(ReadOpset(reader.ReadMessage()));
                    break;
                case S.Model.Graph:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "ModelProto.graph");
                    model.Graph = ReadGraph(reader.ReadMessage());
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return model;
    }

    private static (string, long) ReadOpset(ProtoReader reader)
    {
        string domain = "";
        long version = 0;
        while (reader.HasMore)
        {
            (int field, WireType type) = reader.ReadTag();
            if (field == S.OperatorSetId.Domain && type == WireType.LengthDelimited)
            {
                domain = reader.ReadString();
            }
            else if (field == S.OperatorSetId.Version && type == WireType.Varint)
            {
                version = reader.ReadInt64();
            }
            else
            {
                reader.Skip(type);
            }
        }

        return (domain, version);
    }

    private static OnnxGraph ReadGraph(ProtoReader reader)
    {
        var graph = new OnnxGraph();
        while (reader.HasMore)
        {
            (int field, WireType type) = reader.ReadTag();
            switch (field)
            {
                case S.Graph.Node:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "GraphProto.node");
                    graph.Nodes.Add(ReadNode(reader.ReadMessage()));
                    break;
                case S.Graph.Initializer:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "GraphProto.initializer");
                    graph.Initializers.Add(ReadTensor(reader.ReadMessage()));
                    break;
                case S.Graph.Input:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "GraphProto.input");
                    graph.Inputs.Add(ReadValueInfoName(reader.ReadMessage()));
                    break;
                case S.Graph.Output:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "GraphProto.output");
                    graph.Outputs.Add(ReadValueInfoName(reader.ReadMessage()));
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return graph;
    }

    private static string ReadValueInfoName(ProtoReader reader)
    {
        string name = "";
        while (reader.HasMore)
        {
            (int field, WireType type) = reader.ReadTag();
            if (field == S.ValueInfo.Name && type == WireType.LengthDelimited)
            {
                name = reader.ReadString();
            }
            else
            {
                reader.Skip(type);
            }
        }

        return name;
    }

    private static OnnxNode ReadNode(ProtoReader reader)
    {
        var node = new OnnxNode();
        while (reader.HasMore)
        {
            (int field, WireType type) = reader.ReadTag();
            switch (field)
            {
                case S.Node.Input:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "NodeProto.input");
                    node.Inputs.Add(reader.ReadString());
                    break;
                case S.Node.Output:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "NodeProto.output");
                    node.Outputs.Add(reader.ReadString());
                    break;
                case S.Node.Name:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "NodeProto.name");
                    node.Name = reader.ReadString();
                    break;
                case S.Node.OpType:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "NodeProto.op_type");
                    node.OpType = reader.ReadString();
                    break;
                case S.Node.Domain:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "NodeProto.domain");
                    node.Domain = reader.ReadString();
                    break;
                case S.Node.Attribute:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "NodeProto.attribute");
                    node.Attributes.Add(ReadAttribute(reader.ReadMessage()));
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return node;
    }

    private static OnnxAttribute ReadAttribute(ProtoReader reader)
    {
        var attribute = new OnnxAttribute();
        while (reader.HasMore)
        {
            (int field, WireType type) = reader.ReadTag();
            switch (field)
            {
                case S.Attribute.Name:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "AttributeProto.name");
                    attribute.Name = reader.ReadString();
                    break;
                case S.Attribute.F:
                    ProtoReader.Expect(type, WireType.Fixed32, "AttributeProto.f");
                    attribute.F = reader.ReadFloat();
                    break;
                case S.Attribute.I:
                    ProtoReader.Expect(type, WireType.Varint, "AttributeProto.i");
                    attribute.I = reader.ReadInt64();
                    break;
                case S.Attribute.T:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "AttributeProto.t");
                    attribute.T = ReadTensor(reader.ReadMessage());
                    break;
                case S.Attribute.Ints:
                    ReadRepeatedInt64(ref reader, type, attribute.Ints, "AttributeProto.ints");
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return attribute;
    }

    private static OnnxTensor ReadTensor(ProtoReader reader)
    {
        var tensor = new OnnxTensor();
        while (reader.HasMore)
        {
            (int field, WireType type) = reader.ReadTag();
            switch (field)
            {
                case S.Tensor.Dims:
                    ReadRepeatedInt64(ref reader, type, tensor.Dims, "TensorProto.dims");
                    break;
                case S.Tensor.DataType:
                    ProtoReader.Expect(type, WireType.Varint, "TensorProto.data_type");
                    tensor.DataType = reader.ReadInt32();
                    break;
                case S.Tensor.Segment:
                    tensor.IsSegment = true;
                    reader.Skip(type);
                    break;
                case S.Tensor.FloatData:
                    if (type == WireType.LengthDelimited)
                    {
                        // Packed (the proto3 default): the floats back to back.
                        ProtoReader packed = reader.ReadMessage();
                        while (packed.HasMore)
                        {
                            tensor.FloatData.Add(packed.ReadFloat());
                        }
                    }
                    else
                    {
                        ProtoReader.Expect(type, WireType.Fixed32, "TensorProto.float_data");
                        tensor.FloatData.Add(reader.ReadFloat());
                    }

                    break;
                case S.Tensor.DoubleData:
                    if (type == WireType.LengthDelimited)
                    {
                        ProtoReader packed = reader.ReadMessage();
                        while (packed.HasMore)
                        {
                            tensor.DoubleData.Add(packed.ReadDouble());
                        }
                    }
                    else
                    {
                        ProtoReader.Expect(type, WireType.Fixed64, "TensorProto.double_data");
                        tensor.DoubleData.Add(reader.ReadDouble());
                    }

                    break;
                case S.Tensor.Name:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "TensorProto.name");
                    tensor.Name = reader.ReadString();
                    break;
                case S.Tensor.RawData:
                    ProtoReader.Expect(type, WireType.LengthDelimited, "TensorProto.raw_data");
                    tensor.RawData = reader.ReadBytes();
                    break;
                case S.Tensor.ExternalData:
                    tensor.IsExternal = true;
                    reader.Skip(type);
                    break;
                case S.Tensor.DataLocation:
                    ProtoReader.Expect(type, WireType.Varint, "TensorProto.data_location");
                    tensor.IsExternal |= reader.ReadInt32() != 0;
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return tensor;
    }

    /// <summary>A repeated int64, packed (one length-delimited run of varints) or not (one varint per field).</summary>
    private static void ReadRepeatedInt64(ref ProtoReader reader, WireType type, List<long> values, string field)
    {
        if (type == WireType.LengthDelimited)
        {
            ProtoReader packed = reader.ReadMessage();
            while (packed.HasMore)
            {
                values.Add(packed.ReadInt64());
            }
        }
        else
        {
            ProtoReader.Expect(type, WireType.Varint, field);
            values.Add(reader.ReadInt64());
        }
    }
}
