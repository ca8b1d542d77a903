// One generated kernel body serves several SIMD widths: it is generic over a width struct (F512, F256, F128 for float;
// D512, D256, D128 for double) whose static members the JIT resolves and inlines per instantiation, so each
// instantiation compiles to the code a body written for that width would (issue 16: smaller generated files).
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SigmoidGen.Internal;

/// <summary>The 128-bit width of double: <c>Vector128&lt;double&gt;</c> operations for generic kernel bodies.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly partial struct D128 : IKernelVector<Vector128<double>, double>
{
    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128<double>.Count;
    }

    /// <inheritdoc/>
    public static Vector128<double> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128<double>.Zero;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Create(double value) => Vector128.Create(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Load(ref double source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Add(Vector128<double> left, Vector128<double> right) => left + right;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> MultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) => VectorOps.MultiplyAdd(a, b, c);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Sigmoid(Vector128<double> x) => SigmoidMath.Sigmoid(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> SigmoidFast(Vector128<double> x) => SigmoidMath.SigmoidFast(x);
}
