namespace SigmoidGen.Tests.Reference;

/// <summary>A generated backward pass (gradients, 7 parameters), as a delegate.</summary>
public delegate void BackwardLayer<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> weightsGradient, Span<T> biasGradient, Span<T> inputGradient);

/// <summary>The reference backward pass in double precision, with a bound on the error of each gradient entry.</summary>
public sealed class ReferenceBackward
{
    public required double[] WeightsGradient { get; init; }
    public required double[] BiasGradient { get; init; }
    public required double[] InputGradient { get; init; }
    public required double Loss { get; init; }

    /// <summary>Bounds on the error an implementation in T may make: (terms + 4) roundings of the sum of magnitudes.</summary>
    public required double[] WeightsBound { get; init; }
    public required double[] BiasBound { get; init; }
    public required double[] InputBound { get; init; }

    /// <summary>
    /// Gradients of a sigmoid layer from its saved output <paramref name="y"/>: with <paramref name="bce"/>,
    /// <paramref name="g"/> holds targets and dz = (y − t)/(B·O); otherwise dz = g·y·(1 − y).
    /// </summary>
    public static ReferenceBackward Compute<T>(T[] x, T[] w, T[] y, T[] g, int batch, int inputs, int outputs, bool bce)
        where T : struct, IConvertible
    {
        double unit = typeof(T) == typeof(float) ? Math.Pow(2, -24) : Math.Pow(2, -53);
        double D(T v) => Convert.ToDouble(v);
        var dz = new double[batch * outputs];
        double loss = 0;
        for (int k = 0; k < dz.Length; k++)
        {
            double yk = D(y[k]), gk = D(g[k]);
            dz[k] = bce ? (yk - gk) / (batch * outputs) : gk * yk * (1 - yk);
            loss -= (gk * Math.Max(Math.Log(yk), -100)) + ((1 - gk) * Math.Max(Math.Log(1 - yk), -100));
        }

        var dW = new double[outputs * inputs];
        var bW = new double[outputs * inputs];
        var db = new double[outputs];
        var bb = new double[outputs];
        var dx = new double[batch * inputs];
        var bx = new double[batch * inputs];
        for (int o = 0; o < outputs; o++)
        {
            for (int b = 0; b < batch; b++)
            {
                double d = dz[(b * outputs) + o];
                db[o] += d;
                bb[o] += Math.Abs(d);
                for (int i = 0; i < inputs; i++)
                {
                    double term = d * D(x[(b * inputs) + i]);
                    dW[(o * inputs) + i] += term;
                    bW[(o * inputs) + i] += Math.Abs(term);
                    double back = d * D(w[(o * inputs) + i]);
                    dx[(b * inputs) + i] += back;
                    bx[(b * inputs) + i] += Math.Abs(back);
                }
            }
        }

        return new ReferenceBackward
        {
            WeightsGradient = dW,
            BiasGradient = db,
            InputGradient = dx,
            Loss = loss / (batch * outputs),
            WeightsBound = bW.Select(m => (batch + 4) * unit * m).ToArray(),
            BiasBound = bb.Select(m => (batch + 4) * unit * m).ToArray(),
            InputBound = bx.Select(m => (outputs + 4) * unit * m).ToArray(),
        };
    }

    /// <summary>
    /// Deterministic data for a backward pass: inputs, weights scaled by 1.5/√inputs, saved outputs in (0.01, 0.99) and
    /// output gradients in [-1, 1] (or 0/1 targets).
    /// </summary>
    public static (T[] X, T[] W, T[] Y, T[] G) Data<T>(int batch, int inputs, int outputs, bool targets, int seed = 1)
    {
        T[] x = ReferenceLayer.Random<T>(batch * inputs, seed, 2);
        T[] w = ReferenceLayer.Random<T>(inputs * outputs, seed + 1, 1.5 / Math.Sqrt(inputs));
        T[] y = ReferenceLayer.Random<T>(batch * outputs, seed + 2, 1)
            .Select(v => (T)Convert.ChangeType(0.5 + (0.49 * Convert.ToDouble(v)), typeof(T))).ToArray();
        T[] g = ReferenceLayer.Random<T>(batch * outputs, seed + 3, 1);
        if (targets)
        {
            g = g.Select(v => (T)Convert.ChangeType(Convert.ToDouble(v) > 0 ? 1.0 : 0.0, typeof(T))).ToArray();
        }

        return (x, w, y, g);
    }

    /// <summary>Runs <paramref name="layer"/> on <see cref="Data{T}"/> and asserts all three gradients against the reference.</summary>
    public static void AssertMatches<T>(BackwardLayer<T> layer, int batch, int inputs, int outputs, int seed = 1)
        where T : struct, IConvertible
    {
        (T[] x, T[] w, T[] y, T[] g) = Data<T>(batch, inputs, outputs, targets: false, seed);
        var dw = new T[w.Length];
        var db = new T[outputs];
        var dx = new T[x.Length];
        layer(x, w, y, g, dw, db, dx);
        ReferenceBackward expected = Compute(x, w, y, g, batch, inputs, outputs, bce: false);
        AssertClose("weightsGradient", dw, expected.WeightsGradient, expected.WeightsBound);
        AssertClose("biasGradient", db, expected.BiasGradient, expected.BiasBound);
        AssertClose("inputGradient", dx, expected.InputGradient, expected.InputBound);
    }

    /// <summary>Asserts every entry of <paramref name="actual"/> is within its bound of <paramref name="expected"/>.</summary>
    public static void AssertClose<T>(string what, T[] actual, double[] expected, double[] bounds)
        where T : struct, IConvertible
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < actual.Length; k++)
        {
            double a = Convert.ToDouble(actual[k]);
            Assert.True(Math.Abs(a - expected[k]) <= bounds[k], $"{what}[{k}] = {a:R}, expected {expected[k]:R} ± {bounds[k]:E2}");
        }
    }
}
