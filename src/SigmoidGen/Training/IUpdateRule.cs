using System.ComponentModel;
using System.Numerics;

namespace SigmoidGen.Internal;

/// <summary>
/// The update a generated training step applies: plain SGD (<see cref="PlainSgdUpdate{T}"/>, <c>p -= rate·∇</c> block by
/// block, in place), or an optimizer fused into the step: <see cref="SgdUpdate{T}"/> (momentum, Nesterov, weight decay),
/// <see cref="AdamUpdate{T}"/> (Adam, AdamW). A layer shape's training kernels are written once, generic over the rule
/// (<c>where TRule : struct, IUpdateRule&lt;T&gt;</c>), and compiled by the JIT once per rule: <see cref="Fused"/> is a
/// constant that removes the other rule's branch, and each call below is a constrained call on a struct, inlined, so an
/// instantiation compiles to what a kernel written for that rule would.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Every rule receives two state spans, laid out like the parameters: none (plain SGD), the momentum buffer and nothing
/// (SGD, which ignores the second), or the first and second moments (Adam); the caller passes any reference for a state
/// the rule has not. The kernels pass the rule by reference (<c>ref TRule</c>), never by <c>in</c>, so that no call copies it.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IUpdateRule<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// True for an optimizer fused into the step, whose kernels sum each gradient over the blocks of rows and call
    /// <see cref="ApplyRows"/> once it is complete; false for plain SGD, whose kernels subtract <see cref="Rate"/> times
    /// each block's gradient from the parameters in registers and never call the methods below.
    /// </summary>
    static abstract bool Fused { get; }

    /// <summary>Plain SGD's learning rate; zero for the fused optimizers (their kernels' branch does not read it).</summary>
    T Rate { get; }

    /// <summary>
    /// Updates <paramref name="rows"/> runs of <paramref name="length"/> parameters from <c>p[start..]</c> and their state
    /// at the same offsets from <paramref name="s0"/> and <paramref name="s1"/>, with gradients from
    /// <paramref name="gradients"/>, runs <paramref name="gradientStride"/> apart.
    /// </summary>
    /// <param name="p">The parameters (row 0 of the tile).</param>
    /// <param name="s0">The first state span (momentum buffer, or first moments), parallel to <paramref name="p"/>.</param>
    /// <param name="s1">The second state span (second moments; ignored by SGD), parallel to <paramref name="p"/>.</param>
    /// <param name="start">The first element of each run.</param>
    /// <param name="length">Elements per run.</param>
    /// <param name="rows">Runs.</param>
    /// <param name="rowStride">Elements from one run of the parameters (and state) to the next.</param>
    /// <param name="gradients">The gradients of the first run.</param>
    /// <param name="gradientStride">Elements from one run of the gradients to the next.</param>
    void ApplyRows(ref T p, ref T s0, ref T s1, nuint start, int length, int rows, int rowStride, ref T gradients, int gradientStride);

    /// <summary>Updates <c>p[i]</c> and its state <c>s0[i]</c>, <c>s1[i]</c> with the gradient <paramref name="g"/>.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="s0">The first state span, parallel to <paramref name="p"/>.</param>
    /// <param name="s1">The second state span (ignored by SGD).</param>
    /// <param name="i">The element's index.</param>
    /// <param name="g">Its gradient.</param>
    void Apply(ref T p, ref T s0, ref T s1, nuint i, T g);
}
