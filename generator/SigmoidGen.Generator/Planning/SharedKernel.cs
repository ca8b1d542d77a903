using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// A network kernel class, one per distinct key within a compilation (the pipeline's <c>SharedKernels</c> step prints
/// each once): every network whose layer has this shape and role calls it. Its text depends on <see cref="Spec"/>'s
/// shape and <see cref="WithPlainSgd"/> alone, and so does its name, so no network's file depends on another network.
/// </summary>
/// <param name="Namespace">The namespace of every shared kernel of this assembly (<see cref="SharedKernelNames.Namespace"/>).</param>
/// <param name="ClassName">The class name, made from the key (<see cref="SharedKernelNames.ClassName"/>).</param>
/// <param name="Spec">The layer spec its kernels are printed from (a neutral declaration: only the shape varies): the forward pass, plain SGD's training step, or (for a class serving an optimizer) <c>SigmoidSgd</c>'s.</param>
/// <param name="Plan">That spec's plan (<see cref="LayerPlanner.Plan"/>).</param>
/// <param name="WithPlainSgd">A training class whose kernels, generic over the update rule, serve plain SGD and the optimizers both.</param>
internal sealed record SharedKernel(string Namespace, string ClassName, LayerSpec Spec, KernelPlan Plan, bool WithPlainSgd)
{
    /// <summary>A training class whose entry takes the update rule (<c>TrainStep&lt;TRule&gt;</c>); false for plain SGD's own class, which takes the rate.</summary>
    public bool Generic => WithPlainSgd || Spec.HasOptimizerState;

    /// <summary>The class as the network classes name it: <c>global::Namespace.ClassName</c>.</summary>
    public string FullName => $"global::{Namespace}.{ClassName}";
}
