using System;

namespace SigmoidGen.Training;

/// <summary>
/// The hyperparameter checks of the optimizers, torch.optim's rules with NaN and infinities rejected too. Each throws
/// <see cref="ArgumentOutOfRangeException"/> naming the parameter, before anything is written.
/// </summary>
internal static class HyperparameterGuard
{
    /// <summary>A learning rate: finite and ≥ 0.</summary>
    public static void LearningRate(double value, string parameterName = "learningRate") =>
        NonNegative(value, parameterName, "learning rate");

    /// <summary>A momentum, weight decay or epsilon: finite and ≥ 0.</summary>
    public static void NonNegative(double value, string parameterName, string what)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(
                parameterName, value, $"The {what} '{parameterName}' must be a finite number ≥ 0, but is {value}.");
        }
    }

    /// <summary>An exponential decay rate β of Adam: 0 ≤ β &lt; 1.</summary>
    public static void Beta(double value, string parameterName)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(
                parameterName, value, $"The decay rate '{parameterName}' must be in [0, 1), but is {value}.");
        }
    }

    /// <summary>Nesterov momentum needs a momentum (torch.optim.SGD: "Nesterov momentum requires a momentum").</summary>
    public static void Nesterov(bool nesterov, double momentum, string parameterName = "nesterov")
    {
        if (nesterov && !(momentum > 0))
        {
            throw new ArgumentOutOfRangeException(
                parameterName, nesterov, $"Nesterov momentum needs a momentum > 0, but momentum is {momentum}; set momentum or turn '{parameterName}' off.");
        }
    }

    /// <summary>An Adam step number: the first step is 1.</summary>
    public static void Step(long step, string parameterName = "step")
    {
        if (step < 1)
        {
            throw new ArgumentOutOfRangeException(
                parameterName, step, $"'{parameterName}' is the number of this step, counted from 1, but is {step}.");
        }
    }
}
