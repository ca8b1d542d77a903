namespace SigmoidGen.Onnx.Tests.Infrastructure;

/// <summary>The test networks by name, for theories, with seeded random weights and biases.</summary>
internal static class Networks
{
    public static readonly string[] Float = ["5-3-1", "30-16-1", "7-9-4-2", "33-17-5"];

    public static readonly string[] Double = ["5-3-1", "7-9-4-2", "33-17-5"];

    public static ISigmoidNetwork<float> NewFloat(string shape, int seed = 1)
    {
        ISigmoidNetwork<float> network = shape switch
        {
            "5-3-1" => new Net5x3x1(),
            "5-4-1" => new Net5x4x1(),
            "5-1" => new Net5x1(),
            "30-16-1" => new Net30x16x1(),
            "7-9-4-2" => new Net7x9x4x2(),
            "33-17-5" => new Net33x17x5(),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
        };
        TestData.Randomize(network, seed);
        return network;
    }

    public static ISigmoidNetwork<double> NewDouble(string shape, int seed = 1)
    {
        ISigmoidNetwork<double> network = shape switch
        {
            "5-3-1" => new Net5x3x1Double(),
            "7-9-4-2" => new Net7x9x4x2Double(),
            "33-17-5" => new Net33x17x5Double(),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
        };
        TestData.Randomize(network, seed);
        return network;
    }

    /// <summary>The network computed in double precision by plain loops, from its parameters: an independent reference.</summary>
    public static double[] Reference<T>(ISigmoidNetwork<T> network, T[] input)
        where T : unmanaged
    {
        int[] sizes = network.LayerSizes.ToArray();
        T[] parameters = network.Parameters.ToArray();
        int rows = input.Length / sizes[0];
        double[] activations = input.Select(TestData.ToDouble).ToArray();
        int offset = 0;
        for (int k = 0; k + 1 < sizes.Length; k++)
        {
            int inputs = sizes[k], outputs = sizes[k + 1];
            var next = new double[rows * outputs];
            for (int b = 0; b < rows; b++)
            {
                for (int o = 0; o < outputs; o++)
                {
                    double sum = TestData.ToDouble(parameters[offset + inputs * outputs + o]);
                    for (int i = 0; i < inputs; i++)
                    {
                        sum += TestData.ToDouble(parameters[offset + o * inputs + i]) * activations[b * inputs + i];
                    }

                    next[b * outputs + o] = 1.0 / (1.0 + Math.Exp(-sum));
                }
            }

            offset += (inputs + 1) * outputs;
            activations = next;
        }

        return activations;
    }
}
