namespace SigmoidGen.Onnx.Model;

/// <summary>
/// The field numbers and enum values of the few ONNX messages this package reads and writes, from
/// <c>onnx/onnx.proto3</c> (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto3). Fields not listed are skipped
/// when reading and never written.
/// </summary>
internal static class OnnxSchema
{
    /// <summary><c>ModelProto</c>.</summary>
    public static class Model
    {
        public const int IrVersion = 1;
        public const int ProducerName = 2;
        public const int ProducerVersion = 3;
        public const int DocString = 6;
        public const int Graph = 7;
        public const int OpsetImport = 8;
    }

    /// <summary><c>OperatorSetIdProto</c>.</summary>
    public static class OperatorSetId
    {
        public const int Domain = 1;
        public const int Version = 2;
    }

    /// <summary><c>GraphProto</c>.</summary>
    public static class Graph
    {
        public const int Node = 1;
        public const int Name = 2;
        public const int Initializer = 5;
        public const int DocString = 10;
        public const int Input = 11;
        public const int Output = 12;
    }

    /// <summary><c>NodeProto</c>.</summary>
    public static class Node
    {
        public const int Input = 1;
        public const int Output = 2;
        public const int Name = 3;
        public const int OpType = 4;
        public const int Attribute = 5;
        public const int Domain = 7;
    }

    /// <summary><c>AttributeProto</c>.</summary>
    public static class Attribute
    {
        public const int Name = 1;
        public const int F = 2;
        public const int I = 3;
        public const int T = 5;
        public const int Ints = 8;
        public const int Type = 20;

        /// <summary><c>AttributeProto.AttributeType</c> values written here.</summary>
        public const int TypeFloat = 1;
        public const int TypeInt = 2;
    }

    /// <summary><c>ValueInfoProto</c>, <c>TypeProto</c>, <c>TypeProto.Tensor</c>, <c>TensorShapeProto</c> and its <c>Dimension</c>.</summary>
    public static class ValueInfo
    {
        public const int Name = 1;
        public const int Type = 2;
        public const int TypeTensor = 1;      // TypeProto.tensor_type
        public const int TensorElemType = 1;  // TypeProto.Tensor.elem_type
        public const int TensorShape = 2;     // TypeProto.Tensor.shape
        public const int ShapeDim = 1;        // TensorShapeProto.dim
        public const int DimValue = 1;        // Dimension.dim_value
        public const int DimParam = 2;        // Dimension.dim_param
    }

    /// <summary><c>TensorProto</c>.</summary>
    public static class Tensor
    {
        public const int Dims = 1;
        public const int DataType = 2;
        public const int Segment = 3;
        public const int FloatData = 4;
        public const int Name = 8;
        public const int RawData = 9;
        public const int DoubleData = 10;
        public const int ExternalData = 13;
        public const int DataLocation = 14;
    }

    /// <summary><c>TensorProto.DataType</c> values this package handles.</summary>
    public static class DataType
    {
        public const int Float = 1;
        public const int Double = 11;
    }
}
