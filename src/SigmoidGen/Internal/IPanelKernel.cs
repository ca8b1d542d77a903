using System.ComponentModel;

namespace SigmoidGen.Internal;

/// <summary>
/// A generated forward kernel whose outer-product path can also run a range of its output panels over every row, so that
/// <see cref="ParallelPanels"/> can split a call by outputs: each thread packs only its own panels of W.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPanelKernel<T> : IRowKernel<T>
{
    /// <summary>
    /// Computes panels <paramref name="first"/> to <paramref name="end"/> − 1 (in the order of a single-threaded call;
    /// the last panel may overlap the one before it, and is then never split from it) for all <paramref name="rows"/>
    /// rows: packs those panels' weights and writes their outputs of every row of <paramref name="y"/>, nothing else.
    /// Called only with at least the rows from which the path packs panels.
    /// </summary>
    static abstract void RunPanels(ref T x, ref T w, ref T b, ref T y, int rows, int first, int end);

    /// <summary>
    /// The row at which a call over <paramref name="rows"/> rows splits into two chunks of rows instead of ranges of
    /// panels, or 0 (the default: split by panels). A generated kernel returns a row only where <see cref="IRowKernel{T}.Run"/>
    /// over rows 0..row−1 and over row..rows−1 makes the calls a single-threaded call over all the rows makes (the same
    /// blocks of rows, the same bits): the batches that take x as the panel with rest rows by dot products and whose blocks
    /// fall into two halves of about the same work (each chunk then packs only its own rows of x).
    /// </summary>
    static virtual int SplitRow(int rows) => 0;
}
