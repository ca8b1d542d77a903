namespace SigmoidGen.Tests.Reference;

/// <summary>A generated forward layer, as a delegate.</summary>
public delegate void ForwardLayer<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output);

/// <summary>The independent reference: the layer computed in double precision, with an error bound for each output.</summary>
public static class ReferenceLayer
{
    /// <summary>
    /// Returns σ(bias[o] + Σ_i W[o, i]·x[b, i]) in double, and for each output a bound on the error a correct
    /// implementation in <typeparamref name="T"/> may make: a summation error of at most (inputs + 1) roundings of
    /// the sum of magnitudes (any order, fused or not), scaled by σ' ≤ 1/4, plus the sigmoid's own error.
    /// </summary>
    public static (double[] Values, double[] Bounds) Forward<T>(T[] x, T[] w, T[] b, int batch, int inputs, int outputs, double sigmoidError)
        where T : struct, IConvertible
    {
        double unit = typeof(T) == typeof(float) ? Math.Pow(2, -24) : Math.Pow(2, -53);
        var values = new double[batch * outputs];
        var bounds = new double[batch * outputs];
        for (int row = 0; row < batch; row++)
        {
            for (int o = 0; o < outputs; o++)
            {
                double z = Convert.ToDouble(b[o]);
                double magnitude = Math.Abs(z);
                for (int i = 0; i < inputs; i++)
                {
                    double term = Convert.ToDouble(w[(o * inputs) + i]) * Convert.ToDouble(x[(row * inputs) + i]);
                    z += term;
                    magnitude += Math.Abs(term);
                }

                double y = 1.0 / (1.0 + Math.Exp(-z));
                values[(row * outputs) + o] = y;
                bounds[(row * outputs) + o] = (0.25 * (inputs + 1) * unit * magnitude) + sigmoidError;
            }
        }

        return (values, bounds);
    }

    /// <summary>
    /// Runs <paramref name="layer"/> on deterministic data (inputs in [-2, 2], weights scaled by 1.5/√inputs, biases in
    /// [-1, 1]) and asserts every output is within its bound of the double-precision reference.
    /// </summary>
    public static void AssertMatches<T>(ForwardLayer<T> layer, int batch, int inputs, int outputs, double sigmoidError, int seed = 1)
        where T : struct, IConvertible
    {
        T[] x = Random<T>(batch * inputs, seed, 2);
        T[] w = Random<T>(inputs * outputs, seed + 1, 1.5 / Math.Sqrt(inputs));
        T[] b = Random<T>(outputs, seed + 2, 1);
        var y = new T[batch * outputs];
        layer(x, w, b, y);

        (double[] expected, double[] bounds) = Forward(x, w, b, batch, inputs, outputs, sigmoidError);
        for (int k = 0; k < y.Length; k++)
        {
            double actual = Convert.ToDouble(y[k]);
            Assert.True(
                Math.Abs(actual - expected[k]) <= bounds[k],
                $"output[{k}] (row {k / outputs}, output {k % outputs}) = {actual:R}, expected {expected[k]:R} ± {bounds[k]:E2}");
        }
    }

    /// <summary>Deterministic values in [-scale, scale].</summary>
    public static T[] Random<T>(int count, int seed, double scale)
    {
        var random = new Random(seed);
        var values = new T[count];
        for (int i = 0; i < count; i++)
        {
            double v = ((random.NextDouble() * 2) - 1) * scale;
            values[i] = (T)Convert.ChangeType(v, typeof(T));
        }

        return values;
    }
}
