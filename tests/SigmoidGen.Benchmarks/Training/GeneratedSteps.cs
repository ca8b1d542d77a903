namespace SigmoidGen.Benchmarks.Training;

/// <summary>
/// The training steps of one generated network instance as cached delegates, so that one benchmark class measures
/// either shape through the same code (one delegate call per step, ~2 ns against steps of tens of µs or more).
/// </summary>
public sealed class GeneratedSteps
{
    public delegate Span<float> ParametersAccessor();
    public delegate float LearningRateStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate);
    public delegate float SgdStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, SigmoidSgd optimizer);
    public delegate float AdamStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, SigmoidAdam optimizer);

    private GeneratedSteps(ParametersAccessor parameters, LearningRateStep sgd, SgdStep withSgd, AdamStep withAdam)
    {
        Parameters = parameters;
        Sgd = sgd;
        WithSgd = withSgd;
        WithAdam = withAdam;
    }

    /// <summary>The network's parameters (all layers, in its layout).</summary>
    public ParametersAccessor Parameters { get; }

    /// <summary>The fused plain-SGD step <c>TrainStep(input, target, learningRate)</c>.</summary>
    public LearningRateStep Sgd { get; }

    /// <summary><c>TrainStep(input, target, SigmoidSgd)</c>.</summary>
    public SgdStep WithSgd { get; }

    /// <summary><c>TrainStep(input, target, SigmoidAdam)</c>.</summary>
    public AdamStep WithAdam { get; }

    public static GeneratedSteps Of(Net784x128 net) => new(() => net.Parameters, net.TrainStep, net.TrainStep, net.TrainStep);

    public static GeneratedSteps Of(Net512x512 net) => new(() => net.Parameters, net.TrainStep, net.TrainStep, net.TrainStep);
}
