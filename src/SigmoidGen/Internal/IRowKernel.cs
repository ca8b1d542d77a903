using System.ComponentModel;

namespace SigmoidGen.Internal;

/// <summary>
/// A generated forward kernel over a run of consecutive batch rows, as a type so that <see cref="ParallelRows"/> can call
/// it on any thread without a delegate: implemented by a struct, the call is direct and inlinable.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRowKernel<T>
{
    /// <summary>
    /// Computes <paramref name="rows"/> rows: reads <c>rows × inputs</c> values from <paramref name="x"/> and writes
    /// <c>rows × outputs</c> values from <paramref name="y"/>; <paramref name="w"/> and <paramref name="b"/> are the
    /// whole weights and bias.
    /// </summary>
    static abstract void Run(ref T x, ref T w, ref T b, ref T y, int rows);
}
