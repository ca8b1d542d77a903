using System;

namespace SigmoidGen;

/// <summary>
/// Generates one in-place optimizer step for a dense sigmoid layer, fused into the backward pass: plain SGD
/// (<c>weights -= learningRate · dW</c>, <c>bias -= learningRate · db</c>), or with <see cref="Optimizer"/>
/// <c>torch.optim.SGD</c> with momentum or <c>torch.optim.Adam</c>/<c>AdamW</c>. The gradients of
/// <see cref="SigmoidLayerBackwardAttribute"/> are never stored as a whole: each tile of them is applied as soon as it is
/// complete in registers.
/// </summary>
/// <remarks>
/// The method takes, in this order, <c>ReadOnlySpan&lt;T&gt; input</c> <c>[batch, inputs]</c>,
/// <c>Span&lt;T&gt; weights</c> <c>[outputs, inputs]</c> and <c>Span&lt;T&gt; bias</c> <c>[outputs]</c> (both updated in
/// place), <c>ReadOnlySpan&lt;T&gt; output</c> <c>[batch, outputs]</c> (what the forward pass returned),
/// <c>ReadOnlySpan&lt;T&gt; outputGradient</c> <c>[batch, outputs]</c> (or the targets, with <see cref="Loss"/>),
/// <c>T learningRate</c> and, optionally, <c>Span&lt;T&gt; inputGradient</c> <c>[batch, inputs]</c>, computed with the
/// weights as they were before the update (what the previous layer's backward pass needs). It returns <c>void</c>, or
/// <c>T</c> (the loss, computed before the update) with <see cref="Loss"/>.
/// <para>With <c>Optimizer = SigmoidOptimizerKind.Sgd</c>, <c>T learningRate</c> becomes <see cref="SigmoidSgdStep"/>
/// followed by <c>Span&lt;T&gt; momentumBuffer</c>; with <c>SigmoidOptimizerKind.Adam</c>, <see cref="SigmoidAdamStep"/>
/// followed by <c>Span&lt;T&gt; firstMoment</c> and <c>Span&lt;T&gt; secondMoment</c>. Each state span has
/// <c>outputs × inputs + outputs</c> elements: the weights' state (element <c>o*inputs + i</c> for <c>weights[o*inputs + i]</c>),
/// then the bias's (element <c>outputs*inputs + o</c> for <c>bias[o]</c>) — one slice of a network's state laid out like its
/// parameters. Adam's moments start at zero; the momentum buffer needs no initialisation (step 1 overwrites it).</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SigmoidLayerTrainStepAttribute : Attribute
{
    /// <summary>Declares a training step for a layer with <paramref name="inputs"/> inputs and <paramref name="outputs"/> outputs.</summary>
    public SigmoidLayerTrainStepAttribute(int inputs, int outputs)
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

    /// <summary>The loss computed from targets, or <see cref="SigmoidLoss.None"/> (the default) for an output gradient.</summary>
    public SigmoidLoss Loss { get; set; }

    /// <summary>The update applied: <see cref="SigmoidOptimizerKind.PlainSgd"/> (the default), <see cref="SigmoidOptimizerKind.Sgd"/> or <see cref="SigmoidOptimizerKind.Adam"/>.</summary>
    public SigmoidOptimizerKind Optimizer { get; set; }
}
