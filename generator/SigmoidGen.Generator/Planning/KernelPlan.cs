using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// Everything decided for one layer method, made once by <see cref="LayerPlanner.Plan"/> in its own tracked pipeline
/// step (<c>Plan</c>): the kernels of its role, and the sentences its <c>&lt;remarks&gt;</c> print. The emitters only
/// print this.
/// </summary>
/// <param name="Forward">The forward kernels (<c>[SigmoidLayer]</c>), or null for a backward pass or training step.</param>
/// <param name="Backward">The backward kernels, one per path (<c>[SigmoidLayerBackward]</c>, <c>[SigmoidLayerTrainStep]</c>); empty for a forward layer.</param>
/// <param name="Descriptions">Per path, widest first: its name and the sentence the remarks give it.</param>
/// <param name="ParallelDescription">For <c>Parallel = true</c>, how calls are split over threads; null otherwise.</param>
internal sealed record KernelPlan(
    LayerPlan? Forward,
    EquatableArray<BackwardPathPlan> Backward,
    EquatableArray<PlanLine> Descriptions,
    string? ParallelDescription)
{
    /// <summary>How a forward layer with <c>Parallel = true</c> splits its calls; null otherwise.</summary>
    public ParallelPlan? Parallel => Forward?.Parallel;
}

/// <summary>One path's line in the generated remarks.</summary>
/// <param name="Name">The path, e.g. <c>Vector256</c>.</param>
/// <param name="Text">What its kernels do.</param>
internal sealed record PlanLine(string Name, string Text);

/// <summary>A layer method and its plan: what the emit step prints.</summary>
internal sealed record PlannedLayer(LayerSpec Spec, KernelPlan Plan);
