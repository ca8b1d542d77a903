using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Networks;

/// <summary>
/// A network's <c>TrainStep(input, target, optimizer)</c> against <see cref="ReferenceNetwork"/>: torch.optim's rules on
/// gradients computed plainly in double, step after step, with minibatches of one row, a few rows and several row blocks.
/// </summary>
public class NetworkOptimizerTests
{
    public static TheoryData<string> Optimizers => new() { "sgd", "sgd-wd", "momentum", "nesterov-wd", "adam", "adam-wd", "adamw" };

    private static readonly int[] Batches = [1, 6, 13, 300, 2];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void DoubleNetworkFollowsTheReferenceFor30Steps(string optimizer)
    {
        int[] sizes = [7, 5, 3, 2];
        var net = new SmallDoubleNet();
        net.Initialize(seed: 11);
        double[] expected = net.Parameters.ToArray();
        (Func<double[], double[], double> step, Action<double[], double[]> reference) = Make(optimizer, net);

        for (int s = 0; s < 30; s++)
        {
            int batch = Batches[s % Batches.Length];
            double[] x = ReferenceLayer.Random<double>(batch * 7, 100 + s, 2);
            double[] t = ReferenceLayer.Random<double>(batch * 2, 200 + s, 1).Select(v => v > 0 ? 1.0 : 0.0).ToArray();
            (double loss, double[] gradients) = ReferenceNetwork.Gradients(sizes, expected, x, t);

            double actualLoss = step(x, t);
            reference(expected, gradients);

            Assert.True(Math.Abs(actualLoss - loss) <= 1e-12 * Math.Abs(loss), $"step {s}: loss {actualLoss:R}, reference {loss:R}");
            for (int k = 0; k < expected.Length; k++)
            {
                double error = Math.Abs(net.Parameters[k] - expected[k]);
                Assert.True(error <= 1e-12 * Math.Max(1, Math.Abs(expected[k])), $"step {s}, parameter {k}: {net.Parameters[k]:R}, reference {expected[k]:R}");
            }
        }

        (Func<double[], double[], double> Step, Action<double[], double[]> Reference) Make(string name, SmallDoubleNet n) => name switch
        {
            "sgd" => Sgd(n, new SigmoidSgd(0.5), new ReferenceNetwork.Sgd(0.5, 0, false, 0)),
            "sgd-wd" => Sgd(n, new SigmoidSgd(0.5, weightDecay: 0.01), new ReferenceNetwork.Sgd(0.5, 0, false, 0.01)),
            "momentum" => Sgd(n, new SigmoidSgd(0.3, momentum: 0.9), new ReferenceNetwork.Sgd(0.3, 0.9, false, 0)),
            "nesterov-wd" => Sgd(n, new SigmoidSgd(0.3, momentum: 0.8, nesterov: true, weightDecay: 1e-3), new ReferenceNetwork.Sgd(0.3, 0.8, true, 1e-3)),
            "adam" => Adam(n, new SigmoidAdam(0.01), new ReferenceNetwork.Adam(0.01, 0.9, 0.999, 1e-8, 0, false)),
            "adam-wd" => Adam(n, new SigmoidAdam(0.02, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.05), new ReferenceNetwork.Adam(0.02, 0.8, 0.99, 1e-6, 0.05, false)),
            _ => Adam(n, new SigmoidAdam(0.01, weightDecay: 0.1, decoupledWeightDecay: true), new ReferenceNetwork.Adam(0.01, 0.9, 0.999, 1e-8, 0.1, true)),
        };
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void FloatNetworkFollowsTheDoubleReferenceFor25Steps(string optimizer)
    {
        // Same trajectories: the reference starts from the float network's initial parameters and sees the same data.
        int[] sizes = [33, 17, 5];
        var net = new OddFloatNet();
        net.Initialize(seed: 12);
        double[] expected = net.Parameters.ToArray().Select(v => (double)v).ToArray();
        (Func<float[], float[], float> step, Action<double[], double[]> reference, double lr) = optimizer switch
        {
            "sgd" => F(new SigmoidSgd(0.5), new ReferenceNetwork.Sgd(0.5, 0, false, 0), 0.5),
            "sgd-wd" => F(new SigmoidSgd(0.5, weightDecay: 0.01), new ReferenceNetwork.Sgd(0.5, 0, false, 0.01), 0.5),
            "momentum" => F(new SigmoidSgd(0.3, momentum: 0.9), new ReferenceNetwork.Sgd(0.3, 0.9, false, 0), 0.3),
            "nesterov-wd" => F(new SigmoidSgd(0.3, momentum: 0.8, nesterov: true, weightDecay: 1e-3), new ReferenceNetwork.Sgd(0.3, 0.8, true, 1e-3), 0.3),
            "adam" => F(new SigmoidAdam(0.01), new ReferenceNetwork.Adam(0.01, 0.9, 0.999, 1e-8, 0, false), 0.01),
            "adam-wd" => F(new SigmoidAdam(0.02, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.05), new ReferenceNetwork.Adam(0.02, 0.8, 0.99, 1e-6, 0.05, false), 0.02),
            _ => F(new SigmoidAdam(0.01, weightDecay: 0.1, decoupledWeightDecay: true), new ReferenceNetwork.Adam(0.01, 0.9, 0.999, 1e-8, 0.1, true), 0.01),
        };

        double worst = 0;
        for (int s = 0; s < 25; s++)
        {
            int batch = Batches[s % Batches.Length];
            float[] x = ReferenceLayer.Random<float>(batch * 33, 500 + s, 2);
            float[] t = ReferenceLayer.Random<float>(batch * 5, 600 + s, 1).Select(v => v > 0 ? 1f : 0f).ToArray();
            (double loss, double[] gradients) = ReferenceNetwork.Gradients(sizes, expected, x.Select(v => (double)v).ToArray(), t.Select(v => (double)v).ToArray());
            float actualLoss = step(x, t);
            reference(expected, gradients);
            Assert.True(Math.Abs(actualLoss - loss) <= 1e-5 * Math.Abs(loss), $"step {s}: loss {actualLoss:R}, reference {loss:R}");
            for (int k = 0; k < expected.Length; k++)
            {
                worst = Math.Max(worst, Math.Abs(net.Parameters[k] - expected[k]) / Math.Max(1, Math.Abs(expected[k])));
            }
        }

        // Float rounds every parameter at every step (≤ ½ ULP, 6e-8 of max(1, |p|)), so 25 steps may drift by 1.5e-6 before
        // counting the float gradients' own error; measured: 0.7e-7 to 2.7e-7 across these optimizers.
        Assert.True(worst <= 2e-6, $"worst parameter error {worst:E3} (lr {lr})");

        (Func<float[], float[], float>, Action<double[], double[]>, double) F<TOptimizer>(TOptimizer optimizer, object reference, double lr)
            where TOptimizer : class =>
            (optimizer switch
            {
                SigmoidSgd sgd => (x, t) => net.TrainStep(x, t, sgd),
                SigmoidAdam adam => (x, t) => net.TrainStep(x, t, adam),
                _ => throw new ArgumentException(null, nameof(optimizer)),
            },
            reference switch
            {
                ReferenceNetwork.Sgd sgd => sgd.Step,
                ReferenceNetwork.Adam adam => adam.Step,
                _ => throw new ArgumentException(null, nameof(reference)),
            },
            lr);
    }

    [Fact]
    public void AnOptimizerServesOneNetworkAndAFailedStepChangesNothing()
    {
        var a = new SmallDoubleNet();
        var b = new SmallDoubleNet();
        a.Initialize(seed: 1);
        b.Initialize(seed: 2);
        double[] x = ReferenceLayer.Random<double>(3 * 7, 5, 1);
        double[] t = new double[3 * 2];
        var adam = new SigmoidAdam();
        a.TrainStep(x, t, adam);
        Assert.Equal(1, adam.Step);

        double[] before = b.Parameters.ToArray();
        Assert.Throws<InvalidOperationException>(() => b.TrainStep(x, t, adam));
        Assert.True(b.Parameters.SequenceEqual(before));
        Assert.Equal(1, adam.Step);

        double[] beforeA = a.Parameters.ToArray();
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => a.TrainStep(x, new double[5], adam)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => a.TrainStep(a.Parameters.Slice(0, 7), new double[2], adam)).ParamName);
        Assert.Equal("optimizer", Assert.Throws<ArgumentNullException>(() => a.TrainStep(x, t, (SigmoidSgd)null!)).ParamName);
        Assert.True(a.Parameters.SequenceEqual(beforeA));
        Assert.Equal(1, adam.Step);

        adam.Reset();
        b.TrainStep(x, t, adam);
        Assert.Equal(1, adam.Step);
    }

    [Fact]
    public void PlainSgdOptimizerEqualsTheFusedStep()
    {
        // The optimizer path (gradients, then the update) and the fused path agree to rounding: same gradients, one
        // subtraction each.
        var fused = new SmallDoubleNet();
        var optimized = new SmallDoubleNet();
        fused.Initialize(seed: 4);
        optimized.Initialize(seed: 4);
        var sgd = new SigmoidSgd(0.7);
        for (int s = 0; s < 10; s++)
        {
            int batch = Batches[s % Batches.Length];
            double[] x = ReferenceLayer.Random<double>(batch * 7, 300 + s, 2);
            double[] t = ReferenceLayer.Random<double>(batch * 2, 400 + s, 1).Select(v => v > 0 ? 1.0 : 0.0).ToArray();
            Assert.Equal(fused.TrainStep(x, t, 0.7), optimized.TrainStep(x, t, sgd), 1e-14);
        }

        for (int k = 0; k < fused.Parameters.Length; k++)
        {
            Assert.Equal(fused.Parameters[k], optimized.Parameters[k], 1e-13);
        }
    }

    private static (Func<double[], double[], double>, Action<double[], double[]>) Sgd(SmallDoubleNet net, SigmoidSgd optimizer, ReferenceNetwork.Sgd reference) =>
        ((x, t) => net.TrainStep(x, t, optimizer), reference.Step);

    private static (Func<double[], double[], double>, Action<double[], double[]>) Adam(SmallDoubleNet net, SigmoidAdam optimizer, ReferenceNetwork.Adam reference) =>
        ((x, t) => net.TrainStep(x, t, optimizer), reference.Step);
}
