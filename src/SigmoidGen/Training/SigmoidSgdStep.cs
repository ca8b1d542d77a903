using System;
using SigmoidGen.Training;

namespace SigmoidGen;

/// <summary>
/// The hyperparameters and step number of one <c>torch.optim.SGD</c> step (dampening 0), for a
/// <see cref="SigmoidLayerTrainStepAttribute"/> method declared with <c>Optimizer = SigmoidOptimizerKind.Sgd</c>.
/// A small value passed per call: nothing is allocated.
/// </summary>
public readonly struct SigmoidSgdStep
{
    /// <summary>Creates the step's hyperparameters; the same checks run again in the layer method (a <c>default</c> value is rejected there).</summary>
    /// <param name="learningRate">lr, finite and ≥ 0.</param>
    /// <param name="step">t, the number of this step counted from 1: the momentum buffer is set to the gradient at step 1, decayed after.</param>
    /// <param name="momentum">μ, finite and ≥ 0; 0 turns momentum off (the buffer is then neither read nor written).</param>
    /// <param name="nesterov">Nesterov momentum; needs <paramref name="momentum"/> &gt; 0.</param>
    /// <param name="weightDecay">λ, the L2 penalty added to every gradient (biases too), finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter or <paramref name="step"/> is out of range; the message names it.</exception>
    public SigmoidSgdStep(double learningRate, long step, double momentum = 0, bool nesterov = false, double weightDecay = 0)
    {
        LearningRate = learningRate;
        Step = step;
        Momentum = momentum;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        Validate(null);
    }

    /// <summary>lr.</summary>
    public double LearningRate { get; }

    /// <summary>t, counted from 1.</summary>
    public long Step { get; }

    /// <summary>μ (0: no momentum).</summary>
    public double Momentum { get; }

    /// <summary>Whether the momentum is Nesterov's.</summary>
    public bool Nesterov { get; }

    /// <summary>λ, the weight decay.</summary>
    public double WeightDecay { get; }

    /// <summary>The same checks as <see cref="SigmoidOptimizerSteps.Sgd(Span{float}, ReadOnlySpan{float}, Span{float}, double, double, bool, double, bool)"/>, naming <c>{parameterName}.{Property}</c>.</summary>
    internal void Validate(string? parameterName)
    {
        string prefix = parameterName is null ? string.Empty : parameterName + ".";
        HyperparameterGuard.LearningRate(LearningRate, prefix + (parameterName is null ? "learningRate" : nameof(LearningRate)));
        HyperparameterGuard.Step(Step, prefix + (parameterName is null ? "step" : nameof(Step)));
        HyperparameterGuard.NonNegative(Momentum, prefix + (parameterName is null ? "momentum" : nameof(Momentum)), "momentum");
        HyperparameterGuard.Nesterov(Nesterov, Momentum, prefix + (parameterName is null ? "nesterov" : nameof(Nesterov)));
        HyperparameterGuard.NonNegative(WeightDecay, prefix + (parameterName is null ? "weightDecay" : nameof(WeightDecay)), "weight decay");
    }
}
