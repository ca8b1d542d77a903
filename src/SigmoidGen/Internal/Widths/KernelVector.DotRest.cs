// The x-panel kernel's rest rows (issue 17): rows after the whole blocks of a batch computed as dot products over
// row-major W, four outputs at a time, inside the last block's pass over W. Their horizontal sums need one more member
// per width; it lives here, beside the width structs, as the partial interface asks.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SigmoidGen.Internal;

public partial interface IKernelVector<V, T>
{
    /// <summary>
    /// Stores <c>destination[k] = Σ a<sub>k</sub> + bias[k]</c> for k = 0..3: four horizontal sums reduced together
    /// (<see cref="VectorOps"/>' <c>SumEach</c>), plus four biases.
    /// </summary>
    static abstract void StoreSums4(V a0, V a1, V a2, V a3, ref T bias, ref T destination);
}

public readonly partial struct F512
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreSums4(Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3, ref float bias, ref float destination) =>
        (VectorOps.SumEach(a0, a1, a2, a3) + Vector128.LoadUnsafe(ref bias)).StoreUnsafe(ref destination);
}

public readonly partial struct F256
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreSums4(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3, ref float bias, ref float destination) =>
        (VectorOps.SumEach(a0, a1, a2, a3) + Vector128.LoadUnsafe(ref bias)).StoreUnsafe(ref destination);
}

public readonly partial struct F128
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreSums4(Vector128<float> a0, Vector128<float> a1, Vector128<float> a2, Vector128<float> a3, ref float bias, ref float destination) =>
        (VectorOps.SumEach(a0, a1, a2, a3) + Vector128.LoadUnsafe(ref bias)).StoreUnsafe(ref destination);
}

public readonly partial struct D512
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreSums4(Vector512<double> a0, Vector512<double> a1, Vector512<double> a2, Vector512<double> a3, ref double bias, ref double destination)
    {
        (VectorOps.SumEach(a0, a1) + Vector128.LoadUnsafe(ref bias)).StoreUnsafe(ref destination);
        (VectorOps.SumEach(a2, a3) + Vector128.LoadUnsafe(ref bias, 2)).StoreUnsafe(ref destination, 2);
    }
}

public readonly partial struct D256
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreSums4(Vector256<double> a0, Vector256<double> a1, Vector256<double> a2, Vector256<double> a3, ref double bias, ref double destination) =>
        (VectorOps.SumEach(a0, a1, a2, a3) + Vector256.LoadUnsafe(ref bias)).StoreUnsafe(ref destination);
}

public readonly partial struct D128
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreSums4(Vector128<double> a0, Vector128<double> a1, Vector128<double> a2, Vector128<double> a3, ref double bias, ref double destination)
    {
        (VectorOps.SumEach(a0, a1) + Vector128.LoadUnsafe(ref bias)).StoreUnsafe(ref destination);
        (VectorOps.SumEach(a2, a3) + Vector128.LoadUnsafe(ref bias, 2)).StoreUnsafe(ref destination, 2);
    }
}
