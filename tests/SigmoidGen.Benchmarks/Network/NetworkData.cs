namespace SigmoidGen.Benchmarks.Network;

/// <summary>
/// A synthetic stand-in for the Quickstart's training set: 455 samples × 30 standard-normal features (fixed seed), and
/// 0/1 targets from a fixed random linear rule plus noise (so the classes are learnable and roughly balanced).
/// </summary>
public static class NetworkData
{
    public const int Samples = 455;
    public const int Features = QuickstartNet.InputCount;
    public const int BatchSize = 32;
    public const float LearningRate = 1f; // as in samples/Quickstart
    public const int InitSeed = 42;

    /// <summary>Flops of one forward pass per sample: 2·(30·16 + 16·1).</summary>
    public const double ForwardFlopsPerSample = 2.0 * ((30 * 16) + (16 * 1));

    /// <summary>
    /// Flops of one training step per sample (multiply-adds of the matrix products only): forward 2·(30·16 + 16·1),
    /// layer 1 dW 2·16·1 and dx 2·16·1, layer 0 dW 2·30·16 (no input gradient for the first layer).
    /// </summary>
    public const double TrainFlopsPerSample = ForwardFlopsPerSample + (2.0 * 16 * 2) + (2.0 * 30 * 16);

    public static (float[] X, float[] Y) Create()
    {
        var random = new Random(2024);
        var x = new float[Samples * Features];
        var y = new float[Samples];
        var rule = new float[Features];
        for (int j = 0; j < Features; j++)
        {
            rule[j] = (float)Normal(random);
        }

        for (int s = 0; s < Samples; s++)
        {
            double score = 0;
            for (int j = 0; j < Features; j++)
            {
                float v = (float)Normal(random);
                x[s * Features + j] = v;
                score += v * rule[j];
            }

            y[s] = score + 2.0 * Normal(random) > 0 ? 1f : 0f;
        }

        return (x, y);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
