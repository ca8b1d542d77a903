using System;
using System.Linq;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// Decides, for a forward layer with <c>Parallel = true</c>, how many rows a chunk of a call must have to be worth a
/// thread, and where chunks may start. The run time (<c>ParallelRows</c>) only divides the batch by that minimum and
/// caps the result at the processor count.
/// </summary>
internal static class ParallelPlanner
{
    /// <summary>
    /// log2 of the least work per chunk, in flops. 2^20 flops take about 20 µs on one Zen 3 core at the ~50 GFLOP/s the
    /// tiles reach at large shapes. Handing a chunk to a pool thread and joining it costs a few µs while pool threads
    /// spin for work, and a wake-up from sleep (10–50 µs) otherwise; with at least 20 µs per chunk the hand-off is a
    /// small share of back-to-back calls, and a lone call, at worst, costs about as long as it saves.
    /// </summary>
    public const int MinFlopsLog2 = 20;

    /// <summary>
    /// What σ of one value costs, in flops of the multiply-add tiles: 1.55 ns per value (Exact; 0.79 Fast) against
    /// ~50 GFLOP/s, rounded down. It only matters for layers with few inputs, where the sigmoid is most of the work.
    /// </summary>
    public const int SigmoidFlops = 64;

    /// <summary>Work per row: a multiply and an add per weight, and a sigmoid per output.</summary>
    public static long FlopsPerRow(LayerShape shape) => (2L * shape.Inputs * shape.Outputs) + ((long)SigmoidFlops * shape.Outputs);

    /// <summary>
    /// The chunking of each path of <paramref name="paths"/>, which must be planned for a row count given at run time
    /// (every chunk calls the kernel with its own row count).
    /// </summary>
    public static ParallelPlan Plan(LayerShape shape, EquatableArray<PathPlan> paths)
    {
        long flopsPerRow = FlopsPerRow(shape);
        int rowsForWork = (int)(((1L << MinFlopsLog2) + flopsPerRow - 1) / flopsPerRow);
        RowChunking[] chunking = paths.Select(path => PlanPath(path, rowsForWork)).ToArray();

        // A fixed batch pays when some path can cut it into two chunks; a run-time batch always might.
        bool pays = shape.Batch == 0 || chunking.Any(c => shape.Batch >= 2L * c.MinRows);
        return new ParallelPlan(pays, flopsPerRow, shape.Batch, new EquatableArray<RowChunking>(chunking));
    }

    /// <summary>
    /// Grain: the rows of the tile the kernel uses for large batches (the outer-product tile where the path has one,
    /// else the dot-product tile), so chunks are made of the same tiles as one call — the same arithmetic, the same
    /// results — and no chunk boundary splits a tile. Minimum: the work minimum in whole grains, and at least the batch
    /// at which the path packs panels, so that no chunk falls back to the slower dot-product tiles (and to other sums).
    /// Both in whole grains: chunks start at multiples of the grain, and only a minimum that is one guarantees every
    /// chunk that many rows (a minimum of 32 with 6-row tiles cut 64 rows into 30 + 34, and the 30 ran the dot tiles).
    /// </summary>
    private static RowChunking PlanPath(PathPlan path, int rowsForWork)
    {
        int grain = path.Panels?.RowsPerTile ?? path.RowsPerTile;
        long least = Math.Max(rowsForWork, path.Panels?.MinBatch ?? grain);
        int min = (int)((least + grain - 1) / grain * grain);
        return new RowChunking(path.Name, grain, min);
    }
}
