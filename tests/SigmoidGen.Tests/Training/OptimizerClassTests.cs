using System.Numerics;

namespace SigmoidGen.Tests.Training;

/// <summary>
/// <see cref="SigmoidSgd"/> and <see cref="SigmoidAdam"/> through the entry generated networks call,
/// <c>Update(owner, parameters, gradients)</c>: the numbers against the reference, the binding to one network instance,
/// <c>Reset</c>, schedules, and allocation.
/// </summary>
public class OptimizerClassTests
{
    public static TheoryData<string> Names() => new(OptimizerHarness.Configurations.Keys);

    /// <summary>A new optimizer object for a configuration, and its update as a step delegate.</summary>
    private static (object Optimizer, Action<T[], T[], long> Step) Create<T>(string name, object owner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (OptimizerHarness.Configurations[name])
        {
            case SgdOptions o:
            {
                var sgd = new SigmoidSgd(o.LearningRate, o.Momentum, o.Nesterov, o.WeightDecay);
                return (sgd, (p, g, t) =>
                {
                    Update(sgd, owner, p, g);
                    Assert.Equal(t, sgd.Step);
                });
            }

            case AdamOptions o:
            {
                var adam = new SigmoidAdam(o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay, o.Decoupled);
                return (adam, (p, g, t) =>
                {
                    Update(adam, owner, p, g);
                    Assert.Equal(t, adam.Step);
                });
            }

            default:
                throw new ArgumentException("unknown configuration", nameof(name));
        }
    }

    /// <summary>Calls the float or double <c>Update</c> overload of either optimizer.</summary>
    private static void Update<T>(object optimizer, object owner, T[] p, T[] g)
    {
        switch (optimizer, p, g)
        {
            case (SigmoidSgd o, float[] pf, float[] gf): o.Update(owner, pf, gf); break;
            case (SigmoidSgd o, double[] pd, double[] gd): o.Update(owner, pd, gd); break;
            case (SigmoidAdam o, float[] pf, float[] gf): o.Update(owner, pf, gf); break;
            case (SigmoidAdam o, double[] pd, double[] gd): o.Update(owner, pd, gd); break;
            default: throw new ArgumentException("unknown optimizer or element type", nameof(optimizer));
        }
    }

    private static long StepOf(object optimizer) => optimizer is SigmoidSgd s ? s.Step : ((SigmoidAdam)optimizer).Step;

    private static void Reset(object optimizer)
    {
        if (optimizer is SigmoidSgd s)
        {
            s.Reset();
        }
        else
        {
            ((SigmoidAdam)optimizer).Reset();
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void FloatUpdatesMatchTheReference(string name)
    {
        foreach (int length in OptimizerHarness.Lengths)
        {
            OptimizerHarness.Check(name, length, Create<float>(name, new object()).Step);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void DoubleUpdatesMatchTheReference(string name)
    {
        foreach (int length in OptimizerHarness.Lengths)
        {
            OptimizerHarness.Check(name, length, Create<double>(name, new object()).Step);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ResetStartsAFreshTrajectory(string name)
    {
        // Ten steps with one network, Reset, then a whole trajectory with another: the same numbers as a new optimizer.
        var (optimizer, _) = Create<double>(name, new object());
        double[] p = OptimizerHarness.InitialParameters(33, 3), g = OptimizerHarness.Gradients(33, 3)[0];
        for (int t = 0; t < 10; t++)
        {
            Update(optimizer, this, p, g);
        }

        Reset(optimizer);
        Assert.Equal(0, StepOf(optimizer));
        double[] again = OptimizerHarness.Check<double>(name, 33, (pp, gg, t) => Update(optimizer, p, pp, gg));
        double[] fresh = OptimizerHarness.Check(name, 33, Create<double>(name, new object()).Step);
        Assert.Equal(fresh, again);
    }

    [Fact]
    public void TheDefaultsArePyTorchs()
    {
        var adam = new SigmoidAdam();
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 0.0, false), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay, adam.DecoupledWeightDecay));
        var sgd = new SigmoidSgd(0.1);
        Assert.Equal((0.1, 0.0, false, 0.0), (sgd.LearningRate, sgd.Momentum, sgd.Nesterov, sgd.WeightDecay));
        Assert.Equal(0, adam.Step);
        Assert.Equal(0, sgd.Step);
        var w = new SigmoidAdam(0.02, 0.8, 0.99, 1e-6, 0.01, decoupledWeightDecay: true);
        Assert.Equal((0.02, 0.8, 0.99, 1e-6, 0.01, true), (w.LearningRate, w.Beta1, w.Beta2, w.Epsilon, w.WeightDecay, w.DecoupledWeightDecay));
    }

    [Fact]
    public void ALearningRateScheduleTakesEffectAtTheNextStep()
    {
        // Adam with lr changed every step against the span-level steps with the same rates.
        var adam = new SigmoidAdam(0.01, weightDecay: 0.1, decoupledWeightDecay: true);
        var sgd = new SigmoidSgd(0.1, momentum: 0.9);
        double[] p = OptimizerHarness.InitialParameters(20, 8), q = (double[])p.Clone();
        double[] r = (double[])p.Clone(), s = (double[])p.Clone();
        double[] m = new double[20], v = new double[20], b = new double[20];
        double[][] gradients = OptimizerHarness.Gradients(20, 8);
        object owner = new();
        for (int t = 1; t <= 12; t++)
        {
            double rate = 0.01 / t;
            adam.LearningRate = rate;
            sgd.LearningRate = 10 * rate;
            adam.Update(owner, p, gradients[t - 1]);
            sgd.Update(owner, r, gradients[t - 1]);
            SigmoidOptimizerSteps.Adam(q, gradients[t - 1], m, v, rate, 0.9, 0.999, 1e-8, 0.1, true, t);
            SigmoidOptimizerSteps.Sgd(s, gradients[t - 1], b, 10 * rate, 0.9, false, 0, firstStep: t == 1);
            Assert.Equal(q, p);
            Assert.Equal(s, r);
        }
    }

    [Fact]
    public void AnotherNetworkInstanceIsRejectedAndNothingIsWritten()
    {
        var adam = new SigmoidAdam();
        var sgd = new SigmoidSgd(0.1, momentum: 0.9);
        object first = new(), second = new();
        float[] p = [1, 2, 3], g = [1, 1, 1];
        adam.Update(first, p, g);
        sgd.Update(first, p, g);
        float[] before = (float[])p.Clone();

        var adamError = Assert.Throws<InvalidOperationException>(() => adam.Update(second, p, g));
        var sgdError = Assert.Throws<InvalidOperationException>(() => sgd.Update(second, p, g));
        Assert.Contains("Reset()", adamError.Message);
        Assert.Contains("Reset()", sgdError.Message);

        // The same owner with another parameter count or element type.
        Assert.Throws<InvalidOperationException>(() => adam.Update(first, new float[4], new float[4]));
        Assert.Throws<InvalidOperationException>(() => sgd.Update(first, new double[3], new double[3]));
        Assert.Equal(before, p);
        Assert.Equal(1, adam.Step);
        Assert.Equal(1, sgd.Step);

        // After Reset the other instance is accepted.
        adam.Reset();
        sgd.Reset();
        adam.Update(second, new double[5], new double[5]);
        sgd.Update(second, new double[5], new double[5]);
        Assert.Equal(1, adam.Step);
        Assert.Equal(1, sgd.Step);
    }

    [Fact]
    public void SgdWithoutMomentumIsBoundToo()
    {
        var sgd = new SigmoidSgd(0.1);
        sgd.Update(this, new float[2], new float[2]);
        Assert.Throws<InvalidOperationException>(() => sgd.Update(new object(), new float[2], new float[2]));
    }

    [Fact]
    public void BadSpansAreRejectedBeforeAnythingIsWritten()
    {
        foreach (object optimizer in new object[] { new SigmoidAdam(0.1), new SigmoidSgd(0.1, momentum: 0.5) })
        {
            float[] p = [1, 2, 3];
            float[] before = (float[])p.Clone();
            var error = Assert.Throws<ArgumentException>(() => Update(optimizer, this, p, new float[2]));
            Assert.Equal("gradients", error.ParamName);
            error = Assert.Throws<ArgumentException>(() => Update(optimizer, this, p, p));
            Assert.Equal("gradients", error.ParamName);
            Assert.Throws<ArgumentNullException>(() => Update<float>(optimizer, null!, p, new float[3]));
            Assert.Equal(before, p);
            Assert.Equal(0, StepOf(optimizer));

            // Nothing was bound either: another owner and length are still accepted.
            Update(optimizer, new object(), new double[4], new double[4]);
            Assert.Equal(1, StepOf(optimizer));
        }
    }

    public static TheoryData<string, Action> BadHyperparameters() => new()
    {
        { "learningRate", () => _ = new SigmoidSgd(-0.1) },
        { "learningRate", () => _ = new SigmoidSgd(double.NaN) },
        { "learningRate", () => _ = new SigmoidSgd(double.PositiveInfinity) },
        { "momentum", () => _ = new SigmoidSgd(0.1, momentum: -0.5) },
        { "momentum", () => _ = new SigmoidSgd(0.1, momentum: double.NaN) },
        { "nesterov", () => _ = new SigmoidSgd(0.1, nesterov: true) },
        { "weightDecay", () => _ = new SigmoidSgd(0.1, weightDecay: -1e-4) },
        { "weightDecay", () => _ = new SigmoidSgd(0.1, weightDecay: double.PositiveInfinity) },
        { "value", () => new SigmoidSgd(0.1).LearningRate = double.NaN },
        { "learningRate", () => _ = new SigmoidAdam(-1e-3) },
        { "learningRate", () => _ = new SigmoidAdam(double.NegativeInfinity) },
        { "beta1", () => _ = new SigmoidAdam(beta1: -0.1) },
        { "beta1", () => _ = new SigmoidAdam(beta1: 1) },
        { "beta1", () => _ = new SigmoidAdam(beta1: double.NaN) },
        { "beta2", () => _ = new SigmoidAdam(beta2: 1.5) },
        { "beta2", () => _ = new SigmoidAdam(beta2: 1) },
        { "epsilon", () => _ = new SigmoidAdam(epsilon: -1e-8) },
        { "epsilon", () => _ = new SigmoidAdam(epsilon: double.NaN) },
        { "weightDecay", () => _ = new SigmoidAdam(weightDecay: -0.01) },
        { "value", () => new SigmoidAdam().LearningRate = -1 },
    };

    [Theory]
    [MemberData(nameof(BadHyperparameters))]
    public void BadHyperparametersAreRejectedByName(string parameter, Action create)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter, error.Message);
    }

    [Fact]
    public void ABadLearningRateLeavesTheOldOne()
    {
        var adam = new SigmoidAdam(0.01);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = double.NaN);
        Assert.Equal(0.01, adam.LearningRate);
    }

    [Fact]
    public void EdgeHyperparametersAreAccepted()
    {
        // torch.optim accepts lr 0, β = 0, ε 0; so do we (and they step without NaN on non-zero gradients).
        var adam = new SigmoidAdam(0, beta1: 0, beta2: 0, epsilon: 0);
        double[] p = [1, -1];
        adam.Update(this, p, [0.5, -0.25]);
        Assert.Equal([1, -1], p);
        var sgd = new SigmoidSgd(0, momentum: 0);
        sgd.Update(this, p, [0.5, -0.25]);
        Assert.Equal([1, -1], p);
    }

    [Fact]
    public void UpdatesAllocateNothingAfterTheFirst()
    {
        var adam = new SigmoidAdam(weightDecay: 0.01);
        var sgd = new SigmoidSgd(0.1, momentum: 0.9, nesterov: true);
        float[] p = new float[1000], g = new float[1000];
        Array.Fill(g, 0.5f);
        adam.Update(this, p, g); // state allocated here
        sgd.Update(this, p, g);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 0; t < 10; t++)
        {
            adam.Update(this, p, g);
            sgd.Update(this, p, g);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
