using System;
using System.Buffers.Binary;
using System.IO;

namespace SigmoidGen.Onnx.Protobuf;

/// <summary>The protobuf wire types (the low three bits of a field's tag).</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// Reads one protobuf message from a window of a byte array: the tags, varints, fixed-width numbers and
/// length-delimited fields of the wire format (https://protobuf.dev/programming-guides/encoding/). Every read is
/// bounds-checked; malformed or truncated bytes throw <see cref="InvalidDataException"/>, never anything else.
/// </summary>
internal struct ProtoReader
{
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _buffer;
    private readonly int _end;
    private int _position;

    public ProtoReader(byte[] buffer, int start, int end)
    {
        _buffer = buffer;
        _position = start;
        _end = end;
    }

    /// <summary>True while fields remain in this message.</summary>
    public readonly bool HasMore => _position < _end;

    /// <summary>Reads the next field's tag: its number and wire type.</summary>
    public (int Field, WireType Type) ReadTag()
    {
        ulong tag = ReadVarint();
        ulong field = tag >> 3;
        if (field == 0 || field > 0x1FFF_FFFF)
        {
            throw Malformed($"field number {field}");
        }

        return ((int)field, (WireType)(tag & 7));
    }

    /// <summary>Reads a base-128 varint (at most ten bytes).</summary>
    public ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _end)
            {
                throw Truncated();
            }

            byte b = _buffer[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Malformed("varint longer than ten bytes");
    }

    /// <summary>Reads an <c>int64</c> varint field.</summary>
    public long ReadInt64() => (long)ReadVarint();

    /// <summary>Reads an <c>int32</c> varint field (negative values are sign-extended to ten bytes on the wire).</summary>
    public int ReadInt32() => unchecked((int)ReadVarint());

    /// <summary>Reads a little-endian 32-bit float.</summary>
    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    /// <summary>Reads a little-endian 64-bit double.</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>Reads a length-delimited field and returns its bounds in the buffer.</summary>
    public (int Start, int End) ReadLengthDelimited()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_end - _position))
        {
            throw Truncated();
        }

        int start = _position;
        _position += (int)length;
        return (start, _position);
    }

    /// <summary>Reads an embedded message: a reader over its bytes.</summary>
    public ProtoReader ReadMessage()
    {
        (int start, int end) = ReadLengthDelimited();
        return new ProtoReader(_buffer, start, end);
    }

    /// <summary>Reads a UTF-8 string field.</summary>
    public string ReadString()
    {
        (int start, int end) = ReadLengthDelimited();
        try
        {
            return StrictUtf8.GetString(_buffer, start, end - start);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw Malformed("a string that is not UTF-8");
        }
    }

    /// <summary>Reads a bytes field as a slice of the buffer (no copy).</summary>
    public ReadOnlyMemory<byte> ReadBytes()
    {
        (int start, int end) = ReadLengthDelimited();
        return new ReadOnlyMemory<byte>(_buffer, start, end - start);
    }

    /// <summary>Skips a field of the given wire type (groups, deprecated and unused by ONNX, are rejected).</summary>
    public void Skip(WireType type)
    {
        switch (type)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Take(8);
                break;
            case WireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case WireType.Fixed32:
                Take(4);
                break;
            default:
                throw Malformed($"wire type {(int)type}");
        }
    }

    /// <summary>Throws unless a field has the wire type its schema gives it.</summary>
    public static void Expect(WireType actual, WireType expected, string field)
    {
        if (actual != expected)
        {
            throw new InvalidDataException(
                $"Not a valid ONNX file: field {field} has protobuf wire type {(int)actual}, expected {(int)expected}.");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_end - _position < count)
        {
            throw Truncated();
        }

        var span = new ReadOnlySpan<byte>(_buffer, _position, count);
        _position += count;
        return span;
    }

    private readonly InvalidDataException Truncated() =>
        new($"Not a valid ONNX file: the protobuf data is truncated (a field runs past its message, at byte {_position}).");

    private readonly InvalidDataException Malformed(string what) =>
        new($"Not a valid ONNX file: malformed protobuf data ({what}, at byte {_position}).");
}
