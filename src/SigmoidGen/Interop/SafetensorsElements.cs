using System;
using System.Buffers.Binary;

namespace SigmoidGen.Interop;

/// <summary>The safetensors dtypes a network can load (F32, F64, F16, BF16): their sizes and their decoding.</summary>
internal static class SafetensorsElements
{
    /// <summary>The dtypes accepted by Load, as the message lists them.</summary>
    public const string Accepted = "F32, F64, F16 or BF16";

    /// <summary>The size in bytes of one element of a dtype, or 0 for a dtype networks cannot load.</summary>
    public static int Size(string dtype) => dtype switch
    {
        "F64" => 8,
        "F32" => 4,
        "F16" or "BF16" => 2,
        _ => 0,
    };

    /// <summary>The safetensors dtype of a network's element type: F32 for float, F64 for double.</summary>
    public static string Of<T>() => typeof(T) == typeof(double) ? "F64" : "F32";

    /// <summary>
    /// Decodes little-endian elements of <paramref name="dtype"/> into <paramref name="values"/>. Every conversion to
    /// double is exact; F16 and BF16 values are exactly representable in float too, and F64 values are rounded to the
    /// nearest float once when the caller narrows them.
    /// </summary>
    public static void Decode(string dtype, ReadOnlySpan<byte> bytes, Span<double> values)
    {
        switch (dtype)
        {
            case "F64":
                for (int k = 0; k < values.Length; k++)
                {
                    values[k] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(8 * k));
                }

                break;
            case "F32":
                for (int k = 0; k < values.Length; k++)
                {
                    values[k] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * k));
                }

                break;
            case "F16":
                for (int k = 0; k < values.Length; k++)
                {
                    values[k] = (double)BinaryPrimitives.ReadHalfLittleEndian(bytes.Slice(2 * k));
                }

                break;
            case "BF16":
                // bfloat16 is the top half of a float32: shift its bits into place.
                for (int k = 0; k < values.Length; k++)
                {
                    values[k] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(2 * k)) << 16);
                }

                break;
            default:
                throw new ArgumentException($"dtype {dtype} cannot be decoded.", nameof(dtype));
        }
    }

    /// <summary>Writes float or double values as little-endian F32 or F64 elements.</summary>
    public static void Encode<T>(ReadOnlySpan<T> values, Span<byte> bytes)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            ReadOnlySpan<double> doubles = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(values);
            for (int k = 0; k < doubles.Length; k++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.Slice(8 * k), doubles[k]);
            }
        }
        else
        {
            ReadOnlySpan<float> floats = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(values);
            for (int k = 0; k < floats.Length; k++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.Slice(4 * k), floats[k]);
            }
        }
    }
}
