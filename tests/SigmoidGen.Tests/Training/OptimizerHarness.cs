using System.Numerics;

namespace SigmoidGen.Tests.Training;

/// <summary>
/// Runs an optimizer implementation and its double-precision reference side by side over a fixed trajectory and
/// compares them after every step.
/// </summary>
public static class OptimizerHarness
{
    /// <summary>Steps per trajectory.</summary>
    public const int Steps = 30;

    /// <summary>The relative tolerance of double implementations against the reference (issue 19).</summary>
    public const double DoubleRelativeTolerance = 1e-12;

    /// <summary>The configurations under test, by name (theory data carries the names).</summary>
    public static readonly IReadOnlyDictionary<string, object> Configurations = new Dictionary<string, object>
    {
        ["sgd"] = new SgdOptions(0.1),
        ["sgd-decay"] = new SgdOptions(0.1, WeightDecay: 0.05),
        ["momentum"] = new SgdOptions(0.05, Momentum: 0.9),
        ["momentum-decay"] = new SgdOptions(0.05, Momentum: 0.9, WeightDecay: 0.01),
        ["nesterov"] = new SgdOptions(0.05, Momentum: 0.9, Nesterov: true),
        ["nesterov-decay"] = new SgdOptions(0.05, Momentum: 0.5, Nesterov: true, WeightDecay: 0.01),
        ["adam"] = new AdamOptions(0.01),
        ["adam-decay"] = new AdamOptions(0.01, WeightDecay: 0.05),
        ["adamw"] = new AdamOptions(0.01, WeightDecay: 0.05, Decoupled: true),
        // β1 = 0.3: PyTorch's lerp takes its other form (weight 1 − β1 ≥ 0.5); a large ε against small gradients.
        ["adam-small-betas"] = new AdamOptions(0.02, Beta1: 0.3, Beta2: 0.6, Epsilon: 1e-3),
        ["adamw-beta1-zero"] = new AdamOptions(0.005, Beta1: 0, Beta2: 0.99, Epsilon: 1e-6, WeightDecay: 0.1, Decoupled: true),
    };

    /// <summary>Lengths: one element, a scalar tail only, vectors plus a tail of one, many vectors.</summary>
    public static readonly int[] Lengths = [1, 7, 33, 1000];

    /// <summary>Every configuration at every length.</summary>
    public static TheoryData<string, int> ConfigurationsAndLengths()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in Configurations.Keys)
        {
            foreach (int length in Lengths)
            {
                data.Add(name, length);
            }
        }

        return data;
    }

    /// <summary>Initial parameters in (−1, 1), representable in float (the same start for both types).</summary>
    public static double[] InitialParameters(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (double)(float)((2 * random.NextDouble()) - 1)).ToArray();
    }

    /// <summary>
    /// The gradients of each step: uniform in (−s_i, s_i) with a scale s_i = 10^U(−3, 0) fixed per parameter, so Adam
    /// sees magnitudes three decades apart; representable in float.
    /// </summary>
    public static double[][] Gradients(int length, int seed)
    {
        var random = new Random(seed + 1);
        double[] scale = Enumerable.Range(0, length).Select(_ => Math.Pow(10, -3 * random.NextDouble())).ToArray();
        return Enumerable.Range(0, Steps)
            .Select(_ => Enumerable.Range(0, length).Select(i => (double)(float)(scale[i] * ((2 * random.NextDouble()) - 1))).ToArray())
            .ToArray();
    }

    /// <summary>The reference for a configuration, with the error bound of an implementation of unit roundoff <paramref name="u"/>.</summary>
    public static ReferenceOptimizer Reference(object configuration, double[] parameters, double u) => configuration switch
    {
        SgdOptions sgd => new ReferenceSgd(parameters, sgd, u),
        AdamOptions adam => new ReferenceAdam(parameters, adam, u),
        _ => throw new ArgumentException("unknown configuration", nameof(configuration)),
    };

    /// <summary>The unit roundoff of <typeparamref name="T"/>.</summary>
    public static double UnitRoundoff<T>() => typeof(T) == typeof(float) ? Math.Pow(2, -24) : Math.Pow(2, -53);

    /// <summary>
    /// Runs <paramref name="step"/> (parameters, gradients, step number from 1) <see cref="Steps"/> times from
    /// <see cref="InitialParameters"/> and checks the parameters after every step against the reference: within the
    /// reference's error bound for float (plus the reference's own rounding, 2^-29 of it); within twice the bound for
    /// double (the reference, in double too, may err by as much) and within <see cref="DoubleRelativeTolerance"/>.
    /// Returns the parameters after the last step.
    /// </summary>
    public static T[] Check<T>(string name, int length, Action<T[], T[], long> step, int seed = 19)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        object configuration = Configurations[name];
        double[] start = InitialParameters(length, seed);
        double[][] gradients = Gradients(length, seed);
        ReferenceOptimizer reference = Reference(configuration, start, UnitRoundoff<T>());
        T[] parameters = start.Select(T.CreateChecked).ToArray();
        for (int t = 1; t <= Steps; t++)
        {
            step(parameters, gradients[t - 1].Select(T.CreateChecked).ToArray(), t);
            reference.Step(gradients[t - 1]);
            AssertClose(parameters, reference, $"{configuration}, length {length}, step {t}");
        }

        return parameters;
    }

    /// <summary>Asserts <paramref name="actual"/> is within the bounds described at <see cref="Check{T}"/>.</summary>
    public static void AssertClose<T>(T[] actual, ReferenceOptimizer reference, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool isFloat = typeof(T) == typeof(float);
        for (int i = 0; i < actual.Length; i++)
        {
            double value = double.CreateChecked(actual[i]), expected = reference.P[i];
            double error = Math.Abs(value - expected);
            double bound = isFloat ? reference.ErrorP[i] * (1 + Math.Pow(2, -29)) : 2 * reference.ErrorP[i];
            Assert.True(
                error <= bound,
                $"{what}, parameter {i}: {value:R} against {expected:R}, error {error:E3} above the bound {bound:E3}.");
            if (!isFloat)
            {
                Assert.True(
                    error <= DoubleRelativeTolerance * reference.ScaleP[i],
                    $"{what}, parameter {i}: {value:R} against {expected:R}, error {error:E3} above {DoubleRelativeTolerance} × its scale {reference.ScaleP[i]:E3}.");
            }
        }
    }
}
