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
}
