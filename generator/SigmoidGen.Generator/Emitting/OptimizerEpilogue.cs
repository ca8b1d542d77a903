using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// The optimizer epilogue of a training step with state (<c>Optimizer = Sgd</c> or <c>Adam</c>; in a network's training
/// class, plain SGD too, whose rule <c>PlainSgdUpdate&lt;T&gt;</c> carries the rate to the kernels' plain branch): what the kernels take
/// beyond plain SGD's (the state's two base references and the update, <c>opt</c>), and the call that applies the update
/// to a vector (or element) of parameters whose gradient is in registers. The kernels are written once for both
/// optimizers, generic over the update (<c>TRule</c>: the runtime's <c>SgdUpdate&lt;T&gt;</c> or <c>AdamUpdate&lt;T&gt;</c>,
/// the same operations as <c>SigmoidOptimizerSteps</c>), which the entry declares and passes by reference: the JIT
/// compiles them once per optimizer, each call inlined.
/// </summary>
/// <remarks>
/// The state spans are laid out like the parameters they follow: the weights' state (<c>outputs × inputs</c>, row-major),
/// then the bias's (<c>outputs</c>). So a weight row's state is at the row's offset from the state's base, and the bias's
/// at <c>Outputs * Inputs</c>. The states are <c>m</c> (SGD's momentum buffer, Adam's first moment) and <c>v</c> (Adam's
/// second moment; SGD's entry passes its buffer again, which the update ignores).
/// </remarks>
internal sealed class OptimizerEpilogue
{
    private const string Update = "opt";
    private readonly string _t;

    private OptimizerEpilogue(LayerSpec spec)
    {
        _t = spec.ElementName;
        EntryUpdateType = spec.Optimizer switch { OptimizerKind.Adam => "AdamUpdate", OptimizerKind.Sgd => "SgdUpdate", _ => "PlainSgdUpdate" } + $"<{_t}>";
        Constraint = $"where {UpdateType} : struct, IUpdateRule<{_t}>";
    }

    /// <summary>The epilogue of a training step with optimizer state, or null (plain SGD, backward passes).</summary>
    public static OptimizerEpilogue? For(LayerSpec spec) => spec.HasOptimizerState ? new OptimizerEpilogue(spec) : null;

    /// <summary>The update rule of a training step whose kernels serve plain SGD and the fused optimizers both (any optimizer).</summary>
    public static OptimizerEpilogue Rule(LayerSpec spec) => new(spec);

    /// <summary>The kernels' type parameter: the update.</summary>
    public const string UpdateType = "TRule";

    /// <summary>The kernels' names for the state's base references: the first state, the second (see the remarks).</summary>
    public static readonly string[] States = { "m", "v" };

    /// <summary>The runtime struct the entry declares, holding the step's constants, e.g. <c>AdamUpdate&lt;float&gt;</c>.</summary>
    public string EntryUpdateType { get; }

    /// <summary>The constraint of a generic kernel: <c>where TRule : struct, IUpdateRule&lt;float&gt;</c>.</summary>
    public string Constraint { get; }

    /// <summary>What a kernel takes in place of plain SGD's <c>rate</c>: the state's bases, then the update, by reference (no copy).</summary>
    public IEnumerable<KernelParameter> Parameters =>
        States.Select(s => new KernelParameter($"ref {_t}", s)).Append(new KernelParameter($"ref {UpdateType}", Update));

    /// <summary>The entry's check and constants: validates the hyperparameters (before anything is written).</summary>
    public string Declaration(string parameter, string userName) => $"{EntryUpdateType} {Update} = new({parameter}, \"{userName}\");";

    /// <summary>Declares, for each state, <c>ref T {state}{suffix}</c> at <paramref name="offset"/> from <paramref name="from"/>{state}.</summary>
    public IEnumerable<string> RowReferences(string suffix, string fromSuffix, string offset) =>
        States.Select(s => $"ref {_t} {s}{suffix} = ref Unsafe.Add(ref {s}{fromSuffix}, {offset});");

    /// <summary>The update of the element <paramref name="target"/>[index] (scalar path), its state at <c>{state}{stateSuffix}</c>.</summary>
    public string Apply(string target, string stateSuffix, string index, string gradient) =>
        $"{Update}.Apply(ref {target}, {StateArguments(stateSuffix)}, {Index(index)}, {gradient});";

    /// <summary>The update of the bias element <paramref name="target"/>[index] (scalar path): its state follows the weights'.</summary>
    public string ApplyBias(string target, string index, string gradient) =>
        $"{Update}.Apply(ref {target}, {BiasState}, {Index(index)}, {gradient});";

    /// <summary>
    /// The update of <paramref name="rows"/> runs of <paramref name="length"/> parameters from <paramref name="target"/>[start],
    /// <paramref name="rowStride"/> apart (their state at the same offsets from <c>{state}{stateSuffix}</c>), with the
    /// gradients at <paramref name="gradients"/>, runs <paramref name="gradientStride"/> apart: one call per tile, which
    /// updates each run as <c>SigmoidOptimizerSteps</c> updates a span.
    /// </summary>
    public string ApplyRows(string target, string stateSuffix, string start, string length, int rows, string rowStride, string gradients, string gradientStride) =>
        $"{Update}.ApplyRows(ref {target}, {StateArguments(stateSuffix)}, {Index(start)}, {length}, {rows}, {rowStride}, ref {gradients}, {gradientStride});";

    /// <summary>As <see cref="ApplyRows"/> for one run of the bias, whose state follows the weights' in each state span.</summary>
    public string ApplyBiasRun(string start, string length, string gradients) =>
        $"{Update}.ApplyRows(ref b, {BiasState}, {Index(start)}, {length}, 1, 0, ref {gradients}, 0);";

    private string BiasState => string.Join(", ", States.Select(s => $"ref Unsafe.Add(ref {s}, Outputs * Inputs)"));

    private string StateArguments(string suffix) => string.Join(", ", States.Select(s => $"ref {s}{suffix}"));

    private static string Index(string index) => index.StartsWith("(nuint)", System.StringComparison.Ordinal) || index == "i" || index.StartsWith("i + ", System.StringComparison.Ordinal)
        ? index
        : int.TryParse(index, out _) ? index : $"(nuint)({index})";
}
