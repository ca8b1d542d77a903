using System;
using System.Buffers.Binary;
using System.IO;
using S = SigmoidGen.Onnx.Model.OnnxSchema;

namespace SigmoidGen.Onnx.Model;

/// <summary>
/// Decodes the values of a float or double <see cref="OnnxTensor"/> (from <c>raw_data</c>, little-endian, or from
/// <c>float_data</c>/<c>double_data</c>) into doubles, which hold every float exactly. Anything else — another data
/// type, external or segmented data, a value count that does not match the dimensions — throws
/// <see cref="InvalidDataException"/> naming the tensor.
/// </summary>
internal static class TensorDecoder
{
    /// <summary>The number of elements the dimensions give, or an exception if a dimension is negative or the product too large.</summary>
    public static int ElementCount(OnnxTensor tensor, string name)
    {
        long count = 1;
        foreach (long dim in tensor.Dims)
        {
            if (dim < 0)
            {
                throw new InvalidDataException($"Tensor '{name}' has a negative dimension ({dim}).");
            }

            if (dim > Array.MaxLength)
            {
                throw new InvalidDataException($"Tensor '{name}' is too large ({Shape(tensor)}).");
            }

            count *= dim;
            if (count > Array.MaxLength)
            {
                throw new InvalidDataException($"Tensor '{name}' is too large ({Shape(tensor)}).");
            }
        }

        return (int)count;
    }

    public static double[] ToDoubles(OnnxTensor tensor, string name)
    {
        if (tensor.IsExternal)
        {
            throw new InvalidDataException(
                $"Tensor '{name}' keeps its data in an external file, which is not supported: save the model with its weights inside (onnx.save_model(model, path, save_as_external_data=False)).");
        }

        if (tensor.IsSegment)
        {
            throw new InvalidDataException($"Tensor '{name}' is a segment of a larger tensor, which is not supported.");
        }

        int count = ElementCount(tensor, name);
        var values = new double[count];
        switch (tensor.DataType)
        {
            case S.DataType.Float when tensor.RawData is { } raw:
                CheckCount(name, raw.Length, count * 4L, "bytes of raw_data");
                ReadOnlySpan<byte> floatBytes = raw.Span;
                for (int i = 0; i < count; i++)
                {
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(floatBytes.Slice(4 * i, 4));
                }

                break;
            case S.DataType.Float:
                CheckCount(name, tensor.FloatData.Count, count, "values in float_data");
                for (int i = 0; i < count; i++)
                {
                    values[i] = tensor.FloatData[i];
                }

                break;
            case S.DataType.Double when tensor.RawData is { } raw:
                CheckCount(name, raw.Length, count * 8L, "bytes of raw_data");
                ReadOnlySpan<byte> doubleBytes = raw.Span;
                for (int i = 0; i < count; i++)
                {
                    values[i] = BinaryPrimitives.ReadDoubleLittleEndian(doubleBytes.Slice(8 * i, 8));
                }

                break;
            case S.DataType.Double:
                CheckCount(name, tensor.DoubleData.Count, count, "values in double_data");
                tensor.DoubleData.CopyTo(values);
                break;
            default:
                throw new InvalidDataException(
                    $"Tensor '{name}' has ONNX data type {tensor.DataType} ({DataTypeName(tensor.DataType)}); only float (1) and double (11) weights can be imported.");
        }

        return values;
    }

    /// <summary>The dimensions as <c>[a, b]</c>, for messages.</summary>
    public static string Shape(OnnxTensor tensor) => "[" + string.Join(", ", tensor.Dims) + "]";

    private static void CheckCount(string name, long actual, long expected, string what)
    {
        if (actual != expected)
        {
            throw new InvalidDataException(
                $"Tensor '{name}' has {actual} {what}, but its dimensions need {expected}.");
        }
    }

    private static string DataTypeName(int dataType) => dataType switch
    {
        0 => "undefined",
        2 => "uint8",
        3 => "int8",
        4 => "uint16",
        5 => "int16",
        6 => "int32",
        7 => "int64",
        8 => "string",
        9 => "bool",
        10 => "float16",
        12 => "uint32",
        13 => "uint64",
        14 => "complex64",
        15 => "complex128",
        16 => "bfloat16",
        _ => "unknown",
    };
}
