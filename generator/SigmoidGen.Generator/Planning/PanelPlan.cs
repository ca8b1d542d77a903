namespace SigmoidGen.Generator.Planning;

/// <summary>
/// The outer-product forward kernel of one SIMD path, used for batches of at least <see cref="MinBatch"/> rows. Per
/// call, the weights of <see cref="Columns"/> consecutive outputs are transposed into a panel
/// (<c>panel[i * Columns + c] = W[o + c, i]</c>, <c>Inputs × Columns</c> elements in a pooled buffer); then every
/// tile of <see cref="RowsPerTile"/> batch rows × <see cref="Vectors"/> vectors walks the inputs, broadcasting one
/// input per row against the panel's vectors. No horizontal sum, every FMA useful: this is how BLAS micro-kernels
/// are built, and it is what the dot-product tiles cannot reach at large shapes.
/// </summary>
/// <param name="Bits">Vector width of the path.</param>
/// <param name="Lanes">Elements per vector.</param>
/// <param name="RowsPerTile">Batch rows per tile (MR): each panel vector loaded serves them all.</param>
/// <param name="Vectors">Panel vectors per tile (NR); <c>RowsPerTile × Vectors</c> accumulators.</param>
/// <param name="FullPanels">Panels of <see cref="Columns"/> outputs starting at 0, Columns, 2·Columns…</param>
/// <param name="TailPanel">Whether one more panel ends exactly at the last output, overlapping the previous one
/// (its overlapped outputs are computed again, to the same values).</param>
/// <param name="MinBatch">Smallest batch for which packing pays; smaller batches use the dot-product tiles.</param>
/// <param name="InputUnroll">Inputs per iteration of the tile's inner loop (the rest are written out after it).</param>
internal sealed record PanelPlan(
    int Bits,
    int Lanes,
    int RowsPerTile,
    int Vectors,
    int FullPanels,
    bool TailPanel,
    int MinBatch,
    int InputUnroll)
{
    /// <summary>Outputs per panel.</summary>
    public int Columns => Lanes * Vectors;

    public int Accumulators => RowsPerTile * Vectors;

    /// <summary>One sentence for the generated remarks.</summary>
    public string Describe(int inputs)
    {
        int panels = FullPanels + (TailPanel ? 1 : 0);
        return $"batches of {MinBatch} rows or more: W transposed per call into {panels} panel{(panels == 1 ? string.Empty : "s")} " +
               $"of {Columns} outputs × {inputs} inputs{(TailPanel ? " (the last one overlaps the previous)" : string.Empty)}, " +
               $"then tiles of {RowsPerTile} rows × {Vectors} Vector{Bits} ({Accumulators} accumulators) that broadcast one input per row, " +
               $"{InputUnroll} inputs per loop step, no horizontal sums; bias and σ in place over each tile.";
    }
}
