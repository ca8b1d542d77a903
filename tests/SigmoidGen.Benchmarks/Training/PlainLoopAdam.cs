namespace SigmoidGen.Benchmarks.Training;

/// <summary>
/// Adam as a user writes it without a library: one scalar loop over the parameters, in float, with PyTorch's formulas
/// and order (<c>torch.optim.Adam</c>, single-tensor, weight decay 0, amsgrad off): <c>m = m + (g − m)·(1 − β1)</c>
/// (lerp), <c>v = β2·v + (1 − β2)·g²</c>, <c>p = p − (lr / (1 − β1ᵗ))·m / (√v / √(1 − β2ᵗ) + ε)</c>, the bias
/// corrections computed once per step in double. The baseline's separate update pass after its backward.
/// </summary>
public sealed class PlainLoopAdam
{
    private readonly float[] _m;
    private readonly float[] _v;

    /// <summary>Adam state (m, v zeroed) for <paramref name="parameterCount"/> parameters.</summary>
    public PlainLoopAdam(int parameterCount, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _m = new float[parameterCount];
        _v = new float[parameterCount];
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    public double LearningRate { get; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }

    /// <summary>t of the last step (0 before the first).</summary>
    public long Step { get; private set; }

    /// <summary>Zeroes m, v and the step count, as a new <c>torch.optim.Adam</c>.</summary>
    public void Reset()
    {
        Array.Clear(_m);
        Array.Clear(_v);
        Step = 0;
    }

    /// <summary>One Adam step of <paramref name="parameters"/> with <paramref name="gradients"/> (same length as the state).</summary>
    public void Update(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        Step++;
        float oneMinusBeta1 = (float)(1 - Beta1);
        float beta2 = (float)Beta2;
        float oneMinusBeta2 = (float)(1 - Beta2);
        float stepSize = (float)(LearningRate / (1 - Math.Pow(Beta1, Step)));
        float bias2Sqrt = (float)Math.Sqrt(1 - Math.Pow(Beta2, Step));
        float epsilon = (float)Epsilon;
        Span<float> m = _m.AsSpan(0, parameters.Length), v = _v.AsSpan(0, parameters.Length);
        gradients = gradients[..parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradients[i];
            float mi = m[i] + ((g - m[i]) * oneMinusBeta1);
            float vi = (v[i] * beta2) + (oneMinusBeta2 * g * g);
            m[i] = mi;
            v[i] = vi;
            parameters[i] -= stepSize * mi / ((MathF.Sqrt(vi) / bias2Sqrt) + epsilon);
        }
    }
}
