// One generated kernel body serves several SIMD widths: it is generic over a width struct (F512, F256, F128 for float;
// D512, D256, D128 for double) whose static members the JIT resolves and inlines per instantiation, so each
// instantiation compiles to the code a body written for that width would (issue 16: smaller generated files).
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SigmoidGen.Internal;

/// <summary>The 512-bit width of double: <c>Vector512&lt;double&gt;</c> operations for generic kernel bodies.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly partial struct D512 : IKernelVector<Vector512<double>, double>
{
    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512<double>.Count;
    }

    /// <inheritdoc/>
    public static Vector512<double> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512<double>.Zero;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Create(double value) => Vector512.Create(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Load(ref double source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Add(Vector512<double> left, Vector512<double> right) => left + right;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => VectorOps.MultiplyAdd(a, b, c);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Sigmoid(Vector512<double> x) => SigmoidMath.Sigmoid(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> SigmoidFast(Vector512<double> x) => SigmoidMath.SigmoidFast(x);
}
