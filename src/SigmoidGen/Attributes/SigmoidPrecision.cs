namespace SigmoidGen;

/// <summary>How a generated layer computes σ(x) = 1 / (1 + e^-x).</summary>
public enum SigmoidPrecision
{
    /// <summary>
    /// At most 2 ULP from the exact value for every float whose result is a normal float (within 4 ULP of
    /// <c>1.0 / (1.0 + Math.Exp(-x))</c> in double). The default.
    /// </summary>
    Exact = 0,

    /// <summary>Absolute error at most 5e-6, for at least 1.5x the throughput of <see cref="Exact"/>.</summary>
    Fast = 1,
}
