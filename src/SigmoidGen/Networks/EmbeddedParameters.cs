using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace SigmoidGen.Internal;

/// <summary>
/// The parameters of a network compiled from a model (<c>[SigmoidNetwork(Model = "…")]</c>): little-endian bytes the
/// generator embeds as read-only data in the assembly, in the network's layout and element type. Not meant to be
/// called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EmbeddedParameters
{
    /// <summary>
    /// The embedded parameters read in place, no copy: the bytes reinterpreted as <typeparamref name="T"/>. Only on a
    /// little-endian machine (every platform .NET ships for); the generated code copies with <see cref="Copy{T}"/> elsewhere.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">The machine is big-endian.</exception>
    public static ReadOnlySpan<T> InPlace<T>(ReadOnlySpan<byte> data)
        where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Embedded parameters are little-endian; copy them with EmbeddedParameters.Copy.");
        }

        return MemoryMarshal.Cast<byte, T>(data);
    }

    /// <summary>A new, writable array of the embedded parameters.</summary>
    public static T[] Copy<T>(ReadOnlySpan<byte> data)
        where T : unmanaged
    {
        var values = new T[data.Length / Marshal.SizeOf<T>()];
        CopyTo(data, values.AsSpan());
        return values;
    }

    /// <summary>Writes the embedded parameters into <paramref name="destination"/>, which has their length.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not of their length.</exception>
    public static void CopyTo<T>(ReadOnlySpan<byte> data, Span<T> destination)
        where T : unmanaged
    {
        int size = Marshal.SizeOf<T>();
        if ((long)destination.Length * size != data.Length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; the embedded parameters are {data.Length / size}.", nameof(destination));
        }

        if (BitConverter.IsLittleEndian)
        {
            data.CopyTo(MemoryMarshal.AsBytes(destination));
            return;
        }

        Span<byte> bytes = MemoryMarshal.AsBytes(destination);
        for (int k = 0; k < data.Length; k += size)
        {
            // Reverse each element's bytes into the machine's order.
            for (int b = 0; b < size; b++)
            {
                bytes[k + b] = data[k + size - 1 - b];
            }
        }
    }
}
