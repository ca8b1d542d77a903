using System.Linq;

namespace SigmoidGen.Generator.Model;

/// <summary>
/// One <c>[SigmoidNetwork]</c> class: where it is, its element type and its layer sizes. Values only, so the pipeline
/// can cache it.
/// </summary>
/// <param name="ContainingTypes">The type chain down to and including the network class itself.</param>
/// <param name="Sizes">Inputs first, then each layer's outputs.</param>
/// <param name="PlainReasons">Per layer, why it is too large to specialise (empty when it is not).</param>
/// <param name="Model">The trained model compiled into the class (<c>Model = "…"</c>), or null.</param>
internal sealed record NetworkSpec(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    ElementKind Element,
    EquatableArray<int> Sizes,
    Precision Precision,
    EquatableArray<string> PlainReasons,
    string AttributeText,
    EmbeddedModel? Model = null)
{
    public string ElementName => Element == ElementKind.Float ? "float" : "double";

    public int LayerCount => Sizes.Count - 1;

    public string DisplayName => string.Join(".", ContainingTypes.Select(t => t.Name));

    /// <summary>
    /// The layer spec of layer <paramref name="layer"/> in the given role: forward, the gradients, or a training step with
    /// <paramref name="optimizer"/> fused into its backward pass. The last layer's backward passes take the targets and
    /// compute the binary cross-entropy; the first layer's compute no input gradient.
    /// </summary>
    public LayerSpec Layer(int layer, LayerKind kind, OptimizerKind optimizer = OptimizerKind.PlainSgd)
    {
        bool last = layer == LayerCount - 1;
        LossKind loss = kind != LayerKind.Forward && last ? LossKind.BinaryCrossEntropy : LossKind.None;
        ParameterRole[] roles = LayerSignature.Roles(kind, loss, optimizer);
        string[] names = roles.Take(kind == LayerKind.Forward || layer > 0 ? roles.Length : roles.Length - 1).Select(r => r.Role).ToArray();
        return new LayerSpec(
            kind,
            Namespace,
            ContainingTypes,
            "private",
            $"Layer{layer}",
            Element,
            new EquatableArray<string>(names),
            new EquatableArray<string>(names.Select(_ => string.Empty)),
            Sizes[layer],
            Sizes[layer + 1],
            Batch: 0,
            Precision,
            loss,
            Accumulate: false,
            Parallel: false,
            PackedWeights: false,
            PlainReasons[layer],
            AttributeText,
            optimizer);
    }
}
