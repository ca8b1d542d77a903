using System;
using System.Collections.Generic;

namespace SigmoidGen.Onnx.Model;

/// <summary>The parts of an ONNX <c>ModelProto</c> the importer reads.</summary>
internal sealed class OnnxModel
{
    public long IrVersion { get; set; }

    /// <summary>The operator sets imported: (domain, version); the default domain is "" (or "ai.onnx").</summary>
    public List<(string Domain, long Version)> OpsetImports { get; } = new();

    public OnnxGraph? Graph { get; set; }
}

/// <summary>The parts of an ONNX <c>GraphProto</c> the importer reads.</summary>
internal sealed class OnnxGraph
{
    public List<OnnxNode> Nodes { get; } = new();

    public List<OnnxTensor> Initializers { get; } = new();

    /// <summary>The names of the graph's inputs (old exporters list the initializers here too).</summary>
    public List<string> Inputs { get; } = new();

    public List<string> Outputs { get; } = new();
}

/// <summary>An ONNX <c>NodeProto</c>.</summary>
internal sealed class OnnxNode
{
    public string Name { get; set; } = "";

    public string OpType { get; set; } = "";

    public string Domain { get; set; } = "";

    public List<string> Inputs { get; } = new();

    public List<string> Outputs { get; } = new();

    public List<OnnxAttribute> Attributes { get; } = new();

    /// <summary>How error messages name the node: its name if it has one, else its position, and its op type.</summary>
    public string Describe(int index) =>
        Name.Length > 0 ? $"node '{Name}' ({OpType})" : $"node #{index} ({OpType}, unnamed)";
}

/// <summary>An ONNX <c>AttributeProto</c>, with the value kinds the importer reads.</summary>
internal sealed class OnnxAttribute
{
    public string Name { get; set; } = "";

    public float? F { get; set; }

    public long? I { get; set; }

    public OnnxTensor? T { get; set; }

    public List<long> Ints { get; } = new();
}

/// <summary>An ONNX <c>TensorProto</c>: an initializer or a <c>Constant</c> node's value.</summary>
internal sealed class OnnxTensor
{
    public string Name { get; set; } = "";

    public List<long> Dims { get; } = new();

    public int DataType { get; set; }

    /// <summary>The <c>raw_data</c> bytes (a slice of the file), if present.</summary>
    public ReadOnlyMemory<byte>? RawData { get; set; }

    public List<float> FloatData { get; } = new();

    public List<double> DoubleData { get; } = new();

    /// <summary>True if the data lives in an external file (<c>data_location = EXTERNAL</c>), which is not supported.</summary>
    public bool IsExternal { get; set; }

    /// <summary>True if the tensor is one segment of a larger one (<c>segment</c>), which is not supported.</summary>
    public bool IsSegment { get; set; }
}
