using System;
using SigmoidGen.Training;

namespace SigmoidGen;

/// <summary>
/// The hyperparameters and step number of one <c>torch.optim.Adam</c> (or <c>AdamW</c>) step, amsgrad off, for a
/// <see cref="SigmoidLayerTrainStepAttribute"/> method declared with <c>Optimizer = SigmoidOptimizerKind.Adam</c>.
/// A small value passed per call: nothing is allocated. Defaults are PyTorch's.
/// </summary>
public readonly struct SigmoidAdamStep
{
    /// <summary>Creates the step's hyperparameters; the same checks run again in the layer method (a <c>default</c> value is rejected there).</summary>
    /// <param name="learningRate">lr, finite and ≥ 0.</param>
    /// <param name="step">t, the number of this step counted from 1 (PyTorch's <c>state['step']</c> after its increment).</param>
    /// <param name="beta1">β1, in [0, 1).</param>
    /// <param name="beta2">β2, in [0, 1).</param>
    /// <param name="epsilon">ε, finite and ≥ 0.</param>
    /// <param name="weightDecay">λ, finite and ≥ 0; applies to the bias too, as in a PyTorch parameter group.</param>
    /// <param name="decoupledWeightDecay">AdamW: <c>p = p·(1 − lr·λ)</c> first, instead of <c>g = ∇ + λ·p</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter or <paramref name="step"/> is out of range; the message names it.</exception>
    public SigmoidAdamStep(
        double learningRate, long step, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        double weightDecay = 0, bool decoupledWeightDecay = false)
    {
        LearningRate = learningRate;
        Step = step;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        DecoupledWeightDecay = decoupledWeightDecay;
        Validate(null);
    }

    /// <summary>lr.</summary>
    public double LearningRate { get; }

    /// <summary>t, counted from 1.</summary>
    public long Step { get; }

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

    /// <summary>The same checks as <see cref="SigmoidOptimizerSteps.Adam(Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, double, double, double, double, double, bool, long)"/>, naming <c>{parameterName}.{Property}</c>.</summary>
    internal void Validate(string? parameterName)
    {
        string prefix = parameterName is null ? string.Empty : parameterName + ".";
        HyperparameterGuard.LearningRate(LearningRate, prefix + (parameterName is null ? "learningRate" : nameof(LearningRate)));
        HyperparameterGuard.Step(Step, prefix + (parameterName is null ? "step" : nameof(Step)));
        HyperparameterGuard.Beta(Beta1, prefix + (parameterName is null ? "beta1" : nameof(Beta1)));
        HyperparameterGuard.Beta(Beta2, prefix + (parameterName is null ? "beta2" : nameof(Beta2)));
        HyperparameterGuard.NonNegative(Epsilon, prefix + (parameterName is null ? "epsilon" : nameof(Epsilon)), "epsilon");
        HyperparameterGuard.NonNegative(WeightDecay, prefix + (parameterName is null ? "weightDecay" : nameof(WeightDecay)), "weight decay");
    }
}
