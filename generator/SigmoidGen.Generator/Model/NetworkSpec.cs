using System.Linq;

namespace SigmoidGen.Generator.Model;

/// <summary>
/// One <c>[SigmoidNetwork]</c> class: where it is, its element type and its layer sizes. Values only, so the pipeline
/// can cache it.
/// </summary>
/// <param name="ContainingTypes">The type chain down to and including the network class itself.</param>
/// <param name="Sizes">Inputs first, then each layer's outputs.</param>
/// <param name="PlainReasons">Per layer, why it is too large to specialise (empty when it is not).</param>
internal sealed record NetworkSpec(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    ElementKind Element,
    EquatableArray<int> Sizes,
    Precision Precision,
    EquatableArray<string> PlainReasons,
    string AttributeText)
{
    public string ElementName => Element == ElementKind.Float ? "float" : "double";

    public int LayerCount => Sizes.Count - 1;

    public string DisplayName => string.Join(".", ContainingTypes.Select(t => t.Name));

    /// <summary>The layer spec of layer <paramref name="layer"/> in the given role: forward, or a training step.</summary>
    public LayerSpec Layer(int layer, LayerKind kind)
    {
        bool last = layer == LayerCount - 1;
        string[] names = kind == LayerKind.Forward
            ? new[] { "input", "weights", "bias", "output" }
            : new[] { "input", "weights", "bias", "output", last ? "target" : "outputGradient", "learningRate", "inputGradient" }.Take(layer > 0 ? 7 : 6).ToArray();
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
            kind == LayerKind.TrainStep && last ? LossKind.BinaryCrossEntropy : LossKind.None,
            Accumulate: false,
            Parallel: false,
            PackedWeights: false,
            PlainReasons[layer],
            AttributeText);
    }
}
