namespace SigmoidGen.Onnx.Tests.Infrastructure;

/// <summary>One layer's parameters as doubles: weights <c>[out, in]</c> row-major and bias.</summary>
internal sealed record LayerValues(int Inputs, int Outputs, double[] Weights, double[] Bias)
{
    /// <summary>The weights transposed, <c>[in, out]</c>: what MatMul and Gemm with transB = 0 take.</summary>
    public double[] WeightsTransposed()
    {
        var result = new double[Weights.Length];
        for (int o = 0; o < Outputs; o++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                result[i * Outputs + o] = Weights[o * Inputs + i];
            }
        }

        return result;
    }

    /// <summary>Splits a network's parameters into its layers.</summary>
    public static LayerValues[] Of<T>(ISigmoidNetwork<T> network)
        where T : unmanaged
    {
        int[] sizes = network.LayerSizes.ToArray();
        double[] parameters = network.Parameters.ToArray().Select(TestData.ToDouble).ToArray();
        var layers = new LayerValues[sizes.Length - 1];
        int offset = 0;
        for (int k = 0; k < layers.Length; k++)
        {
            int inputs = sizes[k], outputs = sizes[k + 1];
            layers[k] = new LayerValues(inputs, outputs, parameters[offset..(offset + inputs * outputs)],
                parameters[(offset + inputs * outputs)..(offset + (inputs + 1) * outputs)]);
            offset += (inputs + 1) * outputs;
        }

        return layers;
    }
}
