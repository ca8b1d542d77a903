namespace SigmoidGen.Generator.Model;

/// <summary>
/// What a layer's kernels compute, and nothing about where the user declared it: the input of planning. Two layer
/// methods of equal shapes get equal plans and equal kernels.
/// </summary>
/// <param name="Kind">Forward, backward pass or training step.</param>
/// <param name="Element">Element type of every span.</param>
/// <param name="Inputs">Inputs per row.</param>
/// <param name="Outputs">Outputs per row.</param>
/// <param name="Batch">The fixed row count, or 0 when it comes from the input's length.</param>
/// <param name="Precision">Which sigmoid.</param>
/// <param name="Loss">The loss a backward pass starts from.</param>
/// <param name="Accumulate">Whether a backward pass adds to the gradients instead of overwriting them.</param>
/// <param name="Parallel">Whether a forward layer may split its calls over threads.</param>
/// <param name="PackedWeights">Whether the weights arrive as <c>SigmoidPacking.Pack</c> returns them.</param>
/// <param name="Optimizer">The update a training step applies.</param>
/// <param name="HasInputGradient">Whether a backward pass or training step also computes the input gradient.</param>
/// <param name="PlainReason">Why the layer is too large to specialise (<c>Planning.SizeLimits</c>), or empty.</param>
internal sealed record LayerShape(
    LayerKind Kind,
    ElementKind Element,
    int Inputs,
    int Outputs,
    int Batch,
    Precision Precision,
    LossKind Loss,
    bool Accumulate,
    bool Parallel,
    bool PackedWeights,
    OptimizerKind Optimizer,
    bool HasInputGradient,
    string PlainReason)
{
    /// <summary>Whether a training step applies an optimizer with state (SGD with hyperparameters, Adam) rather than plain SGD.</summary>
    public bool HasOptimizerState => Kind == LayerKind.TrainStep && Optimizer != OptimizerKind.PlainSgd;

    /// <summary>Whether the layer is too large to specialise and gets the plain loop version; <see cref="PlainReason"/> says why.</summary>
    public bool Plain => PlainReason.Length > 0;

    /// <summary>The C# keyword of the element type.</summary>
    public string ElementName => Element == ElementKind.Float ? "float" : "double";
}
