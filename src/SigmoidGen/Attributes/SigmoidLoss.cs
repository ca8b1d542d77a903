namespace SigmoidGen;

/// <summary>The loss a backward or training-step method computes from targets.</summary>
public enum SigmoidLoss
{
    /// <summary>
    /// No loss: the fourth parameter is the gradient of the loss with respect to the layer's output, and the method
    /// returns <c>void</c>.
    /// </summary>
    None = 0,

    /// <summary>
    /// Binary cross-entropy, mean over batch × outputs (PyTorch <c>BCELoss</c>, reduction mean, logarithms clamped at
    /// -100): the fourth parameter is the targets, the method returns the loss, and the gradient at the sigmoid's input
    /// is <c>(output − target) / (batch · outputs)</c>.
    /// </summary>
    BinaryCrossEntropy = 1,
}
