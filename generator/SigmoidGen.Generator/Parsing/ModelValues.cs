using System;
using System.Globalization;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Parsing;

/// <summary>
/// Converts a tensor's values to the network's element type as the runtime's <c>SafetensorsElements.Decode</c> and
/// <c>SigmoidSafetensors</c> do — each value decoded exactly to double, then, for a float network, rounded once to float
/// — and writes them little-endian. Bit for bit the parameters <c>LoadSafetensors</c> would produce.
/// </summary>
internal static class ModelValues
{
    /// <summary>Appends tensor <paramref name="tensor"/>'s values at <paramref name="position"/>; the fault, or null.</summary>
    public static string? Convert(EquatableArray<byte> fileData, ModelTensor tensor, ElementKind element, byte[] output, ref int position)
    {
        ReadOnlySpan<byte> bytes = fileData.AsSpan().Slice((int)tensor.Begin, (int)(tensor.End - tensor.Begin));
        int size = ModelResolver.DtypeSize(tensor.Dtype);
        int count = bytes.Length / size;
        for (int k = 0; k < count; k++)
        {
            double value = Decode(tensor.Dtype, bytes.Slice(k * size, size));
            if (element == ElementKind.Float)
            {
                float narrowed = (float)value;
                if (float.IsNaN(narrowed) || float.IsInfinity(narrowed))
                {
                    return NotFinite(tensor, k, value, !double.IsNaN(value) && !double.IsInfinity(value) ? ", beyond the range of float," : string.Empty);
                }

                WriteLittleEndian(output, position, BitConverter.ToInt32(BitConverter.GetBytes(narrowed), 0), 4);
                position += 4;
            }
            else
            {
                if (double.IsNaN(value) || double.IsInfinity(value))
                {
                    return NotFinite(tensor, k, value, string.Empty);
                }

                WriteLittleEndian(output, position, BitConverter.DoubleToInt64Bits(value), 8);
                position += 8;
            }
        }

        return null;
    }

    /// <summary>One little-endian element, exactly as a double.</summary>
    public static double Decode(string dtype, ReadOnlySpan<byte> bytes)
    {
        ulong bits = 0;
        for (int k = bytes.Length - 1; k >= 0; k--)
        {
            bits = (bits << 8) | bytes[k];
        }

        return dtype switch
        {
            "F64" => BitConverter.Int64BitsToDouble((long)bits),
            "F32" => SingleFromBits((uint)bits),
            "BF16" => SingleFromBits((uint)bits << 16), // bfloat16 is the top half of a float32
            _ => HalfToDouble((ushort)bits),
        };
    }

    private static double SingleFromBits(uint bits) => BitConverter.ToSingle(BitConverter.GetBytes(bits), 0);

    /// <summary>IEEE binary16 to double, exactly: every half is a double (subnormals, infinities and NaN included).</summary>
    private static double HalfToDouble(ushort bits)
    {
        int sign = bits >> 15, exponent = (bits >> 10) & 0x1F, fraction = bits & 0x3FF;
        double magnitude = exponent switch
        {
            0 => fraction * Pow2(-24),                           // subnormal: fraction · 2^-24, exact
            0x1F => fraction == 0 ? double.PositiveInfinity : double.NaN,
            _ => (1024 + fraction) * Pow2(exponent - 25),        // (1.fraction) · 2^(e-15), exact
        };
        return sign == 1 ? -magnitude : magnitude;
    }

    /// <summary>2^n exactly, for the normal range of double.</summary>
    private static double Pow2(int n) => BitConverter.Int64BitsToDouble((long)(n + 1023) << 52);

    private static void WriteLittleEndian(byte[] output, int position, long bits, int bytes)
    {
        for (int k = 0; k < bytes; k++)
        {
            output[position + k] = (byte)(bits >> (8 * k));
        }
    }

    private static string NotFinite(ModelTensor tensor, int index, double value, string note)
    {
        string at = tensor.Shape.Count == 2
            ? $"[{index / tensor.Shape[1]}, {index % tensor.Shape[1]}]"
            : $"[{index}]";
        return $"tensor '{tensor.Name}' has {value.ToString(CultureInfo.InvariantCulture)}{note} at {at}; every parameter must be a finite number";
    }
}
