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
/// Everything the generator needs to know about one annotated method: the user's declaration and the kernel's shape,
/// values only, so that the pipeline can cache it. The members after the two parts forward to them, for the code that
/// reads a spec as one record (the network's layers, the backward emitter).
/// </summary>
/// <param name="Declaration">Where and how the user declared the method.</param>
/// <param name="Shape">What its kernels compute: the input of planning.</param>
internal sealed record LayerSpec(LayerDeclaration Declaration, LayerShape Shape)
{
    /// <summary>A spec from every value at once (a network's layers are made this way).</summary>
    public LayerSpec(
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
        : this(
            new LayerDeclaration(Namespace, ContainingTypes, MethodModifiers, MethodName, ParameterNames, ParameterModifiers, AttributeText),
            new LayerShape(
                Kind, Element, Inputs, Outputs, Batch, Precision, Loss, Accumulate, Parallel, PackedWeights, Optimizer,
                HasInputGradient: Kind != LayerKind.Forward && ParameterNames.Count == LayerSignature.Count(Kind, Optimizer).Max,
                PlainReason))
    {
    }

    public LayerKind Kind => Shape.Kind;

    public string Namespace => Declaration.Namespace;

    public EquatableArray<ContainingType> ContainingTypes => Declaration.ContainingTypes;

    public string MethodModifiers => Declaration.MethodModifiers;

    /// <summary>The method's name; settable so that a network's layers of one shape compare equal under one name.</summary>
    public string MethodName
    {
        get => Declaration.MethodName;
        init => Declaration = Declaration with { MethodName = value };
    }

    public ElementKind Element => Shape.Element;

    public EquatableArray<string> ParameterNames => Declaration.ParameterNames;

    public EquatableArray<string> ParameterModifiers => Declaration.ParameterModifiers;

    public int Inputs => Shape.Inputs;

    public int Outputs => Shape.Outputs;

    public int Batch => Shape.Batch;

    public Precision Precision => Shape.Precision;

    public LossKind Loss => Shape.Loss;

    public bool Accumulate => Shape.Accumulate;

    public bool Parallel => Shape.Parallel;

    public bool PackedWeights => Shape.PackedWeights;

    public string PlainReason => Shape.PlainReason;

    public string AttributeText => Declaration.AttributeText;

    public OptimizerKind Optimizer => Shape.Optimizer;

    /// <summary>Whether a training step applies an optimizer with state (SGD with hyperparameters, Adam) rather than plain SGD.</summary>
    public bool HasOptimizerState => Shape.HasOptimizerState;

    /// <summary>Whether the layer is too large to specialise and gets the plain loop version; <see cref="PlainReason"/> says why.</summary>
    public bool Plain => Shape.Plain;

    /// <summary>The packed layout of the weights parameter, or null when it is row-major (see <see cref="Planning.PackedLayout.Of"/>).</summary>
    public Planning.PackedLayout? Packing => Planning.PackedLayout.Of(Shape);

    /// <summary>The C# keyword of the element type.</summary>
    public string ElementName => Shape.ElementName;

    /// <summary>Whether the optional last parameter, the input gradient, is declared (backward and training step).</summary>
    public bool HasInputGradient => Shape.HasInputGradient;

    /// <summary>Name of the type chain and method, e.g. <c>Outer.Scorer.Hidden</c>.</summary>
    public string DisplayName => Declaration.DisplayName;
}
