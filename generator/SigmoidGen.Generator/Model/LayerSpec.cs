namespace SigmoidGen.Generator.Model;

/// <summary>Element type of every span of a layer.</summary>
internal enum ElementKind
{
    Float,
    Double,
}

/// <summary>Mirror of <c>SigmoidGen.SigmoidPrecision</c> (the generator cannot reference the runtime library).</summary>
internal enum Precision
{
    Exact = 0,
    Fast = 1,
}

/// <summary>Mirror of <c>SigmoidGen.SigmoidLoss</c>.</summary>
internal enum LossKind
{
    None = 0,
    BinaryCrossEntropy = 1,
}

/// <summary>Mirror of <c>SigmoidGen.SigmoidOptimizerKind</c>: the update a training step fuses into its backward pass.</summary>
internal enum OptimizerKind
{
    /// <summary><c>p -= learningRate·∇</c>, with a <c>T learningRate</c> parameter.</summary>
    PlainSgd = 0,

    /// <summary>torch.optim.SGD: a <c>SigmoidSgdStep</c> and a momentum buffer.</summary>
    Sgd = 1,

    /// <summary>torch.optim.Adam / AdamW: a <c>SigmoidAdamStep</c> and the two moments.</summary>
    Adam = 2,
}

/// <summary>Which attribute the method carries, and so what it computes.</summary>
internal enum LayerKind
{
    /// <summary><c>[SigmoidLayer]</c>: y = σ(W·x + b).</summary>
    Forward,

    /// <summary><c>[SigmoidLayerBackward]</c>: the gradients.</summary>
    Backward,

    /// <summary><c>[SigmoidLayerTrainStep]</c>: the backward pass fused with an SGD update of W and b.</summary>
    TrainStep,
}

/// <summary>One type around the annotated method, as it must be re-declared: <c>{Keyword} {Name}</c>.</summary>
/// <param name="Keyword">The declaration keywords, e.g. "partial class", "readonly partial record struct".</param>
/// <param name="Name">Name with its type parameter list, e.g. <c>Cache&lt;T&gt;</c>.</param>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>
/// Everything the generator needs to know about one annotated method: no symbols, no syntax, only values, so that the
/// pipeline can cache it.
/// </summary>
internal sealed record LayerSpec(
    LayerKind Kind,
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string MethodModifiers,
    string MethodName,
    ElementKind Element,
    EquatableArray<string> ParameterNames,
    EquatableArray<string> ParameterModifiers,
    int Inputs,
    int Outputs,
    int Batch,
    Precision Precision,
    LossKind Loss,
    bool Accumulate,
    bool Parallel,
    bool PackedWeights,
    string PlainReason,
    string AttributeText,
    OptimizerKind Optimizer = OptimizerKind.PlainSgd)
{
    /// <summary>Whether a training step applies an optimizer with state (SGD with hyperparameters, Adam) rather than plain SGD.</summary>
    public bool HasOptimizerState => Kind == LayerKind.TrainStep && Optimizer != OptimizerKind.PlainSgd;

    /// <summary>Whether the layer is too large to specialise and gets the plain loop version; <see cref="PlainReason"/> says why.</summary>
    public bool Plain => PlainReason.Length > 0;

    /// <summary>
    /// The packed layout of the weights parameter, or null when it is row-major: not declared <c>PackedWeights</c>, or
    /// too few outputs to pack (then the packed form is the weights unchanged).
    /// </summary>
    public Planning.PackedLayout? Packing => PackedWeights ? Planning.PackedLayout.For(Inputs, Outputs, Element == ElementKind.Float ? 4 : 8) : null;

    /// <summary>The C# keyword of the element type.</summary>
    public string ElementName => Element == ElementKind.Float ? "float" : "double";

    /// <summary>Whether the optional last parameter, the input gradient, is declared (backward and training step).</summary>
    public bool HasInputGradient => Kind != LayerKind.Forward && ParameterNames.Count == LayerSignature.Count(Kind, Optimizer).Max;

    /// <summary>Name of the type chain and method, e.g. <c>Outer.Scorer.Hidden</c>.</summary>
    public string DisplayName
    {
        get
        {
            var parts = new System.Collections.Generic.List<string>();
            foreach (ContainingType type in ContainingTypes)
            {
                parts.Add(type.Name);
            }

            parts.Add(MethodName);
            return string.Join(".", parts);
        }
    }
}
