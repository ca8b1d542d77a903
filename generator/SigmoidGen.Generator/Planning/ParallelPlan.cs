using System.Linq;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// How a forward layer with <c>Parallel = true</c> splits a call's rows over threads (see <see cref="ParallelPlanner"/>):
/// per SIMD path, the row grain at which chunks start and the fewest rows a chunk may have; at run time
/// <c>ParallelRows</c> makes <c>min(ProcessorCount, batch / MinRows)</c> chunks.
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
        return $"Parallel = true: each call splits {batch} into min(Environment.ProcessorCount, rows / m) contiguous chunks, run on the " +
               $"thread pool and the calling thread, where m is the fewest rows worth a chunk ({work}, and never fewer than the path's " +
               $"outer-product kernel needs): {perPath}. Each chunk is made of the same tiles as a single-threaded call, so results are " +
               "identical. With fewer than 2·m rows the kernel runs on the calling thread and nothing is allocated; a split call allocates " +
               "one small object.";
    }
}

/// <summary>The chunking of one SIMD path.</summary>
/// <param name="Name">The path, e.g. "Vector256".</param>
/// <param name="GrainRows">Chunks start at multiples of this: the rows of the path's register tile.</param>
/// <param name="MinRows">The fewest rows a chunk may have, a multiple of <see cref="GrainRows"/>.</param>
internal sealed record RowChunking(string Name, int GrainRows, int MinRows)
{
    public string Describe() =>
        GrainRows == 1 ? $"{Name} m = {MinRows}" : $"{Name} m = {MinRows}, chunks starting on multiples of {GrainRows} rows";
}
