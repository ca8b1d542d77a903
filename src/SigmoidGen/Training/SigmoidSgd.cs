using System;
using System.ComponentModel;
using SigmoidGen.Training;

namespace SigmoidGen;

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay: <c>torch.optim.SGD</c> with
/// the same names, defaults and numbers (dampening 0, maximize off). Pass it to a network's
/// <c>TrainStep(input, targets, optimizer)</c>.
/// </summary>
/// <remarks>
/// <para>Per parameter p with gradient ∇: <c>g = ∇ + λ·p</c>; with momentum μ, <c>b = g</c> at the first step and
/// <c>b = μ·b + g</c> after, then <c>g = g + μ·b</c> (Nesterov) or <c>g = b</c>; finally <c>p = p − lr·g</c>.</para>
/// <para>An instance holds the momentum buffer of one network instance, allocated at its first step in the network's
/// element type (none without momentum); using it with another network throws <see cref="InvalidOperationException"/>
/// until <see cref="Reset"/>. Not safe for concurrent use. <see cref="SigmoidOptimizerSteps.Sgd(Span{float}, ReadOnlySpan{float}, Span{float}, double, double, bool, double, bool)"/>
/// is the same step on spans whose state the caller owns.</para>
/// </remarks>
public sealed class SigmoidSgd
{
    private double _learningRate;
    private OptimizerBinding _binding;

    /// <summary>Creates the optimizer; its state is allocated at the first step.</summary>
    /// <param name="learningRate">lr, finite and ≥ 0.</param>
    /// <param name="momentum">μ, finite and ≥ 0; 0 (the default) is plain SGD.</param>
    /// <param name="nesterov">Nesterov momentum; needs <paramref name="momentum"/> &gt; 0.</param>
    /// <param name="weightDecay">λ, the L2 penalty added to every gradient (biases too), finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message names it.</exception>
    public SigmoidSgd(double learningRate, double momentum = 0, bool nesterov = false, double weightDecay = 0)
    {
        HyperparameterGuard.LearningRate(learningRate);
        HyperparameterGuard.NonNegative(momentum, nameof(momentum), "momentum");
        HyperparameterGuard.Nesterov(nesterov, momentum);
        HyperparameterGuard.NonNegative(weightDecay, nameof(weightDecay), "weight decay");
        _learningRate = learningRate;
        Momentum = momentum;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
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

    /// <summary>μ, the momentum factor (0: none).</summary>
    public double Momentum { get; }

    /// <summary>Whether the momentum is Nesterov's.</summary>
    public bool Nesterov { get; }

    /// <summary>λ, the weight decay (L2 penalty).</summary>
    public double WeightDecay { get; }

    /// <summary>The number of steps taken since creation or the last <see cref="Reset"/>.</summary>
    public long Step { get; private set; }

    /// <summary>Clears the momentum buffer and <see cref="Step"/>, and unbinds the optimizer from its network.</summary>
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
    /// inside its layers' backward passes: binds to the owner (allocating the momentum buffer at the first step), counts
    /// the step, and returns its hyperparameters with the buffer in the parameters' layout. Called by generated networks,
    /// after their data checks and before they write anything.
    /// </summary>
    /// <param name="owner">The network instance: the optimizer binds to it at its first step.</param>
    /// <param name="parameterCount">Its number of parameters.</param>
    /// <param name="momentumBuffer">
    /// The momentum buffer, element-for-element parallel to the parameters; allocated without momentum too (the layers'
    /// kernels take one of the parameters' length, and neither read nor write it then).
    /// </param>
    /// <returns>The hyperparameters and the number of this step.</returns>
    /// <exception cref="InvalidOperationException">The optimizer is bound to another owner or parameter count; nothing has changed.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public SigmoidSgdStep BeginStep(object owner, int parameterCount, out Span<float> momentumBuffer) =>
        BeginStep<float>(owner, parameterCount, out momentumBuffer);

    /// <inheritdoc cref="BeginStep(object, int, out Span{float})"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public SigmoidSgdStep BeginStep(object owner, int parameterCount, out Span<double> momentumBuffer) =>
        BeginStep<double>(owner, parameterCount, out momentumBuffer);

    private SigmoidSgdStep BeginStep<T>(object owner, int parameterCount, out Span<T> momentumBuffer)
    {
        ArgumentNullException.ThrowIfNull(owner);
        momentumBuffer = _binding.Bind<T>(owner, parameterCount, 1, nameof(SigmoidSgd)).AsSpan(0, parameterCount);
        Step++;
        return new SigmoidSgdStep(_learningRate, Step, Momentum, Nesterov, WeightDecay);
    }

    private void Update<T>(object owner, Span<T> parameters, ReadOnlySpan<T> gradients)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
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

        // One buffer even without momentum, as BeginStep binds it (unused then): both entries share the binding.
        T[] momentumBuffer = _binding.Bind<T>(owner, parameters.Length, 1, nameof(SigmoidSgd));
        Step++;
        SigmoidOptimizerSteps.Sgd(
            parameters, gradients, momentumBuffer, _learningRate, Momentum, Nesterov, WeightDecay, firstStep: Step == 1,
            OptimizerKernels.AnyWidth);
    }
}
