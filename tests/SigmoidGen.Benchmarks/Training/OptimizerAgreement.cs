namespace SigmoidGen.Benchmarks.Training;

/// <summary>The checks <see cref="OptimizerStepBenchmarks"/> runs before measuring: the steps compared compute the same thing.</summary>
internal static class OptimizerAgreement
{
    /// <summary>Adam steps compared between the generated network and the TensorPrimitives baseline.</summary>
    private const int AdamSteps = 3;

    /// <summary>
    /// Throws unless (1) the first momentum step equals the fused SGD step (PyTorch's momentum buffer starts as the
    /// gradient): same loss to 1e-5 relative, same parameters to 1e-3 of the largest change; and (2) from the same
    /// parameters and fresh state, <see cref="AdamSteps"/> generated Adam steps and as many TensorPrimitives + plain-loop
    /// Adam steps give the same losses to 1e-4 relative and the same parameters to 1 % of the learning rate (an Adam
    /// step moves a parameter by about lr whatever its gradient's size). Leaves the optimizers' state dirty.
    /// </summary>
    public static void Check(
        string shape, GeneratedSteps net, SigmoidSgd momentum, SigmoidAdam adam, TensorPrimitivesLayerTrainer tensor,
        float[] initial, float[] x, float[] t, float learningRate)
    {
        // (1) Fused SGD against the first momentum step.
        initial.CopyTo(net.Parameters());
        float sgdLoss = net.Sgd(x, t, learningRate);
        float[] afterSgd = net.Parameters().ToArray();
        initial.CopyTo(net.Parameters());
        momentum.Reset();
        float momentumLoss = net.WithSgd(x, t, momentum);
        float[] afterMomentum = net.Parameters().ToArray();
        Loss(shape, "momentum vs fused SGD", sgdLoss, momentumLoss, 1e-5f);
        float largestChange = 0;
        for (int k = 0; k < initial.Length; k++)
        {
            largestChange = MathF.Max(largestChange, MathF.Abs(afterSgd[k] - initial[k]));
        }

        float sgdDifference = Parameters(shape, "momentum vs fused SGD, first step", afterSgd, afterMomentum, 1e-3f * largestChange);

        // (2) Generated Adam against TensorPrimitives + plain-loop Adam.
        initial.CopyTo(net.Parameters());
        initial.CopyTo(tensor.Parameters);
        adam.Reset();
        tensor.Adam.Reset();
        for (int step = 1; step <= AdamSteps; step++)
        {
            Loss(shape, $"Adam step {step}", net.WithAdam(x, t, adam), tensor.TrainStep(x, t), 1e-4f);
        }

        float adamDifference = Parameters(
            shape, $"after {AdamSteps} Adam steps", net.Parameters().ToArray(), tensor.Parameters.ToArray(), 0.01f * (float)adam.LearningRate);
        Console.WriteLine(
            $"// OptimizerAgreement {shape}: first momentum step vs fused SGD max |Δp| {sgdDifference:E2} (largest change {largestChange:E2}); " +
            $"generated vs TensorPrimitives Adam after {AdamSteps} steps max |Δp| {adamDifference:E2} (lr {adam.LearningRate:E0}).");
    }

    private static void Loss(string shape, string what, float generated, float other, float relative)
    {
        if (!(MathF.Abs(generated - other) <= relative * MathF.Abs(generated)))
        {
            throw new InvalidOperationException($"{shape}, {what}: losses differ, {generated} vs {other}.");
        }
    }

    /// <summary>Throws unless the parameters agree to <paramref name="tolerance"/>; returns the largest difference.</summary>
    private static float Parameters(string shape, string what, float[] first, float[] second, float tolerance)
    {
        float largest = 0;
        for (int k = 0; k < first.Length; k++)
        {
            float difference = MathF.Abs(first[k] - second[k]);
            if (!(difference <= tolerance))
            {
                throw new InvalidOperationException($"{shape}, {what}: parameter {k} differs, {first[k]} vs {second[k]} (tolerance {tolerance:E2}).");
            }

            largest = MathF.Max(largest, difference);
        }

        return largest;
    }
}
