namespace SigmoidGen.Tests.Training;

/// <summary>
/// The checks of <see cref="SigmoidOptimizerSteps"/>: every bad argument throws naming the parameter, and nothing —
/// parameters or state — has been written.
/// </summary>
public class OptimizerStepsErrorTests
{
    private readonly float[] _p = [1, 2, 3, 4, 5];
    private readonly float[] _g = [0.5f, -0.5f, 0.25f, 1, -1];
    private readonly float[] _b = [7, 7, 7, 7, 7];
    private readonly float[] _m = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f];
    private readonly float[] _v = [1, 1, 1, 1, 1];

    public static TheoryData<string, Type, string> SgdCases() => new()
    {
        { "learningRate", typeof(ArgumentOutOfRangeException), "lr" },
        { "momentum", typeof(ArgumentOutOfRangeException), "momentum" },
        { "nesterov", typeof(ArgumentOutOfRangeException), "nesterov" },
        { "weightDecay", typeof(ArgumentOutOfRangeException), "decay" },
        { "gradients", typeof(ArgumentException), "short gradients" },
        { "momentumBuffer", typeof(ArgumentException), "short buffer" },
        { "gradients", typeof(ArgumentException), "gradients are the parameters" },
        { "momentumBuffer", typeof(ArgumentException), "buffer overlaps the parameters" },
        { "momentumBuffer", typeof(ArgumentException), "buffer overlaps the gradients" },
    };

    [Theory]
    [MemberData(nameof(SgdCases))]
    public void SgdRejects(string parameter, Type exception, string what)
    {
        float[] shared = new float[10];
        Action call = what switch
        {
            "lr" => () => SigmoidOptimizerSteps.Sgd(_p, _g, _b, double.NaN, 0.9, false, 0, false),
            "momentum" => () => SigmoidOptimizerSteps.Sgd(_p, _g, _b, 0.1, -0.9, false, 0, false),
            "nesterov" => () => SigmoidOptimizerSteps.Sgd(_p, _g, _b, 0.1, 0, true, 0, false),
            "decay" => () => SigmoidOptimizerSteps.Sgd(_p, _g, _b, 0.1, 0.9, false, -1, false),
            "short gradients" => () => SigmoidOptimizerSteps.Sgd(_p, _g.AsSpan(1), _b, 0.1, 0.9, false, 0, false),
            "short buffer" => () => SigmoidOptimizerSteps.Sgd(_p, _g, _b.AsSpan(0, 4), 0.1, 0.9, false, 0, false),
            "gradients are the parameters" => () => SigmoidOptimizerSteps.Sgd(_p, _p, _b, 0.1, 0.9, false, 0, false),
            "buffer overlaps the parameters" => () => SigmoidOptimizerSteps.Sgd(shared.AsSpan(0, 5), _g, shared.AsSpan(4, 5), 0.1, 0.9, false, 0, false),
            "buffer overlaps the gradients" => () => SigmoidOptimizerSteps.Sgd(_p, shared.AsSpan(0, 5), shared.AsSpan(3, 5), 0.1, 0.9, false, 0, false),
            _ => throw new ArgumentException(what),
        };
        AssertRejected(call, parameter, exception);
        Assert.All(shared, x => Assert.Equal(0f, x));
    }

    public static TheoryData<string, Type, string> AdamCases() => new()
    {
        { "learningRate", typeof(ArgumentOutOfRangeException), "lr" },
        { "beta1", typeof(ArgumentOutOfRangeException), "beta1" },
        { "beta2", typeof(ArgumentOutOfRangeException), "beta2" },
        { "epsilon", typeof(ArgumentOutOfRangeException), "eps" },
        { "weightDecay", typeof(ArgumentOutOfRangeException), "decay" },
        { "step", typeof(ArgumentOutOfRangeException), "step 0" },
        { "gradients", typeof(ArgumentException), "long gradients" },
        { "firstMoment", typeof(ArgumentException), "short m" },
        { "secondMoment", typeof(ArgumentException), "short v" },
        { "secondMoment", typeof(ArgumentException), "v is m" },
        { "firstMoment", typeof(ArgumentException), "m overlaps the parameters" },
        { "secondMoment", typeof(ArgumentException), "v overlaps the gradients" },
    };

    [Theory]
    [MemberData(nameof(AdamCases))]
    public void AdamRejects(string parameter, Type exception, string what)
    {
        float[] shared = new float[10];
        float[] longGradients = new float[6];
        Action call = what switch
        {
            "lr" => () => SigmoidOptimizerSteps.Adam(_p, _g, _m, _v, -1, 0.9, 0.999, 1e-8, 0, false, 1),
            "beta1" => () => SigmoidOptimizerSteps.Adam(_p, _g, _m, _v, 1e-3, 1, 0.999, 1e-8, 0, false, 1),
            "beta2" => () => SigmoidOptimizerSteps.Adam(_p, _g, _m, _v, 1e-3, 0.9, -0.5, 1e-8, 0, false, 1),
            "eps" => () => SigmoidOptimizerSteps.Adam(_p, _g, _m, _v, 1e-3, 0.9, 0.999, double.PositiveInfinity, 0, false, 1),
            "decay" => () => SigmoidOptimizerSteps.Adam(_p, _g, _m, _v, 1e-3, 0.9, 0.999, 1e-8, double.NaN, true, 1),
            "step 0" => () => SigmoidOptimizerSteps.Adam(_p, _g, _m, _v, 1e-3, 0.9, 0.999, 1e-8, 0, false, 0),
            "long gradients" => () => SigmoidOptimizerSteps.Adam(_p, longGradients, _m, _v, 1e-3, 0.9, 0.999, 1e-8, 0, false, 1),
            "short m" => () => SigmoidOptimizerSteps.Adam(_p, _g, _m.AsSpan(1), _v, 1e-3, 0.9, 0.999, 1e-8, 0, false, 1),
            "short v" => () => SigmoidOptimizerSteps.Adam(_p, _g, _m, _v.AsSpan(0, 3), 1e-3, 0.9, 0.999, 1e-8, 0, false, 1),
            "v is m" => () => SigmoidOptimizerSteps.Adam(_p, _g, _m, _m, 1e-3, 0.9, 0.999, 1e-8, 0, false, 1),
            "m overlaps the parameters" => () => SigmoidOptimizerSteps.Adam(shared.AsSpan(0, 5), _g, shared.AsSpan(2, 5), _v, 1e-3, 0.9, 0.999, 1e-8, 0, false, 1),
            "v overlaps the gradients" => () => SigmoidOptimizerSteps.Adam(_p, shared.AsSpan(5, 5), _m, shared.AsSpan(1, 5), 1e-3, 0.9, 0.999, 1e-8, 0, false, 1),
            _ => throw new ArgumentException(what),
        };
        AssertRejected(call, parameter, exception);
        Assert.All(shared, x => Assert.Equal(0f, x));
    }

    [Fact]
    public void DoubleOverloadsCheckToo()
    {
        double[] p = [1, 2], g = [1, 1];
        Assert.Equal("momentumBuffer", Assert.Throws<ArgumentException>(() => SigmoidOptimizerSteps.Sgd(p, g, new double[1], 0.1, 0.9, true, 0, true)).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidOptimizerSteps.Adam(p, g, new double[2], new double[2], 0.1, 0.9, 0.999, 1e-8, 0, false, -3)).ParamName);
        Assert.Equal([1, 2], p);
    }

    /// <summary>The call throws exactly <paramref name="exception"/> naming <paramref name="parameter"/>; no span changed.</summary>
    private void AssertRejected(Action call, string parameter, Type exception)
    {
        float[][] spans = [_p, _g, _b, _m, _v];
        float[][] before = spans.Select(s => (float[])s.Clone()).ToArray();
        var error = Assert.Throws(exception, call);
        Assert.Equal(parameter, ((ArgumentException)error).ParamName);
        for (int k = 0; k < spans.Length; k++)
        {
            Assert.Equal(before[k], spans[k]);
        }
    }
}
