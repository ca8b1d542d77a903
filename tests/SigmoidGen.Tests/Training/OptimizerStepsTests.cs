using System.Numerics;

namespace SigmoidGen.Tests.Training;

/// <summary>
/// <see cref="SigmoidOptimizerSteps"/> against the double-precision reference, on every vector path (the widest vector
/// capped at 512, 256, 128 bits and at none), float and double, and the paths against each other.
/// </summary>
public class OptimizerStepsTests
{
    /// <summary>Widest vector, in bits, of each path; 0 is the scalar loop alone.</summary>
    private static readonly int[] Widths = [512, 256, 128, 0];

    public static TheoryData<string, int> Cases() => OptimizerHarness.ConfigurationsAndLengths();

    [Theory]
    [MemberData(nameof(Cases))]
    public void FloatMatchesTheReferenceOnEveryPath(string name, int length) => EveryPath<float>(name, length);

    [Theory]
    [MemberData(nameof(Cases))]
    public void DoubleMatchesTheReferenceOnEveryPath(string name, int length) => EveryPath<double>(name, length);

    /// <summary>
    /// Runs the trajectory on each path against the reference, then requires every path to have produced the same
    /// parameters bit for bit: the same IEEE operations in the same order on every width.
    /// </summary>
    private static void EveryPath<T>(string name, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[]? first = null;
        foreach (int width in Widths)
        {
            T[] result = OptimizerHarness.Check<T>(name, length, StepFor<T>(OptimizerHarness.Configurations[name], length, width));
            first ??= result;
            Assert.Equal(first, result);
        }
    }

    /// <summary>The span-level step for a configuration, holding its state as a layer user would.</summary>
    internal static Action<T[], T[], long> StepFor<T>(object configuration, int length, int maxVectorBits)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (configuration)
        {
            case SgdOptions o:
            {
                T[] buffer = new T[length];
                Array.Fill(buffer, T.NaN); // never read at the first step
                return (p, g, t) => SigmoidOptimizerSteps.Sgd<T>(
                    p, g, buffer, o.LearningRate, o.Momentum, o.Nesterov, o.WeightDecay, firstStep: t == 1, maxVectorBits);
            }

            case AdamOptions o:
            {
                T[] m = new T[length], v = new T[length];
                return (p, g, t) => SigmoidOptimizerSteps.Adam<T>(
                    p, g, m, v, o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay, o.Decoupled, t, maxVectorBits);
            }

            default:
                throw new ArgumentException("unknown configuration", nameof(configuration));
        }
    }

    [Fact]
    public void ThePublicOverloadsTakeTheWidestPath()
    {
        // The public float and double entry points against the internal one with no width cap: identical.
        var sgd = (SgdOptions)OptimizerHarness.Configurations["nesterov-decay"];
        var adam = (AdamOptions)OptimizerHarness.Configurations["adamw"];
        float[] pf = OptimizerHarness.InitialParameters(33, 5).Select(x => (float)x).ToArray();
        float[] gf = OptimizerHarness.Gradients(33, 5)[0].Select(x => (float)x).ToArray();
        double[] pd = OptimizerHarness.InitialParameters(33, 5), gd = OptimizerHarness.Gradients(33, 5)[0];

        float[] a = (float[])pf.Clone(), b = (float[])pf.Clone();
        SigmoidOptimizerSteps.Sgd(a, gf, new float[33], sgd.LearningRate, sgd.Momentum, sgd.Nesterov, sgd.WeightDecay, firstStep: true);
        SigmoidOptimizerSteps.Sgd<float>(b, gf, new float[33], sgd.LearningRate, sgd.Momentum, sgd.Nesterov, sgd.WeightDecay, true, int.MaxValue);
        Assert.Equal(b, a);

        double[] c = (double[])pd.Clone(), d = (double[])pd.Clone();
        SigmoidOptimizerSteps.Adam(c, gd, new double[33], new double[33], adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay, adam.Decoupled, 1);
        SigmoidOptimizerSteps.Adam<double>(d, gd, new double[33], new double[33], adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay, adam.Decoupled, 1, int.MaxValue);
        Assert.Equal(d, c);
        Assert.NotEqual(pd, c);
    }

    [Fact]
    public void SgdWithoutMomentumNeedsNoBuffer()
    {
        double[] p = [1, 2, 3], g = [0.5, -1, 2];
        SigmoidOptimizerSteps.Sgd(p, g, Span<double>.Empty, learningRate: 0.5, momentum: 0, nesterov: false, weightDecay: 0, firstStep: true);
        Assert.Equal([0.75, 2.5, 2], p); // p − 0.5·g, exact in binary
    }

    [Fact]
    public void AdamFirstStepMovesEachParameterByTheLearningRate()
    {
        // Hand-checked: at t = 1, m̂ = g and v̂ = g², so with ε = 0 every parameter moves by exactly lr·sign(g)
        // (up to the rounding of the bias corrections).
        double[] p = [1, -2, 0.25], g = [3, -0.001, 1e-6];
        SigmoidOptimizerSteps.Adam(p, g, new double[3], new double[3], learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 0, weightDecay: 0, decoupledWeightDecay: false, step: 1);
        Assert.Equal(0.9, p[0], 1e-14);
        Assert.Equal(-1.9, p[1], 1e-14);
        Assert.Equal(0.15, p[2], 1e-14);
    }

    [Fact]
    public void AStepAllocatesNothing()
    {
        float[] p = new float[1000], g = new float[1000], m = new float[1000], v = new float[1000];
        Array.Fill(g, 0.25f);
        SigmoidOptimizerSteps.Adam(p, g, m, v, 1e-3, 0.9, 0.999, 1e-8, 0.01, true, 1); // JIT first
        SigmoidOptimizerSteps.Sgd(p, g, m, 0.1, 0.9, true, 0.01, false);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 2; t < 10; t++)
        {
            SigmoidOptimizerSteps.Adam(p, g, m, v, 1e-3, 0.9, 0.999, 1e-8, 0.01, true, t);
            SigmoidOptimizerSteps.Sgd(p, g, m, 0.1, 0.9, true, 0.01, false);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
