using System;
using System.Numerics;
using System.Runtime.InteropServices;
using SigmoidGen.Training;

namespace SigmoidGen;

/// <summary>
/// One optimizer step over spans whose state the caller owns: the update of <see cref="SigmoidSgd"/> and
/// <see cref="SigmoidAdam"/>, for code that keeps its own parameters and state (layers trained by hand, several
/// parameter groups). Each method equals one <c>torch.optim</c> step on one tensor (amsgrad and maximize off,
/// dampening 0), vectorised, allocation-free.
/// </summary>
/// <remarks>
/// <para><b>State layout.</b> Every state span is element-for-element parallel to the parameters: element <c>i</c> of
/// the momentum buffer, of <c>firstMoment</c> (PyTorch's <c>exp_avg</c>, m) and of <c>secondMoment</c>
/// (<c>exp_avg_sq</c>, v) belongs to parameter <c>i</c>, in the element type of the parameters. Allocate them with the
/// parameters' length. Adam's moments must be zero before step 1 (PyTorch's <c>zeros_like</c>); the momentum buffer
/// need not be initialised, since the first step (<c>firstStep: true</c>) overwrites it with the gradient.</para>
/// <para><b>Arithmetic.</b> Hyperparameter-derived constants (<c>lr / (1 − β1ᵗ)</c>, <c>√(1 − β2ᵗ)</c>, <c>1 − lr·λ</c>, …)
/// are computed in <see cref="double"/> and then rounded to the element type; the element-wise operations follow
/// PyTorch's single-tensor (non-foreach) implementation in its order, in the element type, without fused
/// multiply-adds. Every vector width and the scalar tail compute the same operations, so the result is the same, bit
/// for bit, on every CPU and at every position in the span.</para>
/// <para>Checks come first and nothing is written when one fails: hyperparameters out of range
/// (<see cref="ArgumentOutOfRangeException"/> naming the parameter), spans of the wrong length or sharing memory
/// (<see cref="ArgumentException"/> naming the span).</para>
/// </remarks>
public static class SigmoidOptimizerSteps
{
    /// <summary>
    /// One step of <c>torch.optim.SGD</c> (dampening 0): <c>g = ∇ + λ·p</c>; with momentum μ, <c>b = g</c> at the first
    /// step and <c>b = μ·b + g</c> after, then <c>g = g + μ·b</c> (Nesterov) or <c>g = b</c>; finally <c>p = p − lr·g</c>.
    /// </summary>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="gradients">∇, the gradient of the loss with respect to each parameter (same length).</param>
    /// <param name="momentumBuffer">
    /// The momentum buffer b (same length), read and written when <paramref name="momentum"/> is not 0; may be empty when
    /// it is 0.
    /// </param>
    /// <param name="learningRate">lr, finite and ≥ 0.</param>
    /// <param name="momentum">μ, finite and ≥ 0; 0 turns momentum off.</param>
    /// <param name="nesterov">Nesterov momentum (needs <paramref name="momentum"/> &gt; 0).</param>
    /// <param name="weightDecay">λ, finite and ≥ 0 (L2 penalty added to the gradient).</param>
    /// <param name="firstStep">
    /// Whether this is the first step with this momentum buffer: the buffer is then set to the gradient instead of
    /// being decayed (PyTorch creates it at its first step).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length, or two spans share memory.</exception>
    public static void Sgd(
        Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> momentumBuffer,
        double learningRate, double momentum, bool nesterov, double weightDecay, bool firstStep) =>
        Sgd(parameters, gradients, momentumBuffer, learningRate, momentum, nesterov, weightDecay, firstStep, OptimizerKernels.AnyWidth);

    /// <inheritdoc cref="Sgd(Span{float}, ReadOnlySpan{float}, Span{float}, double, double, bool, double, bool)"/>
    public static void Sgd(
        Span<double> parameters, ReadOnlySpan<double> gradients, Span<double> momentumBuffer,
        double learningRate, double momentum, bool nesterov, double weightDecay, bool firstStep) =>
        Sgd(parameters, gradients, momentumBuffer, learningRate, momentum, nesterov, weightDecay, firstStep, OptimizerKernels.AnyWidth);

    /// <summary>
    /// One step of <c>torch.optim.Adam</c> (or <c>AdamW</c> when <paramref name="decoupledWeightDecay"/>), amsgrad off:
    /// <c>g = ∇ + λ·p</c> (Adam) or <c>p = p·(1 − lr·λ)</c> first (AdamW); <c>m = lerp(m, g, 1 − β1)</c>;
    /// <c>v = β2·v + (1 − β2)·g²</c>; <c>p = p − (lr / (1 − β1ᵗ))·m / (√v / √(1 − β2ᵗ) + ε)</c>.
    /// </summary>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="gradients">∇, the gradient of the loss with respect to each parameter (same length).</param>
    /// <param name="firstMoment">m (PyTorch's <c>exp_avg</c>), same length, zero before step 1; read and written.</param>
    /// <param name="secondMoment">v (PyTorch's <c>exp_avg_sq</c>), same length, zero before step 1; read and written.</param>
    /// <param name="learningRate">lr, finite and ≥ 0.</param>
    /// <param name="beta1">β1, in [0, 1).</param>
    /// <param name="beta2">β2, in [0, 1).</param>
    /// <param name="epsilon">ε, finite and ≥ 0.</param>
    /// <param name="weightDecay">λ, finite and ≥ 0.</param>
    /// <param name="decoupledWeightDecay">AdamW's decoupled weight decay instead of Adam's L2 penalty.</param>
    /// <param name="step">t, the number of this step counted from 1 (PyTorch's <c>state['step']</c> after its increment).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter or <paramref name="step"/> is out of range.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length, or two spans share memory.</exception>
    public static void Adam(
        Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> firstMoment, Span<float> secondMoment,
        double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool decoupledWeightDecay, long step) =>
        Adam(parameters, gradients, firstMoment, secondMoment, learningRate, beta1, beta2, epsilon, weightDecay, decoupledWeightDecay, step, OptimizerKernels.AnyWidth);

    /// <inheritdoc cref="Adam(Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, double, double, double, double, double, bool, long)"/>
    public static void Adam(
        Span<double> parameters, ReadOnlySpan<double> gradients, Span<double> firstMoment, Span<double> secondMoment,
        double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool decoupledWeightDecay, long step) =>
        Adam(parameters, gradients, firstMoment, secondMoment, learningRate, beta1, beta2, epsilon, weightDecay, decoupledWeightDecay, step, OptimizerKernels.AnyWidth);

    /// <summary>The checked SGD step, with the widest vector capped at <paramref name="maxVectorBits"/> (tests force each path).</summary>
    internal static void Sgd<T>(
        Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> momentumBuffer,
        double learningRate, double momentum, bool nesterov, double weightDecay, bool firstStep, int maxVectorBits)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        HyperparameterGuard.LearningRate(learningRate);
        HyperparameterGuard.NonNegative(momentum, nameof(momentum), "momentum");
        HyperparameterGuard.Nesterov(nesterov, momentum);
        HyperparameterGuard.NonNegative(weightDecay, nameof(weightDecay), "weight decay");
        SameLength(gradients.Length, parameters.Length, nameof(gradients));
        Disjoint(parameters, gradients, nameof(gradients));
        if (momentum != 0)
        {
            SameLength(momentumBuffer.Length, parameters.Length, nameof(momentumBuffer));
            Disjoint(parameters, momentumBuffer, nameof(momentumBuffer));
            Disjoint(gradients, momentumBuffer, nameof(momentumBuffer));
        }

        var scalars = new SgdScalars<T>(learningRate, momentum, nesterov, weightDecay, firstStep);
        OptimizerKernels.Sgd(
            ref MemoryMarshal.GetReference(parameters), ref MemoryMarshal.GetReference(gradients),
            ref MemoryMarshal.GetReference(momentumBuffer), (nuint)parameters.Length, scalars, maxVectorBits);
    }

    /// <summary>The checked Adam step, with the widest vector capped at <paramref name="maxVectorBits"/> (tests force each path).</summary>
    internal static void Adam<T>(
        Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> firstMoment, Span<T> secondMoment,
        double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool decoupledWeightDecay, long step,
        int maxVectorBits)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        HyperparameterGuard.LearningRate(learningRate);
        HyperparameterGuard.Beta(beta1, nameof(beta1));
        HyperparameterGuard.Beta(beta2, nameof(beta2));
        HyperparameterGuard.NonNegative(epsilon, nameof(epsilon), "epsilon");
        HyperparameterGuard.NonNegative(weightDecay, nameof(weightDecay), "weight decay");
        HyperparameterGuard.Step(step);
        SameLength(gradients.Length, parameters.Length, nameof(gradients));
        SameLength(firstMoment.Length, parameters.Length, nameof(firstMoment));
        SameLength(secondMoment.Length, parameters.Length, nameof(secondMoment));
        Disjoint(parameters, gradients, nameof(gradients));
        Disjoint(parameters, firstMoment, nameof(firstMoment));
        Disjoint(parameters, secondMoment, nameof(secondMoment));
        Disjoint(gradients, firstMoment, nameof(firstMoment));
        Disjoint(gradients, secondMoment, nameof(secondMoment));
        Disjoint(firstMoment, secondMoment, nameof(secondMoment));

        var scalars = new AdamScalars<T>(learningRate, beta1, beta2, epsilon, weightDecay, decoupledWeightDecay, step);
        OptimizerKernels.Adam(
            ref MemoryMarshal.GetReference(parameters), ref MemoryMarshal.GetReference(gradients),
            ref MemoryMarshal.GetReference(firstMoment), ref MemoryMarshal.GetReference(secondMoment),
            (nuint)parameters.Length, scalars, maxVectorBits);
    }

    private static void SameLength(int length, int expected, string parameterName)
    {
        if (length != expected)
        {
            throw new ArgumentException(
                $"'{parameterName}' must have the parameters' length, {expected}, but has {length}.", parameterName);
        }
    }

    private static void Disjoint<T>(ReadOnlySpan<T> first, ReadOnlySpan<T> second, string parameterName)
    {
        if (first.Overlaps(second))
        {
            throw new ArgumentException(
                $"'{parameterName}' shares memory with another span of the step; pass separate buffers.", parameterName);
        }
    }
}
