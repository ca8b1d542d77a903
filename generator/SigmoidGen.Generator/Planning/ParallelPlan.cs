using System.Linq;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// How a forward layer with <c>Parallel = true</c> splits a call over threads (see <see cref="ParallelPlanner"/>): per
/// SIMD path, by rows (<c>ParallelRows</c>: the row grain at which chunks start and the fewest rows a chunk may have, so
/// <c>min(ProcessorCount, batch / MinRows)</c> chunks) or, where the path packs W per call into output panels, by
/// panels (<c>ParallelPanels</c>: each chunk packs and runs its own range of panels over every row).
/// </summary>
/// <param name="Pays">Whether any call can get two chunks; false only for a fixed batch too small on every path, and
/// then no parallel code is generated.</param>
/// <param name="FlopsPerRow">The work of one row, in flops (see <see cref="ParallelPlanner.FlopsPerRow"/>).</param>
/// <param name="Batch">The fixed batch, or 0.</param>
/// <param name="Paths">One per <see cref="LayerPlan.Paths"/>, in the same order.</param>
internal sealed record ParallelPlan(bool Pays, long FlopsPerRow, int Batch, EquatableArray<RowChunking> Paths)
{
    /// <summary>One paragraph for the generated remarks.</summary>
    public string Describe()
    {
        string perPath = string.Join("; ", Paths.Select(p => p.Describe()));
        string work = $"{FlopsPerRow} flops per row, at least 2^{ParallelPlanner.MinFlopsLog2} per chunk";
        if (!Pays)
        {
            return $"Parallel = true has no effect: the fixed batch of {Batch} row{(Batch == 1 ? string.Empty : "s")} is less than two chunks " +
                   $"on every path (fewest rows per chunk: {perPath}; {work}), so no parallel code was generated and every call runs on the calling thread.";
        }

        string batch = Batch > 0 ? $"the {Batch} rows" : "the rows";
        bool anyPanels = Paths.Any(p => p.Panels is not null);
        bool anyRows = Paths.Any(p => p.Panels is null);
        string rows = !anyRows ? string.Empty
            : $"{(anyPanels ? "Split by rows, " : string.Empty)}each call splits {batch} into min(Environment.ProcessorCount, rows / m) contiguous " +
              $"chunks, where m is the fewest rows worth a chunk ({work}, and never fewer than the path's outer-product kernel needs); " +
              "each chunk runs the whole layer over its rows. ";
        string panels = !anyPanels ? string.Empty
            : "Split by output panels (where the path transposes W per call into panels and they halve evenly: W is then packed once " +
              "in total, not once per chunk, and each thread reads only its share of it), each call with at least the rows the " +
              "panel kernel needs gives each chunk a contiguous range of panels, packed once by that chunk and run over every row " +
              "(an overlapping last panel stays with the one before it), in min(4 · Environment.ProcessorCount, panels, rows × panels / q) " +
              $"chunks, where q is the fewest rows × panels worth a chunk (at least 2^{ParallelPlanner.MinFlopsLog2} flops), taken in turn by " +
              "the calling thread and up to ProcessorCount − 1 pool threads, so that a pool thread that wakes late only joins for the chunks left. ";
        return $"Parallel = true: chunks run on the thread pool and the calling thread. {rows}{panels}Per path: {perPath}. Each output is " +
               "computed by the same tile as in a single-threaded call, so results are identical. A call too small for two chunks runs the " +
               "kernel on the calling thread and allocates nothing; a split call allocates one small object.";
    }
}

/// <summary>The split of one SIMD path.</summary>
/// <param name="Name">The path, e.g. "Vector256".</param>
/// <param name="GrainRows">Row chunks start at multiples of this: the rows of the path's register tile.</param>
/// <param name="MinRows">The fewest rows a row chunk may have, a multiple of <see cref="GrainRows"/>.</param>
/// <param name="Panels">When not null, the path splits by output panels instead, and the row counts are not used.</param>
internal sealed record RowChunking(string Name, int GrainRows, int MinRows, PanelSplit? Panels = null)
{
    public string Describe() =>
        Panels is { } panels ? $"{Name} by panels, {panels.Describe()}"
        : GrainRows == 1 ? $"{Name} by rows, m = {MinRows}" : $"{Name} by rows, m = {MinRows}, chunks starting on multiples of {GrainRows} rows";
}

/// <summary>The split of a path by the output panels of its outer-product kernel (<c>ParallelPanels</c>).</summary>
/// <param name="Count">Panels of the path, the overlapping last one included.</param>
/// <param name="Columns">Outputs per panel.</param>
/// <param name="FullPanels">Panels starting at 0, Columns, 2·Columns…; panel <see cref="FullPanels"/>, if any, starts at
/// <c>outputs − Columns</c>.</param>
/// <param name="LastOverlaps">Whether the last panel ends at the last output, overlapping the one before.</param>
/// <param name="MinBatch">The fewest rows the path runs its panels for (fewer: one call on the calling thread).</param>
/// <param name="MinChunkRowPanels">q: the fewest rows × panels worth a chunk.</param>
/// <param name="XPanelTest">Where the path takes x as the panel with rest rows by dot products at some batches, the C#
/// test of a run-time <c>batch</c> for them (<see cref="XPanelPlan.DotRestTest"/>): such a call splits the x-panel kernel
/// by the same ranges of outputs, in at most <see cref="ParallelPlanner.XPanelChunksPerProcessor"/> chunks per processor
/// (its other batches, x panel or not, split by W's panels: the same bits); else null.</param>
internal sealed record PanelSplit(int Count, int Columns, int FullPanels, bool LastOverlaps, int MinBatch, int MinChunkRowPanels, string? XPanelTest = null)
{
    /// <summary>The batches of <see cref="XPanelTest"/> split into two chunks of rows instead (<see cref="ParallelPlanner.XPanelRowSplits"/>).</summary>
    public EquatableArray<XPanelRowSplit> RowSplits { get; init; } = EquatableArray<XPanelRowSplit>.Empty;

    public string Describe() =>
        $"{Count} panels of {Columns} outputs{(LastOverlaps ? " (the last overlapping)" : string.Empty)}, from {MinBatch} rows, q = {MinChunkRowPanels}" +
        (XPanelTest is null ? string.Empty : $"; batches that take x as the panel with rows by dot products split its kernel by the same ranges of outputs, at most {ParallelPlanner.XPanelChunksPerProcessor} chunk per processor") +
        (RowSplits.Count == 0 ? string.Empty : $", or {RowSplits.Count} of them ({RowSplits[0].Batch}–{RowSplits[RowSplits.Count - 1].Batch} rows) into two chunks of rows at one of their blocks");
}
