using System;
using System.Numerics;

namespace SigmoidGen.Training;

/// <summary>
/// The per-step constants of one SGD step, derived from the hyperparameters in <see cref="double"/> and only then cast to
/// <typeparamref name="T"/>, as PyTorch passes Python floats to its kernels as scalars of the parameter's type.
/// </summary>
internal readonly struct SgdScalars<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly T LearningRate;
    public readonly T Momentum;
    public readonly T WeightDecay;
    public readonly bool HasWeightDecay;
    public readonly bool HasMomentum;
    public readonly bool Nesterov;
    public readonly bool FirstStep;

    public SgdScalars(double learningRate, double momentum, bool nesterov, double weightDecay, bool firstStep)
    {
        LearningRate = T.CreateChecked(learningRate);
        Momentum = T.CreateChecked(momentum);
        WeightDecay = T.CreateChecked(weightDecay);
        HasWeightDecay = weightDecay != 0; // torch.optim: `if weight_decay != 0: grad = grad.add(param, alpha=weight_decay)`
        HasMomentum = momentum != 0;       // torch.optim: `if momentum != 0:` (no buffer otherwise)
        Nesterov = nesterov;
        FirstStep = firstStep;
    }
}

/// <summary>
/// The per-step constants of one Adam step (step <c>t</c>), computed as torch.optim's single-tensor Adam computes them
/// in Python floats (<see cref="double"/>), then cast to <typeparamref name="T"/>.
/// </summary>
internal readonly struct AdamScalars<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>λ, added to the gradient as <c>g + λ·p</c> (Adam, <see cref="CoupledDecay"/>).</summary>
    public readonly T WeightDecay;

    /// <summary><c>1 − lr·λ</c>, multiplying the parameter before the step (AdamW, <see cref="DecoupledDecay"/>).</summary>
    public readonly T DecayFactor;

    /// <summary>The lerp weight <c>w = 1 − β1</c> of <c>m = lerp(m, g, w)</c>.</summary>
    public readonly T LerpWeight;

    /// <summary><c>1 − w</c>, for the large-weight form of the lerp (<c>w ≥ 0.5</c>).</summary>
    public readonly T LerpComplement;

    /// <summary>Whether <c>|w| &lt; 0.5</c>: PyTorch's lerp then computes <c>m + w·(g − m)</c>, else <c>g − (g − m)·(1 − w)</c>.</summary>
    public readonly bool SmallLerpWeight;

    public readonly T Beta2;
    public readonly T OneMinusBeta2;

    /// <summary><c>lr / (1 − β1ᵗ)</c>.</summary>
    public readonly T StepSize;

    /// <summary>
    /// <c>1 / √(1 − β2ᵗ)</c>, computed in <see cref="double"/> and rounded once to <typeparamref name="T"/>: the update
    /// multiplies <c>√v</c> by it where PyTorch divides by <c>√(1 − β2ᵗ)</c> (one division fewer per element; see
    /// <see cref="OptimizerKernels.AdamValues{TL, TV, T}"/>).
    /// </summary>
    public readonly T InverseBiasCorrection2Sqrt;

    public readonly T Epsilon;
    public readonly bool CoupledDecay;
    public readonly bool DecoupledDecay;

    /// <summary>
    /// No weight decay and the small-weight lerp (β1 &gt; 0.5, every usual setting): the loops then run a copy of the
    /// update without the flag tests, the same operations.
    /// </summary>
    public readonly bool Plain;

    public AdamScalars(
        double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool decoupled, long step)
    {
        // torch.optim.Adam, _single_tensor_adam: bias_correction1 = 1 - beta1 ** step, bias_correction2 = 1 - beta2 ** step,
        // step_size = lr / bias_correction1, bias_correction2_sqrt = sqrt(bias_correction2) (here its reciprocal).
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        StepSize = T.CreateChecked(learningRate / biasCorrection1);
        InverseBiasCorrection2Sqrt = T.CreateChecked(1 / Math.Sqrt(biasCorrection2));

        T lerpWeight = T.CreateChecked(1 - beta1);
        LerpWeight = lerpWeight;
        LerpComplement = T.One - lerpWeight; // in T, as PyTorch's lerp (exact when w ≥ 0.5, the only case it is used)
        SmallLerpWeight = T.Abs(lerpWeight) < T.CreateChecked(0.5);

        Beta2 = T.CreateChecked(beta2);
        OneMinusBeta2 = T.CreateChecked(1 - beta2);
        Epsilon = T.CreateChecked(epsilon);

        WeightDecay = T.CreateChecked(weightDecay);
        DecayFactor = T.CreateChecked(1 - learningRate * weightDecay);
        CoupledDecay = weightDecay != 0 && !decoupled;
        DecoupledDecay = weightDecay != 0 && decoupled;
        Plain = SmallLerpWeight && weightDecay == 0;
    }
}
