using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>The kernels chosen for a layer: one <see cref="PathPlan"/> per instruction-set path, widest first.</summary>
internal sealed record LayerPlan(EquatableArray<PathPlan> Paths);
