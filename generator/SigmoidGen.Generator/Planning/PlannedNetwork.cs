using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// Everything decided for one <c>[SigmoidNetwork]</c> class, made once by <see cref="NetworkPlanner.Plan"/> in its own
/// tracked pipeline step (<c>NetworkPlan</c>): its kernel classes, each planned once per distinct layer shape and role,
/// and which class each layer calls in each role. The network emitter only prints this.
/// </summary>
/// <param name="Spec">The network.</param>
/// <param name="Kernels">Its kernel classes, in the order they are printed (forward classes first).</param>
/// <param name="Forward">Per layer, the index in <paramref name="Kernels"/> of its forward class.</param>
/// <param name="Train">Per layer, its training class for plain SGD.</param>
/// <param name="Sgd">Per layer, its training class for <c>SigmoidSgd</c>.</param>
/// <param name="Adam">Per layer, its training class for <c>SigmoidAdam</c>.</param>
internal sealed record PlannedNetwork(
    NetworkSpec Spec,
    EquatableArray<NetworkKernel> Kernels,
    EquatableArray<int> Forward,
    EquatableArray<int> Train,
    EquatableArray<int> Sgd,
    EquatableArray<int> Adam)
{
    /// <summary>The class layer <paramref name="layer"/> calls in <paramref name="role"/>.</summary>
    public NetworkKernel KernelOf(int layer, NetworkRole role) => Kernels[role switch
    {
        NetworkRole.Forward => Forward[layer],
        NetworkRole.Train => Train[layer],
        NetworkRole.Sgd => Sgd[layer],
        _ => Adam[layer],
    }];
}

/// <summary>
/// One kernel class of a network, shared by every layer of its shape in the roles it serves; the class itself is a
/// <see cref="SharedKernel"/>, which every network of the compilation with a layer of that shape and role calls.
/// </summary>
/// <param name="Kernel">The class: its key, name, spec and plan.</param>
/// <param name="Layers">The layers of this network that call it, in any role, ascending.</param>
internal sealed record NetworkKernel(SharedKernel Kernel, EquatableArray<int> Layers)
{
    /// <inheritdoc cref="SharedKernel.Spec"/>
    public LayerSpec Spec => Kernel.Spec;

    /// <inheritdoc cref="SharedKernel.Plan"/>
    public KernelPlan Plan => Kernel.Plan;

    /// <inheritdoc cref="SharedKernel.Generic"/>
    public bool Generic => Kernel.Generic;

    /// <inheritdoc cref="SharedKernel.FullName"/>
    public string FullName => Kernel.FullName;
}

/// <summary>What a layer's kernel class does in the network.</summary>
internal enum NetworkRole
{
    /// <summary>The forward pass.</summary>
    Forward,

    /// <summary>The training step with plain SGD fused (<c>TrainStep(input, target, learningRate)</c>).</summary>
    Train,

    /// <summary>The training step with <c>SigmoidSgd</c>'s update fused (momentum, Nesterov, weight decay).</summary>
    Sgd,

    /// <summary>The training step with <c>SigmoidAdam</c>'s update fused (Adam, AdamW).</summary>
    Adam,
}
