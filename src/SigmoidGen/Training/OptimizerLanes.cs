using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SigmoidGen.Training;

/// <summary>
/// The element-wise operations the optimizer kernels need, on one width of lanes: a 512-, 256- or 128-bit vector, or a
/// single element. <see cref="OptimizerKernels"/> is written once against this interface; the JIT specialises every
/// static abstract for the width struct and inlines it, so each instantiation compiles to plain vector code.
/// </summary>
/// <typeparam name="TV">The lane type: <c>Vector256&lt;T&gt;</c>, …, or <typeparamref name="T"/> itself.</typeparam>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Only IEEE operations that are correctly rounded lane by lane (add, subtract, multiply, divide, square root), and no
/// fused multiply-add: every width therefore computes bit for bit the same result for an element, so the result does
/// not depend on the CPU's vector width nor on where an element falls (bulk or tail).
/// </remarks>
internal interface IOptimizerLanes<TV, T>
    where TV : struct
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Elements per lane group.</summary>
    static abstract nuint Count { get; }

    static abstract TV Load(ref T source, nuint index);
    static abstract void Store(TV value, ref T destination, nuint index);
    static abstract TV Broadcast(T value);
    static abstract TV Add(TV left, TV right);
    static abstract TV Subtract(TV left, TV right);
    static abstract TV Multiply(TV left, TV right);
    static abstract TV Divide(TV left, TV right);
    static abstract TV Sqrt(TV value);
}

/// <summary>512-bit lanes (<see cref="Vector512{T}"/>).</summary>
internal readonly struct Lanes512<T> : IOptimizerLanes<Vector512<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static nuint Count => (nuint)Vector512<T>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Load(ref T source, nuint index) => Vector512.LoadUnsafe(ref source, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Broadcast(T value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Add(Vector512<T> left, Vector512<T> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Subtract(Vector512<T> left, Vector512<T> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Multiply(Vector512<T> left, Vector512<T> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Divide(Vector512<T> left, Vector512<T> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Sqrt(Vector512<T> value) => Vector512.Sqrt(value);
}

/// <summary>256-bit lanes (<see cref="Vector256{T}"/>).</summary>
internal readonly struct Lanes256<T> : IOptimizerLanes<Vector256<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static nuint Count => (nuint)Vector256<T>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Load(ref T source, nuint index) => Vector256.LoadUnsafe(ref source, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Broadcast(T value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Add(Vector256<T> left, Vector256<T> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Subtract(Vector256<T> left, Vector256<T> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Multiply(Vector256<T> left, Vector256<T> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Divide(Vector256<T> left, Vector256<T> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Sqrt(Vector256<T> value) => Vector256.Sqrt(value);
}

/// <summary>128-bit lanes (<see cref="Vector128{T}"/>).</summary>
internal readonly struct Lanes128<T> : IOptimizerLanes<Vector128<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static nuint Count => (nuint)Vector128<T>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Load(ref T source, nuint index) => Vector128.LoadUnsafe(ref source, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Broadcast(T value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Add(Vector128<T> left, Vector128<T> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Subtract(Vector128<T> left, Vector128<T> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Multiply(Vector128<T> left, Vector128<T> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Divide(Vector128<T> left, Vector128<T> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Sqrt(Vector128<T> value) => Vector128.Sqrt(value);
}

/// <summary>One element at a time: the tail after the vectors, and the whole span where no vector is accelerated.</summary>
internal readonly struct Lanes1<T> : IOptimizerLanes<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static nuint Count => 1;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Load(ref T source, nuint index) => Unsafe.Add(ref source, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(T value, ref T destination, nuint index) => Unsafe.Add(ref destination, index) = value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Broadcast(T value) => value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Add(T left, T right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Subtract(T left, T right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Multiply(T left, T right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Divide(T left, T right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Sqrt(T value) => T.Sqrt(value);
}
