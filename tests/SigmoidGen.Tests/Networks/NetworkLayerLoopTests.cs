using SigmoidGen.Tests.Reference;

namespace SigmoidGen.Tests.Networks;

/// <summary>
/// A network whose equal hidden layers the generated class calls in a loop (<see cref="DeepDoubleNet"/>: layers 1 to 3
/// are 5 → 5) against <see cref="ReferenceNetwork"/>, written plainly in double: forward, the fused SGD step and an
/// optimizer step, so every layer's parameters are the ones the loop's stride finds.
/// </summary>
public class NetworkLayerLoopTests
{
    private static readonly int[] Sizes = [6, 5, 5, 5, 5, 2];

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void EveryRoleMatchesTheReference(int batch)
    {
        Assert.Equal(Sizes, DeepDoubleNet.Sizes.ToArray());
        Assert.Equal(DeepDoubleNet.Layer1Weights + 30, DeepDoubleNet.Layer2Weights);
        var net = new DeepDoubleNet();
        net.Initialize(seed: 8);
        for (int k = 0; k < net.Parameters.Length; k++)
        {
            net.Parameters[k] += 0.2 * Math.Cos(3 * k); // every layer's parameters differ, biases too
        }

        double[] p = net.Parameters.ToArray();
        double[] x = ReferenceLayer.Random<double>(batch * 6, 51, 2);
        double[] t = ReferenceLayer.Random<double>(batch * 2, 52, 1).Select(v => v > 0 ? 1.0 : 0.0).ToArray();
        (double loss, double[] gradients) = ReferenceNetwork.Gradients(Sizes, p, x, t);

        // Forward: the loss of the predictions is the reference's.
        var y = new double[batch * 2];
        net.Predict(x, y);
        double predicted = 0;
        for (int j = 0; j < y.Length; j++)
        {
            predicted -= (t[j] * Math.Log(y[j])) + ((1 - t[j]) * Math.Log(1 - y[j]));
        }

        Assert.Equal(loss, predicted / y.Length, 1e-13);
        Assert.Equal(loss, net.Loss(x, t), 1e-13);

        // The fused step with learning rate 1 subtracts the gradient itself.
        Assert.Equal(loss, net.TrainStep(x, t, 1.0), 1e-13);
        for (int k = 0; k < p.Length; k++)
        {
            double analytic = p[k] - net.Parameters[k];
            Assert.True(Math.Abs(analytic - gradients[k]) <= 1e-13, $"parameter {k}: fused step {analytic:R}, reference {gradients[k]:R}");
        }

        // The optimizer step computes the same gradients through the gradient kernels.
        var optimized = new DeepDoubleNet();
        p.CopyTo(optimized.Parameters);
        Assert.Equal(loss, optimized.TrainStep(x, t, new SigmoidSgd(1.0)), 1e-13);
        for (int k = 0; k < p.Length; k++)
        {
            double analytic = p[k] - optimized.Parameters[k];
            Assert.True(Math.Abs(analytic - gradients[k]) <= 1e-13, $"parameter {k}: optimizer step {analytic:R}, reference {gradients[k]:R}");
        }
    }
}
