namespace SigmoidGen.Tests.Training;

/// <summary>SGD hyperparameters of one test case.</summary>
public sealed record SgdOptions(double LearningRate, double Momentum = 0, bool Nesterov = false, double WeightDecay = 0)
{
    public override string ToString() => $"SGD(lr {LearningRate}, momentum {Momentum}{(Nesterov ? ", nesterov" : "")}, wd {WeightDecay})";
}

/// <summary>Adam hyperparameters of one test case.</summary>
public sealed record AdamOptions(
    double LearningRate, double Beta1 = 0.9, double Beta2 = 0.999, double Epsilon = 1e-8, double WeightDecay = 0, bool Decoupled = false)
{
    public override string ToString() =>
        $"{(Decoupled ? "AdamW" : "Adam")}(lr {LearningRate}, betas ({Beta1}, {Beta2}), eps {Epsilon}, wd {WeightDecay})";
}

/// <summary>
/// The optimizers in double precision, written from the formulas of issue 19 (not from the library's code nor PyTorch's
/// order of operations), with, for every parameter, a bound on the error an implementation in a type of unit roundoff
/// <c>u</c> may have accumulated.
/// </summary>
/// <remarks>
/// The bound is a first-order forward error analysis carried along the trajectory. Each formula propagates the errors
/// of its inputs exactly as the formula is linear in them (e.g. <c>m = β1·m + (1 − β1)·g</c> passes on
/// <c>β1·E_m + (1 − β1)·E_g</c>), and adds <c>k·u</c> times the sum of the magnitudes of its terms, k being one more
/// than the number of roundings in the formula (one per operation and per hyperparameter rounded to the type), so that
/// the bound holds whatever the association order the implementation uses. The square root, whose derivative is
/// unbounded at 0, propagates <c>min(E/√x, √E)</c>; the quotient, <c>(E_a + |a/b|·E_b) / (|b| − E_b)</c>.
/// </remarks>
public abstract class ReferenceOptimizer
{
    protected ReferenceOptimizer(double[] parameters, double unitRoundoff)
    {
        P = (double[])parameters.Clone();
        ErrorP = new double[parameters.Length];
        ScaleP = P.Select(Math.Abs).ToArray();
        U = unitRoundoff;
    }

    /// <summary>The parameters after the steps taken.</summary>
    public double[] P { get; }

    /// <summary>Bounds on |implementation − reference| of each parameter.</summary>
    public double[] ErrorP { get; }

    /// <summary>
    /// The largest magnitude each parameter has had along the trajectory, the scale of the values its computation
    /// subtracts: a parameter that crosses zero keeps the absolute error of that scale, so relative errors are measured
    /// against it.
    /// </summary>
    public double[] ScaleP { get; }

    /// <summary>Steps taken.</summary>
    public long StepCount { get; private set; }

    /// <summary>The unit roundoff u of the implementation's type (2^-24 for float, 2^-53 for double).</summary>
    protected double U { get; }

    /// <summary>
    /// Bounds on the error of the gradients the implementation receives at this step, or null when it receives the
    /// reference's gradients exactly (a layer computes its own, with rounding errors: <see cref="Step(double[], double[])"/>).
    /// </summary>
    protected double[]? GradientErrors { get; private set; }

    /// <summary>One step with these gradients.</summary>
    public void Step(double[] gradients) => Step(gradients, null);

    /// <summary>
    /// One step with these gradients, which the implementation has computed itself within <paramref name="gradientErrors"/>
    /// of them: the errors propagate through the update as the parameters' do.
    /// </summary>
    public void Step(double[] gradients, double[]? gradientErrors)
    {
        StepCount++;
        GradientErrors = gradientErrors;
        Update(gradients);
        for (int i = 0; i < P.Length; i++)
        {
            ScaleP[i] = Math.Max(ScaleP[i], Math.Abs(P[i]));
        }
    }

    /// <summary>Applies step <see cref="StepCount"/> to <see cref="P"/>.</summary>
    protected abstract void Update(double[] gradients);

    /// <summary>The error bound of the square root of <paramref name="x"/> known within <paramref name="error"/>.</summary>
    protected static double SqrtError(double x, double error) =>
        x > 0 ? Math.Min(error / Math.Sqrt(x), Math.Sqrt(error)) : Math.Sqrt(error);
}

/// <summary>torch.optim.SGD (dampening 0) from the issue's formulas.</summary>
public sealed class ReferenceSgd(double[] parameters, SgdOptions options, double unitRoundoff)
    : ReferenceOptimizer(parameters, unitRoundoff)
{
    private readonly double[] _b = new double[parameters.Length];
    private readonly double[] _errorB = new double[parameters.Length];

    protected override void Update(double[] gradients)
    {
        double lr = options.LearningRate, mu = options.Momentum, lambda = options.WeightDecay;
        for (int i = 0; i < P.Length; i++)
        {
            // g = ∇ + λ·p (the gradient itself is exact: both sides receive the same values).
            double g = gradients[i] + (lambda * P[i]);
            double errorG = (lambda * ErrorP[i]) + (3 * U * (Math.Abs(gradients[i]) + Math.Abs(lambda * P[i]))) + (GradientErrors?[i] ?? 0);

            double d = g, errorD = errorG;
            if (mu != 0)
            {
                // b = g at the first step, then b = μ·b + g.
                if (StepCount == 1)
                {
                    (_b[i], _errorB[i]) = (g, errorG);
                }
                else
                {
                    double decayed = mu * _b[i];
                    _errorB[i] = (mu * _errorB[i]) + errorG + (3 * U * (Math.Abs(decayed) + Math.Abs(g)));
                    _b[i] = decayed + g;
                }

                // g = g + μ·b (Nesterov) or g = b.
                if (options.Nesterov)
                {
                    d = g + (mu * _b[i]);
                    errorD = errorG + (mu * _errorB[i]) + (3 * U * (Math.Abs(g) + Math.Abs(mu * _b[i])));
                }
                else
                {
                    (d, errorD) = (_b[i], _errorB[i]);
                }
            }

            // p = p − lr·g.
            double next = P[i] - (lr * d);
            ErrorP[i] += (lr * errorD) + (3 * U * (Math.Abs(P[i]) + Math.Abs(lr * d)));
            P[i] = next;
        }
    }
}

/// <summary>torch.optim.Adam / AdamW (amsgrad off) from the issue's formulas.</summary>
public sealed class ReferenceAdam(double[] parameters, AdamOptions options, double unitRoundoff)
    : ReferenceOptimizer(parameters, unitRoundoff)
{
    private readonly double[] _m = new double[parameters.Length];
    private readonly double[] _v = new double[parameters.Length];
    private readonly double[] _errorM = new double[parameters.Length];
    private readonly double[] _errorV = new double[parameters.Length];

    protected override void Update(double[] gradients)
    {
        double lr = options.LearningRate, beta1 = options.Beta1, beta2 = options.Beta2, eps = options.Epsilon, lambda = options.WeightDecay;
        double bc1 = 1 - Math.Pow(beta1, StepCount), bc2 = 1 - Math.Pow(beta2, StepCount);
        for (int i = 0; i < P.Length; i++)
        {
            double g = gradients[i], errorG = GradientErrors?[i] ?? 0;
            if (lambda != 0 && !options.Decoupled)
            {
                // Adam: g = ∇ + λ·p.
                g = gradients[i] + (lambda * P[i]);
                errorG += (lambda * ErrorP[i]) + (3 * U * (Math.Abs(gradients[i]) + Math.Abs(lambda * P[i])));
            }
            else if (lambda != 0)
            {
                // AdamW: p = p·(1 − lr·λ) first.
                double factor = 1 - (lr * lambda);
                ErrorP[i] = (factor * ErrorP[i]) + (2 * U * Math.Abs(factor * P[i]));
                P[i] *= factor;
            }

            // m = β1·m + (1 − β1)·g
            double m = (beta1 * _m[i]) + ((1 - beta1) * g);
            _errorM[i] = (beta1 * _errorM[i]) + ((1 - beta1) * errorG) + (5 * U * (Math.Abs(_m[i]) + Math.Abs(g)));
            _m[i] = m;

            // v = β2·v + (1 − β2)·g²
            double square = g * g, errorSquare = (2 * Math.Abs(g) * errorG) + (errorG * errorG);
            double v = (beta2 * _v[i]) + ((1 - beta2) * square);
            _errorV[i] = (beta2 * _errorV[i]) + ((1 - beta2) * errorSquare) + (6 * U * ((beta2 * _v[i]) + ((1 - beta2) * square)));
            _v[i] = v;

            // p = p − lr·(m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε)
            double numerator = lr * (m / bc1);
            double errorNumerator = (lr / bc1 * _errorM[i]) + (3 * U * Math.Abs(numerator));
            double root = Math.Sqrt(v / bc2);
            double denominator = root + eps;
            double errorDenominator = SqrtError(v / bc2, _errorV[i] / bc2) + (5 * U * denominator);
            double update = numerator / denominator;
            double errorUpdate = errorDenominator < denominator
                ? ((errorNumerator + (Math.Abs(update) * errorDenominator)) / (denominator - errorDenominator)) + (2 * U * Math.Abs(update))
                : double.PositiveInfinity;
            ErrorP[i] += errorUpdate + (2 * U * (Math.Abs(P[i]) + Math.Abs(update)));
            P[i] -= update;
        }
    }
}
