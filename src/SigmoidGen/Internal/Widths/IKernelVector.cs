// One generated kernel body serves several SIMD widths: it is generic over a width struct (F512, F256, F128 for float;
// D512, D256, D128 for double) whose static members the JIT resolves and inlines per instantiation, so each
// instantiation compiles to the code a body written for that width would (issue 16: smaller generated files).
using System.ComponentModel;

namespace SigmoidGen.Internal;

/// <summary>
/// The vector operations a generated kernel body uses when one body serves several widths: the generated method is
/// generic over <c>K : struct, IKernelVector&lt;V, T&gt;</c> and <c>V</c>, and calls <c>K.Load</c>, <c>K.MultiplyAdd</c>, …
/// Every member is a static abstract, so the JIT specialises each instantiation (K and V are structs) and inlines the
/// calls: no dispatch is left in the machine code. Declared partial: kernel families add their own members in their own
/// files (<c>KernelVector.*.cs</c>).
/// </summary>
/// <typeparam name="V">The vector type, e.g. <c>Vector256&lt;float&gt;</c>.</typeparam>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public partial interface IKernelVector<V, T>
    where V : struct
    where T : unmanaged
{
    /// <summary>Lanes per vector (a JIT-time constant).</summary>
    static abstract int Count { get; }

    /// <summary>All lanes zero.</summary>
    static abstract V Zero { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract V Create(T value);

    /// <summary>The vector at <paramref name="source"/> + <paramref name="offset"/> elements (unaligned).</summary>
    static abstract V Load(ref T source, nuint offset);

    /// <summary>Stores <paramref name="value"/> at <paramref name="destination"/> + <paramref name="offset"/> elements (unaligned).</summary>
    static abstract void Store(V value, ref T destination, nuint offset);

    /// <summary><c>left + right</c>.</summary>
    static abstract V Add(V left, V right);

    /// <summary><c>a * b + c</c>, fused (one rounding) where the hardware has FMA, as <see cref="VectorOps"/>.</summary>
    static abstract V MultiplyAdd(V a, V b, V c);

    /// <summary>The library's Exact sigmoid of every lane (<see cref="SigmoidMath"/>).</summary>
    static abstract V Sigmoid(V x);

    /// <summary>The library's Fast sigmoid of every lane (<see cref="SigmoidMath"/>).</summary>
    static abstract V SigmoidFast(V x);
}
