using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>The kernels chosen for a forward layer.</summary>
/// <param name="Paths">One <see cref="PathPlan"/> per instruction-set path, widest first.</param>
/// <param name="Rows">The row count the kernels are compiled for: the fixed <c>Batch</c>, or 0 when they take it as a
/// parameter (a run-time batch, or the chunks of a parallel layer).</param>
/// <param name="Parallel">For <c>Parallel = true</c>, how calls are split over threads (or why they never are); null otherwise.</param>
/// <param name="Packing">The layout of packed weights (<c>PackedWeights = true</c> and at least a unit of outputs), or
/// null when the weights are row-major.</param>
internal sealed record LayerPlan(EquatableArray<PathPlan> Paths, int Rows, ParallelPlan? Parallel, PackedLayout? Packing)
{
    /// <summary>Whether the entry hands the rows to <c>ParallelRows</c> rather than calling the kernel itself.</summary>
    public bool RunsInChunks => Parallel is { Pays: true };
}
