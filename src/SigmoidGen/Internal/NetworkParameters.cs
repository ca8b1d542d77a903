using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace SigmoidGen.Internal;

/// <summary>
/// Initialisation and the file format of generated networks' parameters. Not meant to be called by hand.
/// </summary>
/// <remarks>
/// File format (little-endian): the 4 ASCII bytes <c>SGNN</c>; an <c>int32</c> format version (1); an <c>int32</c>
/// element size in bytes (4 for float, 8 for double); an <c>int32</c> count of sizes, then the sizes as <c>int32</c>
/// (inputs first, then each layer's outputs); an <c>int32</c> count of parameters; then the parameters in the network's
/// layout: for each layer its weights <c>[out, in]</c> row-major, then its bias.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkParameters
{
    private const int Version = 1;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("SGNN");

    /// <summary>
    /// Sets every weight of a network of these <paramref name="sizes"/> from Xavier/Glorot uniform U(−a, a),
    /// a = √(6 / (in + out)), layer by layer from one <see cref="Random"/> seeded with <paramref name="seed"/>, and every
    /// bias to 0.
    /// </summary>
    public static void Initialize(Span<float> parameters, ReadOnlySpan<int> sizes, int seed)
    {
        var random = new Random(seed);
        int offset = 0;
        for (int k = 0; k + 1 < sizes.Length; k++)
        {
            int weights = sizes[k] * sizes[k + 1];
            XavierUniform(parameters.Slice(offset, weights), sizes[k], sizes[k + 1], random);
            parameters.Slice(offset + weights, sizes[k + 1]).Clear();
            offset += weights + sizes[k + 1];
        }
    }

    /// <inheritdoc cref="Initialize(Span{float}, ReadOnlySpan{int}, int)"/>
    public static void Initialize(Span<double> parameters, ReadOnlySpan<int> sizes, int seed)
    {
        var random = new Random(seed);
        int offset = 0;
        for (int k = 0; k + 1 < sizes.Length; k++)
        {
            int weights = sizes[k] * sizes[k + 1];
            XavierUniform(parameters.Slice(offset, weights), sizes[k], sizes[k + 1], random);
            parameters.Slice(offset + weights, sizes[k + 1]).Clear();
            offset += weights + sizes[k + 1];
        }
    }

    /// <summary>Fills <paramref name="weights"/> from U(−a, a), a = √(6 / (fanIn + fanOut)) (Xavier/Glorot uniform).</summary>
    public static void XavierUniform(Span<float> weights, int fanIn, int fanOut, Random random)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int k = 0; k < weights.Length; k++)
        {
            weights[k] = (float)(((random.NextDouble() * 2) - 1) * limit);
        }
    }

    /// <inheritdoc cref="XavierUniform(Span{float}, int, int, Random)"/>
    public static void XavierUniform(Span<double> weights, int fanIn, int fanOut, Random random)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int k = 0; k < weights.Length; k++)
        {
            weights[k] = ((random.NextDouble() * 2) - 1) * limit;
        }
    }

    /// <summary>Writes the sizes and parameters to <paramref name="stream"/>.</summary>
    public static void Write<T>(Stream stream, ReadOnlySpan<int> sizes, ReadOnlySpan<T> parameters)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(Marshal.SizeOf<T>());
        writer.Write(sizes.Length);
        foreach (int size in sizes)
        {
            writer.Write(size);
        }

        writer.Write(parameters.Length);
        writer.Flush();
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Saving parameters needs a little-endian machine.");
        }

        stream.Write(MemoryMarshal.AsBytes(parameters));
    }

    /// <summary>Writes the sizes and parameters to the file <paramref name="path"/>, replacing it.</summary>
    public static void Write<T>(string path, ReadOnlySpan<int> sizes, ReadOnlySpan<T> parameters)
        where T : unmanaged
    {
        using FileStream stream = File.Create(path);
        Write(stream, sizes, parameters);
    }

    /// <summary>Reads parameters from the file <paramref name="path"/>, as <see cref="Read{T}(Stream, ReadOnlySpan{int}, Span{T})"/> reads a stream.</summary>
    public static void Read<T>(string path, ReadOnlySpan<int> sizes, Span<T> parameters)
        where T : unmanaged
    {
        using FileStream stream = File.OpenRead(path);
        Read(stream, sizes, parameters);
    }

    /// <summary>
    /// Reads parameters written by <see cref="Write{T}(Stream, ReadOnlySpan{int}, ReadOnlySpan{T})"/> into <paramref name="parameters"/>, after checking that the file
    /// holds a network of exactly these <paramref name="sizes"/> and element type. Nothing is written on error.
    /// </summary>
    public static void Read<T>(Stream stream, ReadOnlySpan<int> sizes, Span<T> parameters)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            byte[] magic = reader.ReadBytes(4);
            if (!magic.AsSpan().SequenceEqual(Magic) || reader.ReadInt32() != Version)
            {
                throw new InvalidDataException("Not a SigmoidGen parameter file (expected the SGNN header, version 1).");
            }

            int elementSize = reader.ReadInt32();
            int count = reader.ReadInt32();
            if (count < 0 || count > 1024)
            {
                throw new InvalidDataException($"Corrupt SigmoidGen parameter file: {count} layer sizes.");
            }

            var fileSizes = new int[count];
            for (int k = 0; k < count; k++)
            {
                fileSizes[k] = reader.ReadInt32();
            }

            string expected = string.Join("-", sizes.ToArray());
            string actual = string.Join("-", fileSizes);
            if (actual != expected || elementSize != Marshal.SizeOf<T>())
            {
                throw new InvalidDataException(
                    $"The file holds a {actual} network of {elementSize}-byte elements; this network is {expected} of {Marshal.SizeOf<T>()}-byte elements.");
            }

            if (reader.ReadInt32() != parameters.Length)
            {
                throw new InvalidDataException($"Corrupt SigmoidGen parameter file: expected {parameters.Length} parameters.");
            }

            var buffer = new T[parameters.Length];
            stream.ReadExactly(MemoryMarshal.AsBytes(buffer.AsSpan()));
            if (stream.ReadByte() != -1)
            {
                throw new InvalidDataException(
                    $"The SigmoidGen parameter file goes on after its {parameters.Length} parameters: trailing data, or not a file written by Save.");
            }

            int notFinite = IndexOfNotFinite(buffer);
            if (notFinite >= 0)
            {
                throw new InvalidDataException(
                    $"The SigmoidGen parameter file holds {buffer[notFinite]} at parameter {notFinite}; every parameter must be a finite number.");
            }

            buffer.CopyTo(parameters);
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException("The SigmoidGen parameter file is truncated.", exception);
        }
    }

    /// <summary>The index of the first NaN or infinite value, or −1.</summary>
    private static int IndexOfNotFinite<T>(T[] values)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            ReadOnlySpan<float> floats = MemoryMarshal.Cast<T, float>(values);
            for (int k = 0; k < floats.Length; k++)
            {
                if (!float.IsFinite(floats[k]))
                {
                    return k;
                }
            }
        }
        else if (typeof(T) == typeof(double))
        {
            ReadOnlySpan<double> doubles = MemoryMarshal.Cast<T, double>(values);
            for (int k = 0; k < doubles.Length; k++)
            {
                if (!double.IsFinite(doubles[k]))
                {
                    return k;
                }
            }
        }

        return -1;
    }
}
