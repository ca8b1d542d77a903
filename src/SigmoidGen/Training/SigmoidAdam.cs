using System;
using System.ComponentModel;
using System.Numerics;
using SigmoidGen.Training;

namespace SigmoidGen;

/// <summary>
/// Adam, or AdamW with <c>decoupledWeightDecay: true</c>: <c>torch.optim.Adam</c> / <c>torch.optim.AdamW</c> with the
/// same names, defaults and numbers (amsgrad and maximize off). Pass it to a network's
/// <c>TrainStep(input, targets, optimizer)</c>.
/// </summary>
/// <remarks>
/// <para>Per parameter p with gradient ∇, at step t: <c>g = ∇ + λ·p</c> (Adam) or <c>p = p·(1 − lr·λ)</c> first
/// (AdamW); <c>m = β1·m + (1 − β1)·g</c> (computed as PyTorch's <c>lerp</c>); <c>v = β2·v + (1 − β2)·g²</c>;
/// <c>p = p − lr·(m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε)</c>, in the order of operations of PyTorch's single-tensor
/// implementation.</para>
/// <para>An instance holds m and v of one network instance, allocated (zeroed) at its first step in the network's
/// element type; using it with another network throws <see cref="InvalidOperationException"/> until
/// <see cref="Reset"/>. Not safe for concurrent use. <see cref="SigmoidOptimizerSteps.Adam(Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, double, double, double, double, double, bool, long)"/>
/// is the same step on spans whose state the caller owns.</para>
/// </remarks>
public sealed class SigmoidAdam
{
    private double _learningRate;
    private OptimizerBinding _binding;

    /// <summary>Creates the optimizer; its state is allocated at the first step.</summary>
    /// <param name="learningRate">lr, finite and ≥ 0 (PyTorch's default 1e-3).</param>
    /// <param name="beta1">β1, the decay of the first moment m, in [0, 1).</param>
    /// <param name="beta2">β2, the decay of the second moment v, in [0, 1).</param>
    /// <param name="epsilon">ε, added to the denominator, finite and ≥ 0.</param>
    /// <param name="weightDecay">λ, finite and ≥ 0; applies to every parameter, biases too, as in PyTorch.</param>
    /// <param name="decoupledWeightDecay">AdamW: decay the parameters by <c>1 − lr·λ</c> instead of adding <c>λ·p</c> to the gradient.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message names it.</exception>
    public SigmoidAdam(
        double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        double weightDecay = 0, bool decoupledWeightDecay = false)
    {
        HyperparameterGuard.LearningRate(learningRate);
        HyperparameterGuard.Beta(beta1, nameof(beta1));
        HyperparameterGuard.Beta(beta2, nameof(beta2));
        HyperparameterGuard.NonNegative(epsilon, nameof(epsilon), "epsilon");
        HyperparameterGuard.NonNegative(weightDecay, nameof(weightDecay), "weight decay");
        _learningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        DecoupledWeightDecay = decoupledWeightDecay;
    }

    /// <summary>lr; settable between steps, for learning-rate schedules.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN, infinite or negative.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            HyperparameterGuard.LearningRate(value, nameof(value));
            _learningRate = value;
        }
    }

    /// <summary>β1, the decay rate of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>β2, the decay rate of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>ε, the term added to the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>λ, the weight decay.</summary>
    public double WeightDecay { get; }

    /// <summary>Whether the weight decay is decoupled (AdamW).</summary>
    public bool DecoupledWeightDecay { get; }

    /// <summary>The number of steps taken since creation or the last <see cref="Reset"/>: t of the last step.</summary>
    public long Step { get; private set; }

    /// <summary>Clears m, v and <see cref="Step"/>, and unbinds the optimizer from its network.</summary>
    public void Reset()
    {
        _binding.Clear();
        Step = 0;
    }

    /// <summary>
    /// One step on all of <paramref name="owner"/>'s parameters. Called by generated networks; call
    /// <see cref="SigmoidOptimizerSteps"/> from your own code instead.
    /// </summary>
    /// <param name="owner">The network instance: the optimizer binds to it at its first step.</param>
    /// <param name="parameters">All its parameters, updated in place.</param>
    /// <param name="gradients">Their gradients, same length, not overlapping the parameters.</param>
    /// <exception cref="ArgumentException">The lengths differ or the spans overlap; nothing has been written.</exception>
    /// <exception cref="InvalidOperationException">The optimizer is bound to another owner or parameter count; nothing has been written.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Update(object owner, Span<float> parameters, ReadOnlySpan<float> gradients) => Update<float>(owner, parameters, gradients);

    /// <inheritdoc cref="Update(object, Span{float}, ReadOnlySpan{float})"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Update(object owner, Span<double> parameters, ReadOnlySpan<double> gradients) => Update<double>(owner, parameters, gradients);

    /// <summary>
    /// Begins one step on all of <paramref name="owner"/>'s parameters for a generated network that applies the update
    /// inside its layers' backward passes: binds to the owner (allocating m and v, zeroed, at the first step), counts the
    /// step, and returns its hyperparameters with m and v in the parameters' layout. Called by generated networks, after
    /// their data checks and before they write anything.
    /// </summary>
    /// <param name="owner">The network instance: the optimizer binds to it at its first step.</param>
    /// <param name="parameterCount">Its number of parameters.</param>
    /// <param name="firstMoment">m, element-for-element parallel to the parameters.</param>
    /// <param name="secondMoment">v, likewise.</param>
    /// <returns>The hyperparameters and the number of this step.</returns>
    /// <exception cref="InvalidOperationException">The optimizer is bound to another owner or parameter count; nothing has changed.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public SigmoidAdamStep BeginStep(object owner, int parameterCount, out Span<float> firstMoment, out Span<float> secondMoment) =>
        BeginStep<float>(owner, parameterCount, out firstMoment, out secondMoment);

    /// <inheritdoc cref="BeginStep(object, int, out Span{float}, out Span{float})"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public SigmoidAdamStep BeginStep(object owner, int parameterCount, out Span<double> firstMoment, out Span<double> secondMoment) =>
        BeginStep<double>(owner, parameterCount, out firstMoment, out secondMoment);

    private SigmoidAdamStep BeginStep<T>(object owner, int parameterCount, out Span<T> firstMoment, out Span<T> secondMoment)
    {
        ArgumentNullException.ThrowIfNull(owner);
        T[] state = _binding.Bind<T>(owner, parameterCount, 2, nameof(SigmoidAdam));
        firstMoment = state.AsSpan(0, parameterCount);
        secondMoment = state.AsSpan(parameterCount, parameterCount);
        Step++;
        return new SigmoidAdamStep(_learningRate, Step, Beta1, Beta2, Epsilon, WeightDecay, DecoupledWeightDecay);
    }

    private void Update<T>(object owner, Span<T> parameters, ReadOnlySpan<T> gradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (gradients.Length != parameters.Length)
        {
            throw new ArgumentException(
                $"'{nameof(gradients)}' must have the parameters' length, {parameters.Length}, but has {gradients.Length}.", nameof(gradients));
        }

        if (parameters.Overlaps(gradients))
        {
            throw new ArgumentException($"'{nameof(gradients)}' shares memory with the parameters; pass a separate buffer.", nameof(gradients));
        }

        // m then v, each of the parameters' length, in one buffer.
        T[] state = _binding.Bind<T>(owner, parameters.Length, 2, nameof(SigmoidAdam));
        int n = parameters.Length;
        Step++;
        SigmoidOptimizerSteps.Adam(
            parameters, gradients, state.AsSpan(0, n), state.AsSpan(n, n),
            _learningRate, Beta1, Beta2, Epsilon, WeightDecay, DecoupledWeightDecay, Step, OptimizerKernels.AnyWidth);
    }
}
