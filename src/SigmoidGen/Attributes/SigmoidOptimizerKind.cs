namespace SigmoidGen;

/// <summary>The update a <see cref="SigmoidLayerTrainStepAttribute"/> method applies, fused into its backward pass.</summary>
public enum SigmoidOptimizerKind
{
    /// <summary>
    /// Plain gradient descent, <c>p -= learningRate · ∇</c>: the method takes a <c>T learningRate</c> after the output
    /// gradient (or targets) and no state.
    /// </summary>
    PlainSgd = 0,

    /// <summary>
    /// <c>torch.optim.SGD</c> with momentum, Nesterov momentum and weight decay: the method takes a
    /// <see cref="SigmoidSgdStep"/> after the output gradient (or targets), then <c>Span&lt;T&gt; momentumBuffer</c>.
    /// </summary>
    Sgd = 1,

    /// <summary>
    /// <c>torch.optim.Adam</c> or <c>AdamW</c>: the method takes a <see cref="SigmoidAdamStep"/> after the output
    /// gradient (or targets), then <c>Span&lt;T&gt; firstMoment</c> and <c>Span&lt;T&gt; secondMoment</c>.
    /// </summary>
    Adam = 2,
}
