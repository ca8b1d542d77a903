namespace SigmoidGen.Benchmarks.Layers;

/// <summary>The layers under test, one per benchmarked shape (inputs × outputs; the batch is taken at run time).</summary>
public static partial class GeneratedLayers
{
    [SigmoidLayer(inputs: 4, outputs: 8)]
    public static partial void I4xO8(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(inputs: 64, outputs: 32)]
    public static partial void I64xO32(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(inputs: 784, outputs: 128)]
    public static partial void I784xO128(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(inputs: 512, outputs: 512)]
    public static partial void I512xO512(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(inputs: 30, outputs: 1)]
    public static partial void I30xO1(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(inputs: 1, outputs: 1)]
    public static partial void I1xO1(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);
}

/// <summary>
/// The same layers with <c>PackedWeights = true</c>: the weights packed once by <see cref="SigmoidPacking"/>, for
/// inference. (4, 8) has fewer outputs than a packing unit: its packed form is the weights, its code the row-major one.
/// </summary>
public static partial class GeneratedPackedLayers
{
    [SigmoidLayer(inputs: 4, outputs: 8, PackedWeights = true)]
    public static partial void I4xO8(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(inputs: 64, outputs: 32, PackedWeights = true)]
    public static partial void I64xO32(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(inputs: 784, outputs: 128, PackedWeights = true)]
    public static partial void I784xO128(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(inputs: 512, outputs: 512, PackedWeights = true)]
    public static partial void I512xO512(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);
}

/// <summary>
/// The backward passes under test, one per benchmarked (inputs, outputs), with the input gradient:
/// dz = outputGradient ⊙ y ⊙ (1 − y), weightsGradient = dzᵀ·input, biasGradient = Σ_b dz, inputGradient = dz·weights.
/// </summary>
public static partial class GeneratedBackwardLayers
{
    [SigmoidLayerBackward(inputs: 4, outputs: 8)]
    public static partial void I4xO8(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> weightsGradient, Span<float> biasGradient, Span<float> inputGradient);

    [SigmoidLayerBackward(inputs: 64, outputs: 32)]
    public static partial void I64xO32(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> weightsGradient, Span<float> biasGradient, Span<float> inputGradient);

    [SigmoidLayerBackward(inputs: 784, outputs: 128)]
    public static partial void I784xO128(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> weightsGradient, Span<float> biasGradient, Span<float> inputGradient);

    [SigmoidLayerBackward(inputs: 512, outputs: 512)]
    public static partial void I512xO512(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> weightsGradient, Span<float> biasGradient, Span<float> inputGradient);

    [SigmoidLayerBackward(inputs: 30, outputs: 1)]
    public static partial void I30xO1(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> weightsGradient, Span<float> biasGradient, Span<float> inputGradient);

    [SigmoidLayerBackward(inputs: 1, outputs: 1)]
    public static partial void I1xO1(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> weightsGradient, Span<float> biasGradient, Span<float> inputGradient);
}

/// <summary>
/// The same forward layers with <c>Parallel = true</c>, for <see cref="ParallelForwardBenchmarks"/>: calls with enough
/// rows are split into chunks run on the thread pool.
/// </summary>
public static partial class GeneratedParallelLayers
{
    [SigmoidLayer(inputs: 64, outputs: 32, Parallel = true)]
    public static partial void I64xO32(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(inputs: 784, outputs: 128, Parallel = true)]
    public static partial void I784xO128(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

    [SigmoidLayer(inputs: 512, outputs: 512, Parallel = true)]
    public static partial void I512xO512(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);
}
