using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Parsing;

/// <summary>
/// Reads a model file that the compiler lists as an <c>AdditionalFiles</c> item, and parses its safetensors header with
/// the rules of the runtime's reader (<c>SigmoidGen.Interop.SafetensorsHeader</c>): 8-byte little-endian header length
/// of at most 100 MB, strict UTF-8 JSON, one object whose optional <c>__metadata__</c> maps strings to strings and whose
/// other members are tensors <c>{"dtype", "shape", "data_offsets"}</c>, names unique. Never throws (but for
/// cancellation): every fault becomes a <see cref="ModelFile"/> with its message.
/// </summary>
internal static class SafetensorsReader
{
    /// <summary>The largest header accepted, as in the safetensors library and the runtime.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// The file's bytes. Roslyn gives an additional file's content only as text (<see cref="AdditionalText.GetText"/>),
    /// and refuses a binary file there with error CS2015 ("is a binary file instead of a text file"; a safetensors file
    /// always is one: its header length has zero bytes). So the bytes are read from <see cref="AdditionalText.Path"/>,
    /// the path of the item the compiler was given, in the per-file step of the pipeline keyed by that item: the file is
    /// one the build declared as an input (MSBuild recompiles when it changes; the IDE hands over a new item when it
    /// does), and nothing else is ever opened.
    /// </summary>
    public static ModelFile Read(AdditionalText text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        byte[] bytes;
        try
        {
#pragma warning disable RS1035 // File I/O in an analyzer: the one way to read a binary AdditionalFiles item (see the summary).
            bytes = File.ReadAllBytes(text.Path);
#pragma warning restore RS1035
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            return ModelFile.Failed(text.Path, ModelFault.Unreadable, exception.Message);
        }

        return Parse(text.Path, bytes);
    }

    /// <summary>Parses a whole file's bytes.</summary>
    public static ModelFile Parse(string path, byte[] bytes)
    {
        if (bytes.Length < 8)
        {
            return Bad(path, $"it is {bytes.Length} bytes long, shorter than the 8-byte header length");
        }

        ulong headerLength = BitConverter.IsLittleEndian ? BitConverter.ToUInt64(bytes, 0) : ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes)
        {
            return Bad(path, $"its header length is {headerLength} bytes, over the 100 MB limit");
        }

        if ((long)headerLength > bytes.Length - 8)
        {
            return Bad(path, $"it ends inside its {headerLength}-byte header");
        }

        string json;
        try
        {
            json = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, 8, (int)headerLength);
        }
        catch (DecoderFallbackException)
        {
            return Bad(path, "its header is not valid UTF-8");
        }

        List<ModelTensor> tensors;
        try
        {
            tensors = ParseHeader(json);
        }
        catch (HeaderJsonException exception)
        {
            return Bad(path, exception.Message);
        }

        int dataStart = 8 + (int)headerLength;
        byte[] data = new byte[bytes.Length - dataStart];
        Array.Copy(bytes, dataStart, data, 0, data.Length);
        return new ModelFile(path, ModelFault.None, string.Empty, new EquatableArray<ModelTensor>(tensors), new EquatableArray<byte>(data));
    }

    private static ModelFile Bad(string path, string message) => ModelFile.Failed(path, ModelFault.NotSafetensors, message);

    private static ulong ReadUInt64LittleEndian(byte[] bytes)
    {
        ulong value = 0;
        for (int k = 7; k >= 0; k--)
        {
            value = (value << 8) | bytes[k];
        }

        return value;
    }

    private static List<ModelTensor> ParseHeader(string text)
    {
        var json = new HeaderJson(text);
        var tensors = new List<ModelTensor>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        json.Expect('{');
        bool first = true;
        while (json.NextMember(ref first, out string name))
        {
            if (!names.Add(name))
            {
                throw new HeaderJsonException($"the header lists '{name}' twice");
            }

            if (name == "__metadata__")
            {
                json.Expect('{');
                bool firstEntry = true;
                while (json.NextMember(ref firstEntry, out string key))
                {
                    if (json.Peek() != '"')
                    {
                        throw new HeaderJsonException($"the header's '__metadata__' entry '{key}' is not a string");
                    }

                    json.ReadString();
                }
            }
            else
            {
                tensors.Add(ReadTensor(ref json, name));
            }
        }

        if (!json.AtEnd)
        {
            throw new HeaderJsonException("the header has more after its JSON object");
        }

        return tensors;
    }

    private static ModelTensor ReadTensor(ref HeaderJson json, string name)
    {
        if (json.Peek() != '{')
        {
            throw BadTensor(name, "is not an object {\"dtype\", \"shape\", \"data_offsets\"}");
        }

        json.Expect('{');
        string? dtype = null;
        long[]? shape = null, offsets = null;
        bool first = true;
        while (json.NextMember(ref first, out string member))
        {
            switch (member)
            {
                case "dtype" when dtype is null:
                    dtype = json.Peek() == '"' ? json.ReadString() : throw BadTensor(name, "has a 'dtype' that is not a string");
                    break;
                case "shape" when shape is null:
                    shape = ReadIntegers(ref json, name, member);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(ref json, name, member);
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw BadTensor(name, $"has '{member}' twice");
                default:
                    json.SkipValue(3); // unknown members are allowed, as in the library
                    break;
            }
        }

        if (dtype is null || shape is null || offsets is null)
        {
            throw BadTensor(name, $"has no '{(dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets")}'");
        }

        if (offsets.Length != 2)
        {
            throw BadTensor(name, $"has {offsets.Length.ToString(CultureInfo.InvariantCulture)} data_offsets; expected two, [begin, end]");
        }

        return new ModelTensor(name, dtype, new EquatableArray<long>(shape), offsets[0], offsets[1]);
    }

    private static long[] ReadIntegers(ref HeaderJson json, string name, string member)
    {
        if (json.Peek() != '[')
        {
            throw BadTensor(name, $"has a '{member}' that is not an array");
        }

        json.Expect('[');
        var values = new List<long>();
        bool first = true;
        while (json.NextElement(ref first))
        {
            try
            {
                values.Add(json.ReadInteger(member));
            }
            catch (HeaderJsonException)
            {
                throw BadTensor(name, $"has a '{member}' that is not a list of non-negative integers below 2^53");
            }
        }

        return values.ToArray();
    }

    private static HeaderJsonException BadTensor(string name, string what) => new($"tensor '{name}' in the header {what}");
}
