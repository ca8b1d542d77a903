using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using SigmoidGen.Interop;

namespace SigmoidGen;

/// <summary>
/// Saves and loads a network's parameters in the <c>safetensors</c> format, the format of PyTorch state dicts on the
/// Hugging Face hub: <c>model.load_state_dict(safetensors.torch.load_file(path))</c> reads what
/// <see cref="Save{T}(ISigmoidNetwork{T}, string, SafetensorsLayout?)"/> writes, and
/// <c>safetensors.torch.save_file(model.state_dict(), path)</c> writes what
/// <see cref="Load{T}(ISigmoidNetwork{T}, string, SafetensorsLayout?)"/> reads, for a model of <c>nn.Linear</c> layers
/// each followed by a sigmoid.
/// </summary>
/// <remarks>
/// <para>The format: an unsigned 64-bit little-endian header length <c>n</c>; <c>n</c> bytes of UTF-8 JSON mapping each
/// tensor name to <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> (offsets into the data that follows the
/// header) plus an optional <c>__metadata__</c> object of strings; then the tensors' raw little-endian data, row-major.
/// Save writes exactly what the <c>safetensors</c> library writes: tensors sorted by name, compact JSON, the header
/// padded with spaces to a multiple of 8 bytes, data packed in the same order.</para>
/// <para>Each layer is two tensors named by the <see cref="SafetensorsLayout"/> (by default those of
/// <c>nn.Sequential(nn.Linear, nn.Sigmoid, nn.Linear, nn.Sigmoid, …)</c>: <c>0.weight</c>, <c>0.bias</c>,
/// <c>2.weight</c>, …): the weights, shape <c>[outputs, inputs]</c> as in <c>nn.Linear.weight</c>, and the bias,
/// shape <c>[outputs]</c>. Save writes F32 for a float network and F64 for a double one, and records in
/// <c>__metadata__</c> <c>format: pt</c>, <c>generator: SigmoidGen</c> and <c>layer_sizes</c> (e.g. <c>30,16,1</c>).</para>
/// <para>Load takes F32, F64, F16 or BF16 tensors whatever the network's element type (F64 into a float network rounds
/// each value to the nearest float; every other conversion is exact) and ignores <c>__metadata__</c>. It checks the
/// whole file before it changes anything: the same tensors as the network, with its shapes; offsets that tile the data
/// exactly, as the library requires (no gap, no overlap, nothing after the last tensor); finite values.</para>
/// </remarks>
public static class SigmoidSafetensors
{
    /// <summary>Writes the network's parameters to <paramref name="stream"/> as a safetensors file.</summary>
    /// <param name="network">The network to save.</param>
    /// <param name="stream">Where to write; written at its position and left open.</param>
    /// <param name="layout">The tensor names; <see cref="SafetensorsLayout.Sequential(string)"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException">The network is not of float or double, or <paramref name="layout"/> names
    /// another number of layers; nothing has been written.</exception>
    public static void Save<T>(ISigmoidNetwork<T> network, Stream stream, SafetensorsLayout? layout = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Serialize(network, layout));
    }

    /// <summary>Writes the network's parameters to the file <paramref name="path"/> (created or replaced) as safetensors.</summary>
    /// <param name="network">The network to save.</param>
    /// <param name="path">The file to write, by convention <c>*.safetensors</c>.</param>
    /// <param name="layout">The tensor names; <see cref="SafetensorsLayout.Sequential(string)"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The network is not of float or double, or <paramref name="layout"/> names
    /// another number of layers; the file has not been touched.</exception>
    public static void Save<T>(ISigmoidNetwork<T> network, string path, SafetensorsLayout? layout = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllBytes(path, Serialize(network, layout));
    }

    /// <summary>Reads the network's parameters from a safetensors file in <paramref name="stream"/>, to its end.</summary>
    /// <param name="network">The network whose parameters are replaced.</param>
    /// <param name="stream">The file's bytes, read from its position to its end and left open.</param>
    /// <param name="layout">The tensor names; <see cref="SafetensorsLayout.Sequential(string)"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException">The network is not of float or double, or <paramref name="layout"/> names
    /// another number of layers.</exception>
    /// <exception cref="InvalidDataException">The data is not a safetensors file of this network's tensors (the message
    /// names the tensor at fault); the parameters are unchanged.</exception>
    public static void Load<T>(ISigmoidNetwork<T> network, Stream stream, SafetensorsLayout? layout = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        List<NetworkTensor> expected = Plan(network, layout);
        T[] values = Read<T>(stream, expected, network.Parameters.Length);
        values.CopyTo(network.Parameters);
    }

    /// <summary>Reads the network's parameters from the safetensors file <paramref name="path"/>.</summary>
    /// <param name="network">The network whose parameters are replaced.</param>
    /// <param name="path">The file to read.</param>
    /// <param name="layout">The tensor names; <see cref="SafetensorsLayout.Sequential(string)"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The network is not of float or double, or <paramref name="layout"/> names
    /// another number of layers.</exception>
    /// <exception cref="InvalidDataException">The file is not a safetensors file of this network's tensors (the message
    /// names the tensor at fault); the parameters are unchanged.</exception>
    public static void Load<T>(ISigmoidNetwork<T> network, string path, SafetensorsLayout? layout = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Load(network, stream, layout);
    }

    /// <summary>The tensors of this network under this layout; checks the element type.</summary>
    private static List<NetworkTensor> Plan<T>(ISigmoidNetwork<T> network, SafetensorsLayout? layout)
        where T : unmanaged
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new ArgumentException($"safetensors networks are of float or double; this one is of {typeof(T).Name}.", nameof(network));
        }

        return NetworkTensor.For(network.LayerSizes, network.Parameters.Length, layout ?? SafetensorsLayout.Sequential(), nameof(network), nameof(layout));
    }

    /// <summary>The whole file, built in memory so that a failure writes nothing.</summary>
    private static byte[] Serialize<T>(ISigmoidNetwork<T> network, SafetensorsLayout? layout)
        where T : unmanaged
    {
        List<NetworkTensor> tensors = Plan(network, layout);

        // The library's order: descending dtype (one dtype here), then name, compared as UTF-8 bytes as Rust does.
        tensors.Sort((a, b) => Encoding.UTF8.GetBytes(a.Name).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b.Name)));
        string dtype = SafetensorsElements.Of<T>();
        int size = SafetensorsElements.Size(dtype);
        var entries = new List<SafetensorsTensor>(tensors.Count);
        long position = 0;
        foreach (NetworkTensor t in tensors)
        {
            entries.Add(new SafetensorsTensor(t.Name, dtype, t.Shape, position, position + ((long)t.Count * size)));
            position += (long)t.Count * size;
        }

        var metadata = new List<KeyValuePair<string, string>>
        {
            new("format", "pt"),
            new("generator", "SigmoidGen"),
            new("layer_sizes", string.Join(",", network.LayerSizes.ToArray())),
        };
        byte[] header = SafetensorsHeader.Write(metadata, entries);

        byte[] file = new byte[8 + header.Length + position];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        ReadOnlySpan<T> parameters = network.Parameters;
        for (int k = 0; k < tensors.Count; k++)
        {
            SafetensorsElements.Encode(
                parameters.Slice(tensors[k].Offset, tensors[k].Count),
                file.AsSpan((int)(8 + header.Length + entries[k].Begin)));
        }

        return file;
    }

    /// <summary>Reads and checks a whole file into a new parameter buffer, touching no network.</summary>
    private static T[] Read<T>(Stream stream, List<NetworkTensor> expected, int parameterCount)
        where T : unmanaged
    {
        // The header length and the header.
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
        {
            throw new InvalidDataException("The safetensors file is truncated: it is shorter than its 8-byte header length.");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > SafetensorsHeader.MaxBytes)
        {
            throw new InvalidDataException(
                $"The safetensors header length is {headerLength} bytes, over the 100 MB limit: not a safetensors file, or a damaged one.");
        }

        if (stream.CanSeek && stream.Length - stream.Position < (long)headerLength)
        {
            throw new InvalidDataException($"The safetensors file is truncated: it ends inside its {headerLength}-byte header.");
        }

        byte[] header = new byte[headerLength];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
        {
            throw new InvalidDataException($"The safetensors file is truncated: it ends inside its {headerLength}-byte header.");
        }

        List<SafetensorsTensor> found = SafetensorsHeader.Parse(header);
        Dictionary<string, SafetensorsTensor> byName = CheckTensors(found, expected);
        long dataLength = CheckOffsets(found);

        // The data: exactly dataLength bytes, then the end of the stream. dataLength is bounded by the network's size
        // (every tensor is one of its own, of its shape, at most 8 bytes per value), so this allocation is too.
        byte[] data = new byte[dataLength];
        int got = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (got < data.Length)
        {
            SafetensorsTensor cut = found.First(t => t.End > got);
            throw new InvalidDataException(
                $"Tensor '{cut.Name}' is truncated: its data_offsets end at byte {cut.End} of the data, but the file has only {got} bytes of data.");
        }

        if (stream.ReadByte() >= 0)
        {
            throw new InvalidDataException(
                $"The safetensors file goes on after its last tensor '{found[^1].Name}' (data_offsets end at byte {dataLength} of the data).");
        }

        // Decode each tensor (exactly, to double), then narrow to T and check that every value is finite.
        var values = new T[parameterCount];
        var wide = new double[parameterCount];
        foreach (NetworkTensor t in expected)
        {
            SafetensorsTensor entry = byName[t.Name];
            Span<double> decoded = wide.AsSpan(t.Offset, t.Count);
            SafetensorsElements.Decode(entry.Dtype, data.AsSpan((int)entry.Begin, (int)(entry.End - entry.Begin)), decoded);
            if (typeof(T) == typeof(float))
            {
                Narrow(t, decoded, MemoryMarshal.Cast<T, float>(values.AsSpan(t.Offset, t.Count)));
            }
            else
            {
                Narrow(t, decoded, MemoryMarshal.Cast<T, double>(values.AsSpan(t.Offset, t.Count)));
            }
        }

        return values;
    }

    /// <summary>Rounds a tensor's values to float (F64 files; the other dtypes are exact in float), checking each.</summary>
    private static void Narrow(NetworkTensor tensor, ReadOnlySpan<double> decoded, Span<float> values)
    {
        for (int k = 0; k < decoded.Length; k++)
        {
            values[k] = (float)decoded[k];
            if (!float.IsFinite(values[k]))
            {
                ThrowNotFinite(tensor, k, decoded[k], double.IsFinite(decoded[k]) ? ", beyond the range of float," : "");
            }
        }
    }

    /// <summary>Copies a tensor's values, checking each.</summary>
    private static void Narrow(NetworkTensor tensor, ReadOnlySpan<double> decoded, Span<double> values)
    {
        for (int k = 0; k < decoded.Length; k++)
        {
            values[k] = decoded[k];
            if (!double.IsFinite(values[k]))
            {
                ThrowNotFinite(tensor, k, decoded[k], "");
            }
        }
    }

    private static void ThrowNotFinite(NetworkTensor tensor, int index, double value, string note) =>
        throw new InvalidDataException(string.Create(
            CultureInfo.InvariantCulture,
            $"Tensor '{tensor.Name}' has {value}{note} at {tensor.Position(index)}; every parameter must be a finite number."));

    /// <summary>The file's tensors must be exactly the network's, of its shapes and of a dtype it can load.</summary>
    private static Dictionary<string, SafetensorsTensor> CheckTensors(List<SafetensorsTensor> found, List<NetworkTensor> expected)
    {
        var byName = found.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (NetworkTensor t in expected)
        {
            if (!byName.ContainsKey(t.Name))
            {
                string has = found.Count == 0 ? "no tensors" : "tensors " + string.Join(", ", found.Select(f => f.Name));
                throw new InvalidDataException(
                    $"The safetensors file has no tensor '{t.Name}' ({t.Description}); it has {has}. " +
                    "For other names, pass a SafetensorsLayout: Sequential(prefix) or Named(\"fc1\", \"fc2\", ...).");
            }
        }

        var names = new HashSet<string>(expected.Select(t => t.Name), StringComparer.Ordinal);
        SafetensorsTensor? extra = found.FirstOrDefault(t => !names.Contains(t.Name));
        if (extra is not null)
        {
            throw new InvalidDataException(
                $"The safetensors file has a tensor '{extra.Name}' {extra.ShapeText} that this network does not have; it expects {string.Join(", ", expected.Select(t => t.Name))}.");
        }

        foreach (NetworkTensor t in expected)
        {
            SafetensorsTensor entry = byName[t.Name];
            if (SafetensorsElements.Size(entry.Dtype) == 0)
            {
                throw new InvalidDataException($"Tensor '{t.Name}' has dtype {entry.Dtype}; a network loads {SafetensorsElements.Accepted}.");
            }

            if (!entry.Shape.AsSpan().SequenceEqual(t.Shape))
            {
                throw new InvalidDataException($"Tensor '{t.Name}' has shape {entry.ShapeText}; this network's {t.Description} needs {t.ShapeText}.");
            }
        }

        return byName;
    }

    /// <summary>
    /// Sorts the tensors by offset and checks that they tile the data from 0 with no gap or overlap, each exactly as long
    /// as its shape and dtype make it (the library's rule); returns the data's length.
    /// </summary>
    private static long CheckOffsets(List<SafetensorsTensor> found)
    {
        found.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long position = 0;
        for (int k = 0; k < found.Count; k++)
        {
            SafetensorsTensor t = found[k];
            string offsets = $"data_offsets [{t.Begin}, {t.End}]";
            if (t.Begin < position)
            {
                SafetensorsTensor previous = found[k - 1];
                throw new InvalidDataException(
                    $"Tensor '{t.Name}' {offsets} overlaps tensor '{previous.Name}' data_offsets [{previous.Begin}, {previous.End}].");
            }

            if (t.Begin > position)
            {
                throw new InvalidDataException(
                    $"Tensor '{t.Name}' {offsets} leaves a gap: the data before it ends at byte {position}.");
            }

            if (t.End < t.Begin)
            {
                throw new InvalidDataException($"Tensor '{t.Name}' {offsets} ends before it begins.");
            }

            long bytes = t.Shape.Aggregate(1L, (product, n) => product * n) * SafetensorsElements.Size(t.Dtype);
            if (t.End - t.Begin != bytes)
            {
                throw new InvalidDataException(
                    $"Tensor '{t.Name}' {offsets} spans {t.End - t.Begin} bytes; shape {t.ShapeText} of {t.Dtype} takes {bytes}.");
            }

            position = t.End;
        }

        return position;
    }
}
