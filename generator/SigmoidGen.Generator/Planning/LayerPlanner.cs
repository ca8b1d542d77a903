using System.Linq;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// The one entry into planning: a layer's role decides which planner runs (<see cref="KernelPlanner"/> forward,
/// <see cref="BackwardPlanner"/> for the gradients and training steps), and the result is bundled, with the text of the
/// remarks, into a <see cref="KernelPlan"/>. Called once per layer by the pipeline's <c>Plan</c> step, and once per
/// distinct layer shape and role of a network by <see cref="NetworkPlanner"/> (the <c>NetworkPlan</c> step).
/// </summary>
internal static class LayerPlanner
{
    public static KernelPlan Plan(LayerSpec spec)
    {
        if (spec.Kind == LayerKind.Forward)
        {
            LayerPlan forward = KernelPlanner.Plan(spec.Shape);
            return new KernelPlan(
                forward,
                EquatableArray<BackwardPathPlan>.Empty,
                new EquatableArray<PlanLine>(forward.Paths.Select(p => new PlanLine(p.Name, p.Describe(spec.Inputs, spec.Batch == 0)))),
                forward.Parallel?.Describe());
        }

        EquatableArray<BackwardPathPlan> backward = BackwardPlanner.Plan(spec);
        return new KernelPlan(
            Forward: null,
            backward,
            new EquatableArray<PlanLine>(backward.Select(p => new PlanLine(p.Name, p.Describe(spec.HasInputGradient)))),
            ParallelDescription: null);
    }
}
