using System;

namespace SigmoidGen;

/// <summary>
/// Generates the backward pass of a dense sigmoid layer for a shape fixed at compile time, from the layer's saved
/// output <c>y = σ(W·x + b)</c>:
/// <c>dz = outputGradient ⊙ y ⊙ (1 − y)</c>, <c>weightsGradient[o*I+i] = Σ_b dz[b,o]·input[b,i]</c>,
/// <c>biasGradient[o] = Σ_b dz[b,o]</c>, <c>inputGradient[b*I+i] = Σ_o dz[b,o]·weights[o*I+i]</c>.
/// </summary>
/// <remarks>
/// The method takes, in this order, <c>ReadOnlySpan&lt;T&gt; input</c> <c>[batch, inputs]</c>,
/// <c>ReadOnlySpan&lt;T&gt; weights</c> <c>[outputs, inputs]</c>, <c>ReadOnlySpan&lt;T&gt; output</c>
/// <c>[batch, outputs]</c> (what the forward pass returned), <c>ReadOnlySpan&lt;T&gt; outputGradient</c>
/// <c>[batch, outputs]</c> (or the targets, with <see cref="Loss"/>), <c>Span&lt;T&gt; weightsGradient</c>
/// <c>[outputs, inputs]</c>, <c>Span&lt;T&gt; biasGradient</c> <c>[outputs]</c> and, optionally,
/// <c>Span&lt;T&gt; inputGradient</c> <c>[batch, inputs]</c> (leave it out for a first layer). It returns <c>void</c>,
/// or <c>T</c> (the loss) with <see cref="Loss"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SigmoidLayerBackwardAttribute : Attribute
{
    /// <summary>Declares the backward pass of a layer with <paramref name="inputs"/> inputs and <paramref name="outputs"/> outputs.</summary>
    public SigmoidLayerBackwardAttribute(int inputs, int outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>Number of inputs per sample.</summary>
    public int Inputs { get; }

    /// <summary>Number of outputs per sample.</summary>
    public int Outputs { get; }

    /// <summary>Fixes the batch size at compile time when positive; 0 (the default) takes it from <c>input.Length</c>.</summary>
    public int Batch { get; set; }

    /// <summary>
    /// When true, the weight and bias gradients are added into <c>weightsGradient</c> and <c>biasGradient</c> (as
    /// PyTorch accumulates <c>.grad</c>) instead of overwriting them. <c>inputGradient</c> is always overwritten.
    /// </summary>
    public bool Accumulate { get; set; }

    /// <summary>The loss computed from targets, or <see cref="SigmoidLoss.None"/> (the default) for an output gradient.</summary>
    public SigmoidLoss Loss { get; set; }
}
