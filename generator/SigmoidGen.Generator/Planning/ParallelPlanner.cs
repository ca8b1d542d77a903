using System;
using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// Decides, for a forward layer with <c>Parallel = true</c>, per path whether a call is split by rows or by the output
/// panels of the outer-product kernel, and how much work a chunk must have to be worth a thread (and where row chunks may
/// start). The run time (<c>ParallelRows</c>, <c>ParallelPanels</c>) only divides the work by that minimum and caps the
/// result at the processor count.
/// </summary>
internal static class ParallelPlanner
{
    /// <summary>
    /// log2 of the least work per chunk, in flops. 2^20 flops take about 20 µs on one Zen 3 core at the ~50 GFLOP/s the
    /// tiles reach at large shapes. Handing a chunk to a pool thread and joining it costs a few µs while pool threads
    /// spin for work, and a wake-up from sleep (10–50 µs) otherwise; with at least 20 µs per chunk the hand-off is a
    /// small share of back-to-back calls. A lone call after the pool has gone idle is not split below 2^9 such units
    /// (the run time's <c>SplitGate</c>): the wake-up costs the caller 15–30 µs and the worker starts 50–250 µs late.
    /// </summary>
    public const int MinFlopsLog2 = 20;

    /// <summary>
    /// What σ of one value costs, in flops of the multiply-add tiles: 1.55 ns per value (Exact; 0.79 Fast) against
    /// ~50 GFLOP/s, rounded down. It only matters for layers with few inputs, where the sigmoid is most of the work.
    /// </summary>
    public const int SigmoidFlops = 64;

    /// <summary>
    /// The larger of two panel chunks may hold at most this share of the panels (numerator over
    /// <see cref="PanelShareDenominator"/>): an even count, or 17 or more. A row split packs all of W in every chunk, about
    /// 3 % of a one-thread call at 256 rows and 10–11 % at 64 (the transpose measured at (64, 784, 128)); one panel more
    /// in one chunk than in the other costs 1/count of the call there (a third at 3 panels, a fifth at 5, 1/17 at 17).
    /// </summary>
    public const int MaxPanelShare = 17;

    /// <summary>See <see cref="MaxPanelShare"/>.</summary>
    public const int PanelShareDenominator = 32;

    /// <summary>
    /// Chunks per processor at most for a call split by ranges of outputs of the x-panel kernel (only batches with rest
    /// rows by dot products, <c>XPanelPlan.DotRestTest</c>: the x panel's other rows are the W panels' bits, and those
    /// batches split by W's panels, which measured faster): each chunk packs x's rows itself, so more chunks than threads
    /// pack x more times over. Measured (issue 17, helper h5b, 2026-12-03, 2 vCPUs): with 4 per processor (11:40 UTC, load
    /// 12–17) (64, 784, 128) 90–95 µs against 65 on one thread, (256, 512, 512) 509–832 against 691–697; with 1, every
    /// x-panel batch split by outputs (12:01 UTC, load 2), against the W-panel split: (33, 512, 512) 67.5–68.0 against
    /// 69.3–74.0 µs, (40, …) 81.2–83.4 against 79.3–86.4, but (64, 784, 128) 49.2–52.1 against 39.8–40.5 and (256, 512,
    /// 512) 416–423 against 366.
    /// </summary>
    public const int XPanelChunksPerProcessor = 1;

    /// <summary>
    /// A batch that takes x as the panel with rest rows by dot products (on Vector512's tall blocks) splits into two chunks
    /// of whole blocks of rows (<see cref="XPanelRowSplits"/>) when the larger one has at most this share of the work
    /// (numerator over <see cref="PanelShareDenominator"/>); otherwise by ranges of outputs, each chunk packing all of x.
    /// </summary>
    public const int XPanelRowSplitMaxShare = 19;

    /// <summary>What a row by dot products costs against a row of a block (in tenths; the dot products read W per 4 rows).</summary>
    public const int XPanelDotRowCostTenths = 16;

    /// <summary>Work per row: a multiply and an add per weight, and a sigmoid per output.</summary>
    public static long FlopsPerRow(LayerShape shape) => (2L * shape.Inputs * shape.Outputs) + ((long)SigmoidFlops * shape.Outputs);

    /// <summary>
    /// The split of each path of <paramref name="paths"/>, which must be planned for a row count given at run time
    /// (every chunk calls the kernel with its own row count).
    /// </summary>
    public static ParallelPlan Plan(LayerShape shape, EquatableArray<PathPlan> paths)
    {
        long flopsPerRow = FlopsPerRow(shape);
        int rowsForWork = (int)(((1L << MinFlopsLog2) + flopsPerRow - 1) / flopsPerRow);
        RowChunking[] chunking = paths.Select(path => PlanPath(shape, path, rowsForWork)).ToArray();

        // A fixed batch pays when some path can cut it into two chunks; a run-time batch always might.
        bool pays = shape.Batch == 0 || chunking.Any(c => PaysOnTwoCores(c, shape.Batch));
        return new ParallelPlan(pays, flopsPerRow, shape.Batch, new EquatableArray<RowChunking>(chunking));
    }

    /// <summary>Whether <paramref name="batch"/> rows get two chunks on two processors (as <c>ParallelRows</c> and <c>ParallelPanels</c> count them).</summary>
    private static bool PaysOnTwoCores(RowChunking path, int batch)
    {
        if (path.Panels is not { } panels)
        {
            return batch >= 2L * path.MinRows;
        }

        int units = panels.LastOverlaps ? panels.Count - 1 : panels.Count;
        return batch >= panels.MinBatch && units >= 2 && (long)batch * panels.Count >= 2L * panels.MinChunkRowPanels;
    }

    private static RowChunking PlanPath(LayerShape shape, PathPlan path, int rowsForWork)
    {
        RowChunking rows = PlanRows(path, rowsForWork);
        return PlanPanels(shape, path) is { } panels ? rows with { Panels = panels } : rows;
    }

    /// <summary>
    /// The panel split, where it pays: the path transposes W per call into panels (with packed weights nothing is packed
    /// per call, and the row split is kept), at least two of them can go to different chunks, and two chunks get shares
    /// within <see cref="MaxPanelShare"/>. Chunks of whole panels over every row run the same panel method with the same
    /// arguments as a one-thread call, so they compute every output with the same tile.
    /// </summary>
    private static PanelSplit? PlanPanels(LayerShape shape, PathPlan path) => path.Panels is { } plan ? PlanPanels(shape, plan) : null;

    /// <summary>
    /// Whether a path with these panels splits by them (and then, at the batches that take x as the panel, by the same
    /// ranges of outputs: <c>XPanelKernelEmitter.EmitRange</c>).
    /// </summary>
    public static bool SplitsByPanels(LayerShape shape, PanelPlan plan) => PlanPanels(shape, plan) is not null;

    private static PanelSplit? PlanPanels(LayerShape shape, PanelPlan plan)
    {
        if (plan.Packed is not null)
        {
            return null;
        }

        int count = plan.FullPanels + (plan.TailPanel ? 1 : 0);
        int units = plan.TailPanel ? count - 1 : count;
        int larger = count - (count / 2);
        if (units < 2 || (long)larger * PanelShareDenominator > (long)MaxPanelShare * count)
        {
            return null;
        }

        long flopsPerRowPanel = (2L * shape.Inputs * plan.Columns) + ((long)SigmoidFlops * plan.Columns);
        int q = (int)(((1L << MinFlopsLog2) + flopsPerRowPanel - 1) / flopsPerRowPanel);
        EquatableArray<XPanelRowSplit> rowSplits = plan.Swapped is { } swapped ? XPanelRowSplits(swapped) : EquatableArray<XPanelRowSplit>.Empty;
        return new PanelSplit(count, plan.Columns, plan.FullPanels, plan.TailPanel, plan.MinBatch, q, plan.Swapped?.DotRestTest) { RowSplits = rowSplits };
    }

    /// <summary>
    /// The batches of a run-time batch's x-panel kernel with rest rows by dot products that a <c>Parallel = true</c> call
    /// splits into two chunks of rows (the run time's <c>IPanelKernel.SplitRow</c>), and where: at the start of one of
    /// its blocks (<see cref="XPanelPlan.TallLayout"/>) such that both chunks' own layouts are the blocks before and after
    /// it (the kernel over each chunk's rows makes the same block calls as over the whole batch: the same bits), both take
    /// the x panel, and the larger has at most <see cref="XPanelRowSplitMaxShare"/> 32nds of the work (the dot-product rows
    /// at <see cref="XPanelDotRowCostTenths"/>). Each chunk then packs only its rows of x, where the split by ranges of
    /// outputs packs all of x in every chunk (issue 17). Only <see cref="XPanelPlan.Tall"/> plans (Vector512).
    /// </summary>
    public static EquatableArray<XPanelRowSplit> XPanelRowSplits(XPanelPlan plan)
    {
        var splits = new List<XPanelRowSplit>();
        if (!plan.Tall || plan.Fixed || plan.DotRestRows == 0)
        {
            return EquatableArray<XPanelRowSplit>.Empty;
        }

        for (int batch = plan.From; batch <= plan.MaxBatch; batch++)
        {
            if (plan.TallLayout(batch) is not { Count: >= 2 } layout || layout[layout.Count - 1].Dots == 0)
            {
                continue;
            }

            long total = Work(batch, layout[layout.Count - 1].Dots);
            int bestRow = 0;
            long bestLarger = long.MaxValue;
            for (int k = 1; k < layout.Count; k++)
            {
                int row = layout[k].Row;
                if (row < plan.From || batch - row < plan.From || !SameBlocks(plan, layout, k, row, batch))
                {
                    continue;
                }

                long larger = Math.Max(Work(row, 0), Work(batch - row, layout[layout.Count - 1].Dots));
                if (larger < bestLarger)
                {
                    bestLarger = larger;
                    bestRow = row;
                }
            }

            if (bestRow > 0 && bestLarger * PanelShareDenominator <= XPanelRowSplitMaxShare * total)
            {
                splits.Add(new XPanelRowSplit(batch, bestRow));
            }
        }

        return new EquatableArray<XPanelRowSplit>(splits);
    }

    /// <summary>Work of <paramref name="rows"/> rows, the last <paramref name="dots"/> by dot products, in tenths of a block row.</summary>
    private static long Work(int rows, int dots) => (10L * (rows - dots)) + ((long)XPanelDotRowCostTenths * dots);

    /// <summary>
    /// Whether the batch's rows before <paramref name="row"/> (the start of block <paramref name="k"/>) and after it are laid
    /// out, each on its own, as the blocks before and from <paramref name="k"/> are.
    /// </summary>
    private static bool SameBlocks(XPanelPlan plan, List<(int Vectors, int Row, int Dots)> layout, int k, int row, int batch)
    {
        if (plan.TallLayout(row) is not { } before || plan.TallLayout(batch - row) is not { } after
            || before.Count != k || after.Count != layout.Count - k)
        {
            return false;
        }

        for (int i = 0; i < layout.Count; i++)
        {
            var expected = i < k ? layout[i] : (layout[i].Vectors, layout[i].Row - row, layout[i].Dots);
            if ((i < k ? before[i] : after[i - k]) != expected)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Grain: the rows of the tile the kernel uses for large batches (the outer-product tile where the path has one,
    /// else the dot-product tile), so chunks are made of the same tiles as one call — the same arithmetic, the same
    /// results — and no chunk boundary splits a tile. Minimum: the work minimum in whole grains, and at least the batch
    /// at which the path packs panels, so that no chunk falls back to the slower dot-product tiles (and to other sums).
    /// Both in whole grains: chunks start at multiples of the grain, and only a minimum that is one guarantees every
    /// chunk that many rows (a minimum of 32 with 6-row tiles cut 64 rows into 30 + 34, and the 30 ran the dot tiles).
    /// </summary>
    private static RowChunking PlanRows(PathPlan path, int rowsForWork)
    {
        int grain = path.Panels?.RowsPerTile ?? path.RowsPerTile;
        long least = Math.Max(rowsForWork, path.Panels?.MinBatch ?? grain);
        if (path.Panels?.Swapped is { DotRestRows: > 0 } swapped)
        {
            // A path that takes x as the panel at small batches, some with rest rows by dot products, and splits by rows:
            // every chunk has more rows than the x panel takes (those rows would depend on the chunk), and a batch too
            // small for two such chunks runs whole on the calling thread, as a single-threaded call does. (Without the
            // dot products, x-panel rows are the W panels' bits, and any chunk gives them.)
            least = Math.Max(least, swapped.MaxBatch + 1L);
        }

        int min = (int)((least + grain - 1) / grain * grain);
        return new RowChunking(path.Name, grain, min);
    }
}
