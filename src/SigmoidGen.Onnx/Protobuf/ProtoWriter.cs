using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SigmoidGen.Onnx.Protobuf;

/// <summary>
/// Writes one protobuf message into a growable buffer. Embedded messages are written by
/// <see cref="WriteMessage(int, ProtoWriter)"/> from a writer of their own (the length prefix must come first): the
/// messages an exporter writes are small apart from the weights, which are copied once more per level of nesting.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>Writes a varint field (int32, int64, enum); zero is written too (no proto3 default elision).</summary>
    public void WriteVarint(int field, long value)
    {
        WriteTag(field, WireType.Varint);
        WriteRawVarint((ulong)value);
    }

    /// <summary>Writes a 32-bit float field.</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, WireType.Fixed32);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    /// <summary>Writes a UTF-8 string field.</summary>
    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>Writes a bytes field.</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, WireType.LengthDelimited);
        WriteRawVarint((ulong)value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    /// <summary>Writes an embedded message, already written by its own writer.</summary>
    public void WriteMessage(int field, ProtoWriter message) => WriteBytes(field, message.WrittenSpan);

    private void WriteTag(int field, WireType type) => WriteRawVarint(((ulong)field << 3) | (ulong)type);

    private void WriteRawVarint(ulong value)
    {
        Span<byte> span = _buffer.GetSpan(10);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
    }
}
