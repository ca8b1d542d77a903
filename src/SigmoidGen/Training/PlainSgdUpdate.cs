using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SigmoidGen.Internal;

/// <summary>
/// Plain SGD as a generated training step's update rule (<see cref="IUpdateRule{T}"/>): the learning rate, which the
/// kernels' plain branch multiplies into each block's gradient in registers (<c>p -= rate·∇</c>), as a kernel written
/// for plain SGD alone does. No state.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct PlainSgdUpdate<T> : IUpdateRule<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The rule of a step at <paramref name="rate"/> (checked finite by the entry).</summary>
    /// <param name="rate">The learning rate.</param>
    public PlainSgdUpdate(T rate) => Rate = rate;

    /// <inheritdoc/>
    public static bool Fused => false;

    /// <inheritdoc/>
    public T Rate { get; }

    /// <inheritdoc/>
    public void ApplyRows(ref T p, ref T s0, ref T s1, nuint start, int length, int rows, int rowStride, ref T gradients, int gradientStride)
    {
        for (int r = 0; r < rows; r++)
        {
            ref T run = ref Unsafe.Add(ref p, (nint)start + ((nint)r * rowStride));
            ref T gr = ref Unsafe.Add(ref gradients, (nint)r * gradientStride);
            for (int i = 0; i < length; i++)
            {
                Unsafe.Add(ref run, i) -= Rate * Unsafe.Add(ref gr, i);
            }
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref T p, ref T s0, ref T s1, nuint i, T g) => Unsafe.Add(ref p, i) -= Rate * g;
}
