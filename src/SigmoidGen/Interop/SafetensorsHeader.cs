using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace SigmoidGen.Interop;

/// <summary>One tensor of a safetensors header: its dtype name, shape and byte range in the data section.</summary>
internal sealed record SafetensorsTensor(string Name, string Dtype, long[] Shape, long Begin, long End)
{
    /// <summary>The shape as PyTorch prints it, e.g. <c>[16, 30]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}

/// <summary>
/// The JSON header of a safetensors file, read with <see cref="Utf8JsonReader"/> and written by hand (no reflection, so
/// trimming- and AOT-safe): a top-level object whose optional <c>__metadata__</c> maps strings to strings and whose
/// other members are tensors <c>{"dtype": "F32", "shape": [16, 30], "data_offsets": [begin, end]}</c>.
/// </summary>
internal static class SafetensorsHeader
{
    /// <summary>The largest header accepted, as in the safetensors library (its <c>MAX_HEADER_SIZE</c>).</summary>
    public const long MaxBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    /// <summary>
    /// Parses a header; strict JSON (no comments, no trailing commas), valid UTF-8, one object and only spaces after it.
    /// Unknown members inside a tensor are ignored, as the library does.
    /// </summary>
    /// <exception cref="InvalidDataException">Anything else, naming the tensor when the fault is in one.</exception>
    public static List<SafetensorsTensor> Parse(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            throw new InvalidDataException("The safetensors header is not valid UTF-8.");
        }

        var tensors = new List<SafetensorsTensor>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidDataException("The safetensors header is not a JSON object.");
            }

            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string name = reader.GetString()!;
                if (!names.Add(name))
                {
                    throw new InvalidDataException($"The safetensors header lists '{name}' twice.");
                }

                if (name == MetadataKey)
                {
                    SkipMetadata(ref reader);
                }
                else
                {
                    tensors.Add(ReadTensor(ref reader, name));
                }
            }

            if (reader.Read())
            {
                throw new InvalidDataException("The safetensors header has more after its JSON object.");
            }
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The safetensors header is not valid JSON: {exception.Message}", exception);
        }

        return tensors;
    }

    /// <summary>
    /// The header the safetensors library writes for these tensors and metadata: compact JSON, <c>__metadata__</c> first
    /// (its keys sorted), then the tensors in the order given, padded with spaces to a multiple of 8 bytes.
    /// </summary>
    public static byte[] Write(IReadOnlyList<KeyValuePair<string, string>> metadata, IReadOnlyList<SafetensorsTensor> tensors)
    {
        var json = new StringBuilder("{");
        if (metadata.Count > 0)
        {
            AppendString(json, MetadataKey).Append(":{");
            for (int k = 0; k < metadata.Count; k++)
            {
                AppendString(json.Append(k == 0 ? "" : ","), metadata[k].Key).Append(':');
                AppendString(json, metadata[k].Value);
            }

            json.Append('}');
        }

        for (int k = 0; k < tensors.Count; k++)
        {
            SafetensorsTensor t = tensors[k];
            AppendString(json.Append(k == 0 && metadata.Count == 0 ? "" : ","), t.Name).Append(":{\"dtype\":");
            AppendString(json, t.Dtype).Append(",\"shape\":[").AppendJoin(',', t.Shape)
                .Append("],\"data_offsets\":[").Append(t.Begin).Append(',').Append(t.End).Append("]}");
        }

        json.Append('}');
        int bytes = Encoding.UTF8.GetByteCount(json.ToString());
        json.Append(' ', (8 - (bytes % 8)) % 8);
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>A JSON string as serde_json writes it: only <c>"</c>, <c>\</c> and control characters escaped.</summary>
    private static StringBuilder AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (char c in value)
        {
            _ = c switch
            {
                '"' => json.Append("\\\""),
                '\\' => json.Append("\\\\"),
                '\b' => json.Append("\\b"),
                '\f' => json.Append("\\f"),
                '\n' => json.Append("\\n"),
                '\r' => json.Append("\\r"),
                '\t' => json.Append("\\t"),
                < ' ' => json.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)),
                _ => json.Append(c),
            };
        }

        return json.Append('"');
    }

    /// <summary>Moves to the next member name of the current object and returns its token, or EndObject.</summary>
    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType;
    }

    private static void SkipMetadata(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException($"The safetensors header's '{MetadataKey}' is not an object of strings.");
        }

        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new InvalidDataException($"The safetensors header's '{MetadataKey}' entry '{key}' is not a string.");
            }
        }
    }

    private static SafetensorsTensor ReadTensor(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Bad(name, "is not an object {\"dtype\", \"shape\", \"data_offsets\"}");
        }

        string? dtype = null;
        long[]? shape = null, offsets = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string member = reader.GetString()!;
            reader.Read();
            switch (member)
            {
                case "dtype" when dtype is null:
                    dtype = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Bad(name, "has a 'dtype' that is not a string");
                    break;
                case "shape" when shape is null:
                    shape = ReadIntegers(ref reader, name, member);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(ref reader, name, member);
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw Bad(name, $"has '{member}' twice");
                default:
                    reader.Skip(); // unknown members are allowed, as in the library
                    break;
            }
        }

        if (dtype is null || shape is null || offsets is null)
        {
            throw Bad(name, $"has no '{(dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets")}'");
        }

        if (offsets.Length != 2)
        {
            throw Bad(name, $"has {offsets.Length} data_offsets; expected two, [begin, end]");
        }

        return new SafetensorsTensor(name, dtype, shape, offsets[0], offsets[1]);
    }

    /// <summary>An array of non-negative integers below 2^53 (so that sums and products of a few stay exact in long).</summary>
    private static long[] ReadIntegers(ref Utf8JsonReader reader, string name, string member)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Bad(name, $"has a '{member}' that is not an array");
        }

        var values = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value) || value < 0 || value >= 1L << 53)
            {
                throw Bad(name, $"has a '{member}' that is not a list of non-negative integers below 2^53");
            }

            values.Add(value);
        }

        return values.ToArray();
    }

    private static InvalidDataException Bad(string name, string what) =>
        new($"Tensor '{name}' in the safetensors header {what}.");
}
