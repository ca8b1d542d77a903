using System;

namespace SigmoidGen;

/// <summary>
/// Generates, on a partial class, a whole network of dense sigmoid layers with the given sizes, e.g.
/// <c>[SigmoidNetwork(30, 16, 1)]</c>: 30 inputs, a hidden layer of 16, one output. The class implements
/// <see cref="ISigmoidNetwork{T}"/>. Generated members: the parameter layout (<c>ParameterCount</c>,
/// <c>LayerNWeights</c>/<c>LayerNBias</c> offsets into one contiguous buffer, each layer's weights <c>[out, in]</c>
/// row-major then its bias), <c>Sizes</c>, <c>LayerSizes</c>, <c>Parameters</c>, <c>Initialize(seed)</c>
/// (Xavier/Glorot uniform), <c>Predict</c>, <c>PredictClasses</c>, <c>TrainStep</c> (forward, binary cross-entropy,
/// backward, then plain SGD fused into the backward pass, or a <see cref="SigmoidSgd"/> or <see cref="SigmoidAdam"/>
/// optimizer), <c>Loss</c>, <c>Accuracy</c>, <c>ClassAccuracy</c>, <c>Save</c>/<c>Load</c> (SGNN format) and
/// <c>SaveSafetensors</c>/<c>LoadSafetensors</c> (PyTorch's safetensors format). Private members start with <c>_sg</c>.
/// With <see cref="Model"/>, a trained safetensors model is compiled into the class: its weights are embedded in the
/// assembly, a new instance predicts with them, and <c>Reset()</c> is generated too (README, "Compile a trained model").
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SigmoidNetworkAttribute : Attribute
{
    /// <summary>Declares a network by its layer sizes: the inputs, then each layer's outputs (at least two sizes).</summary>
    public SigmoidNetworkAttribute(params int[] sizes)
    {
        Sizes = sizes;
    }

    /// <summary>The layer sizes: inputs first, then each layer's outputs.</summary>
    public int[] Sizes { get; }

    /// <summary>The element type, <see cref="float"/> (the default) or <see cref="double"/>.</summary>
    public Type? ElementType { get; set; }

    /// <summary>How the sigmoid is computed; <see cref="SigmoidPrecision.Exact"/> by default.</summary>
    public SigmoidPrecision Precision { get; set; }

    /// <summary>
    /// A trained model to compile into the class: the path of a safetensors file listed as an MSBuild
    /// <c>&lt;AdditionalFiles Include="models/cancer.safetensors" /&gt;</c> item, matched against the items' paths by its
    /// trailing path segments (<c>"cancer.safetensors"</c> or <c>"models/cancer.safetensors"</c>; <c>/</c> or <c>\</c>,
    /// case-insensitive). The layer sizes come from the file's tensors (sizes given as well must match them); the
    /// weights are embedded as read-only data, converted to the element type as <c>LoadSafetensors</c> converts them.
    /// Tensor names: <c>nn.Sequential</c>'s state dict (<c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, …) by default,
    /// see <see cref="ModelPrefix"/> and <see cref="ModelLayers"/>. At most 4 MiB of embedded weights (1 Mi floats).
    /// </summary>
    public string? Model { get; set; }

    /// <summary>
    /// For <see cref="Model"/>: put before every <c>nn.Sequential</c> tensor name, e.g. <c>"model."</c> for
    /// <c>model.0.weight</c> (as <see cref="SafetensorsLayout.Sequential(string)"/>).
    /// </summary>
    public string? ModelPrefix { get; set; }

    /// <summary>
    /// For <see cref="Model"/>: one name per layer, e.g. <c>new[] { "fc1", "fc2" }</c> for the tensors <c>fc1.weight</c>,
    /// <c>fc1.bias</c>, <c>fc2.weight</c>, … (as <see cref="SafetensorsLayout.Named(string[])"/>).
    /// </summary>
    public string[]? ModelLayers { get; set; }
}
