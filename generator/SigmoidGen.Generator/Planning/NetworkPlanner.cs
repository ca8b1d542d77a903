using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// Plans a network (the pipeline's <c>NetworkPlan</c> step): every layer's kernels in each role — forward, and the
/// training step with plain SGD, <c>SigmoidSgd</c> or <c>SigmoidAdam</c> fused — with layers of the same shape and role
/// sharing one class, each class planned once through <see cref="LayerPlanner.Plan"/>. The training kernels are generic
/// over the update rule: the optimizers share one class per shape, and plain SGD joins it unless it plans other kernels.
/// </summary>
internal static class NetworkPlanner
{
    /// <summary>The network's plan; its kernel classes live in <paramref name="assemblyName"/>'s namespace of shared kernels.</summary>
    public static PlannedNetwork Plan(NetworkSpec spec, string? assemblyName)
    {
        string ns = SharedKernelNames.Namespace(assemblyName);
        var kernels = new List<Builder>();
        var byShape = new Dictionary<LayerSpec, int>();
        var fusedByShape = new Dictionary<LayerShape, int>();
        var roles = new Dictionary<NetworkRole, int[]>();
        foreach (NetworkRole role in new[] { NetworkRole.Forward, NetworkRole.Train, NetworkRole.Sgd, NetworkRole.Adam })
        {
            int[] uses = roles[role] = new int[spec.LayerCount];
            for (int k = 0; k < spec.LayerCount; k++)
            {
                LayerSpec layer = Neutral(role switch
                {
                    NetworkRole.Forward => spec.Layer(k, LayerKind.Forward),
                    NetworkRole.Train => spec.Layer(k, LayerKind.TrainStep),
                    NetworkRole.Sgd => spec.Layer(k, LayerKind.TrainStep, OptimizerKind.Sgd),
                    _ => spec.Layer(k, LayerKind.TrainStep, OptimizerKind.Adam),
                });

                if (!byShape.TryGetValue(layer, out int index)
                    && !(role is NetworkRole.Sgd or NetworkRole.Adam && fusedByShape.TryGetValue(FusedKey(layer), out index)))
                {
                    index = kernels.Count;
                    kernels.Add(New(spec, role, layer, k, fusedByShape, index));
                }

                byShape[layer] = index;
                uses[k] = index;
                if (!kernels[index].Layers.Contains(k))
                {
                    kernels[index].Layers.Add(k);
                }
            }
        }

        return new PlannedNetwork(
            spec,
            new EquatableArray<NetworkKernel>(kernels.Select(b => new NetworkKernel(
                new SharedKernel(ns, SharedKernelNames.ClassName(b.Spec.Shape, b.WithPlainSgd), b.Spec, b.Plan, b.WithPlainSgd),
                new EquatableArray<int>(b.Layers.OrderBy(k => k))))),
            new EquatableArray<int>(roles[NetworkRole.Forward]),
            new EquatableArray<int>(roles[NetworkRole.Train]),
            new EquatableArray<int>(roles[NetworkRole.Sgd]),
            new EquatableArray<int>(roles[NetworkRole.Adam]));
    }

    /// <summary>The key of a training class the optimizers share: the shape with SGD's optimizer.</summary>
    private static LayerShape FusedKey(LayerSpec layer) => layer.Shape with { Optimizer = OptimizerKind.Sgd };

    /// <summary>
    /// A layer's spec as its kernel class sees it: the shape, and a declaration that depends on nothing else (the kernels
    /// print no name but the parameters', which follow from the shape), so that every network shares the class.
    /// </summary>
    private static LayerSpec Neutral(LayerSpec layer) => layer with
    {
        Declaration = layer.Declaration with
        {
            Namespace = string.Empty,
            ContainingTypes = new EquatableArray<ContainingType>(new[] { new ContainingType("class", "Network") }),
            MethodName = "Layer",
            AttributeText = string.Empty,
        },
    };

    /// <summary>A new class for layer <paramref name="k"/> (<paramref name="layer"/>) in <paramref name="role"/>, registered for the optimizers when it can serve them.</summary>
    private static Builder New(NetworkSpec spec, NetworkRole role, LayerSpec layer, int k, Dictionary<LayerShape, int> fusedByShape, int index)
    {
        switch (role)
        {
            case NetworkRole.Forward:
                return new Builder(layer, LayerPlanner.Plan(layer), WithPlainSgd: false);
            case NetworkRole.Train:
                LayerSpec fused = Neutral(spec.Layer(k, LayerKind.TrainStep, OptimizerKind.Sgd));
                KernelPlan fusedPlan = LayerPlanner.Plan(fused);
                KernelPlan plainPlan = LayerPlanner.Plan(layer);
                if (SharesKernels(plainPlan, fusedPlan))
                {
                    // One class for every update rule, printed from the optimizer's spec and plan (plain SGD's is the same
                    // but for the optimizer's gradient groups, which plain SGD's branch does not use).
                    fusedByShape.Add(FusedKey(layer), index);
                    return new Builder(fused, fusedPlan, WithPlainSgd: true);
                }

                return new Builder(layer, plainPlan, WithPlainSgd: false);
            default:
                // SGD's role opens the optimizers' class where plain SGD keeps its own; Adam's joins it.
                fusedByShape.Add(FusedKey(layer), index);
                return new Builder(layer, LayerPlanner.Plan(layer), WithPlainSgd: false);
        }
    }

    /// <summary>
    /// Whether plain SGD's training step can run the fused optimizers' kernels (generic over the update rule): their plans
    /// are the same but for the optimizer's gradient groups, which plain SGD's branch ignores. Not so where plain SGD takes
    /// the narrow kernel, which the optimizers do not (see <c>BackwardPlanner</c>): it then keeps its own class.
    /// </summary>
    private static bool SharesKernels(KernelPlan plain, KernelPlan fused) =>
        plain.Backward.SequenceEqual(fused.Backward.Select(p => p with { OptimizerGroupOutputs = 0 }));

    /// <summary>A class being planned; <see cref="Layers"/> grows as layers join it.</summary>
    private sealed record Builder(LayerSpec Spec, KernelPlan Plan, bool WithPlainSgd)
    {
        public List<int> Layers { get; } = new();
    }
}
