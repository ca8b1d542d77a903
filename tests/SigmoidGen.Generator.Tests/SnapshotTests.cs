using Microsoft.CodeAnalysis;
using SigmoidGen.Generator.Tests.Infrastructure;

namespace SigmoidGen.Generator.Tests;

/// <summary>The generated files for representative declarations, compared with committed snapshots.</summary>
public class SnapshotTests
{
    [Fact]
    public void FloatLayerWithRuntimeBatch() => VerifyGenerated("""
        using System;
        using SigmoidGen;

        namespace MyApp;

        public static partial class Scorer
        {
            [SigmoidLayer(inputs: 30, outputs: 16)]
            public static partial void Hidden(ReadOnlySpan<float> input, ReadOnlySpan<float> weights,
                                              ReadOnlySpan<float> bias, Span<float> output);
        }
        """, nameof(FloatLayerWithRuntimeBatch));

    [Fact]
    public void DoubleFastFixedBatchInstanceMethodInNestedStructWithoutNamespace() => VerifyGenerated("""
        using System;
        using SigmoidGen;

        public partial class Outer
        {
            internal partial struct Net
            {
                [SigmoidLayer(3, 5, Batch = 4, Precision = SigmoidPrecision.Fast)]
                internal partial void Layer(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y);
            }
        }
        """, nameof(DoubleFastFixedBatchInstanceMethodInNestedStructWithoutNamespace));

    [Fact]
    public void GenericRecordWithKeywordParameterNames() => VerifyGenerated("""
        using System;
        using SigmoidGen;

        namespace Models.Tiny;

        public partial record Model<TLabel>
        {
            [SigmoidLayer(1, 1)]
            private partial void Score(ReadOnlySpan<float> @in, ReadOnlySpan<float> @params, ReadOnlySpan<float> @base, Span<float> @out);
        }
        """, nameof(GenericRecordWithKeywordParameterNames));

    [Fact]
    public void ParallelFloatLayer() => VerifyGenerated("""
        using System;
        using SigmoidGen;

        namespace MyApp;

        public static partial class Encoder
        {
            [SigmoidLayer(inputs: 64, outputs: 32, Parallel = true)]
            public static partial void Hidden(ReadOnlySpan<float> input, ReadOnlySpan<float> weights,
                                              ReadOnlySpan<float> bias, Span<float> output);
        }
        """, nameof(ParallelFloatLayer));

    [Fact]
    public void ParallelWithAFixedBatchTooSmallToSplitGetsNoParallelCode() => VerifyGenerated("""
        using System;
        using SigmoidGen;

        public static partial class Tiny
        {
            [SigmoidLayer(3, 5, Batch = 4, Parallel = true)]
            public static partial void Layer(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y);
        }
        """, nameof(ParallelWithAFixedBatchTooSmallToSplitGetsNoParallelCode));

    [Fact]
    public void ShapeTooLargeGetsThePlainLoopVersion() => VerifyGenerated("""
        using System;
        using SigmoidGen;

        public static partial class Huge
        {
            [SigmoidLayer(5000, 4000)]
            public static partial void Layer(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);
        }
        """, nameof(ShapeTooLargeGetsThePlainLoopVersion), expectInfo: "SGEN013");

    [Fact]
    public void SmallFixedBatchOfAWideLayerTakesXAsThePanel() => VerifyGenerated("""
        using System;
        using SigmoidGen;

        namespace MyApp;

        public static partial class Encoder
        {
            [SigmoidLayer(inputs: 64, outputs: 128, Batch = 32)]
            public static partial void Encode(ReadOnlySpan<float> input, ReadOnlySpan<float> weights,
                                              ReadOnlySpan<float> bias, Span<float> output);
        }
        """, nameof(SmallFixedBatchOfAWideLayerTakesXAsThePanel));

    [Fact]
    public void PackedWeightsLayer() => VerifyGenerated("""
        using System;
        using SigmoidGen;

        namespace MyApp;

        public static partial class Scorer
        {
            // 40 outputs: two units of 16 and an overlapping last one; on Vector512 one pair of units, then the last
            // unit through the Vector256 panel.
            [SigmoidLayer(inputs: 24, outputs: 40, PackedWeights = true)]
            public static partial void Hidden(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, Span<float> output);
        }
        """, nameof(PackedWeightsLayer));

    [Fact]
    public void PackedWeightsTooLargeGetsPlainLoopsOverTheUnits() => VerifyGenerated("""
        using System;
        using SigmoidGen;

        public static partial class Huge
        {
            [SigmoidLayer(5000, 4000, PackedWeights = true)]
            public static partial void Layer(ReadOnlySpan<double> input, ReadOnlySpan<double> packedWeights, ReadOnlySpan<double> bias, Span<double> output);
        }
        """, nameof(PackedWeightsTooLargeGetsPlainLoopsOverTheUnits), expectInfo: "SGEN013");

    [Fact]
    public void BackwardWithLargeWeightsCopiesChunks() => VerifyGenerated("""
        using System;
        using SigmoidGen;

        public static partial class Big
        {
            // 66 KB of weights: the input gradient runs in groups of rows over copied chunks of W's columns, the weight
            // gradient over each block's inputs copied by chunk (rows of 128 floats lie 512 B apart and reach only some
            // of L1's sets read in place: BackwardPlanner.RowsAlias).
            [SigmoidLayerBackward(128, 129)]
            public static partial void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy,
                Span<float> dw, Span<float> db, Span<float> dx);
        }
        """, nameof(BackwardWithLargeWeightsCopiesChunks));

    [Fact]
    public void BackwardWithInputGradient() => VerifyGenerated("""
        using System;
        using SigmoidGen;

        namespace MyApp;

        public static partial class Scorer
        {
            [SigmoidLayerBackward(inputs: 30, outputs: 16)]
            public static partial void HiddenBackward(
                ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> output,
                ReadOnlySpan<float> outputGradient,
                Span<float> weightsGradient, Span<float> biasGradient, Span<float> inputGradient);
        }
        """, nameof(BackwardWithInputGradient));

    [Fact]
    public void AccumulatingBinaryCrossEntropyBackwardWithoutInputGradient() => VerifyGenerated("""
        using System;
        using SigmoidGen;

        public partial struct Head
        {
            [SigmoidLayerBackward(5, 1, Accumulate = true, Loss = SigmoidLoss.BinaryCrossEntropy)]
            public readonly partial double Gradients(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> output,
                ReadOnlySpan<double> target, Span<double> weightsGradient, Span<double> biasGradient);
        }
        """, nameof(AccumulatingBinaryCrossEntropyBackwardWithoutInputGradient));

    [Fact]
    public void TrainStepWithLossFixedBatchAndInputGradient() => VerifyGenerated("""
        using System;
        using SigmoidGen;

        namespace MyApp;

        internal static partial class Output
        {
            [SigmoidLayerTrainStep(16, 1, Batch = 32, Loss = SigmoidLoss.BinaryCrossEntropy)]
            internal static partial float Step(ReadOnlySpan<float> input, Span<float> weights, Span<float> bias,
                ReadOnlySpan<float> output, ReadOnlySpan<float> target, float learningRate, Span<float> inputGradient);
        }
        """, nameof(TrainStepWithLossFixedBatchAndInputGradient));

    [Fact]
    public void AdamTrainStepWithInputGradient() => VerifyGenerated("""
        using System;
        using SigmoidGen;

        namespace MyApp;

        internal static partial class Hidden
        {
            [SigmoidLayerTrainStep(30, 16, Optimizer = SigmoidOptimizerKind.Adam)]
            internal static partial void Step(ReadOnlySpan<float> input, Span<float> weights, Span<float> bias,
                ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, SigmoidAdamStep adam,
                Span<float> firstMoment, Span<float> secondMoment, Span<float> inputGradient);
        }
        """, nameof(AdamTrainStepWithInputGradient));

    [Fact]
    public void Network() => VerifyGenerated("""
        using SigmoidGen;

        namespace MyApp;

        [SigmoidNetwork(5, 3, 1)]
        public sealed partial class TinyNet
        {
        }
        """, nameof(Network));

    private static void VerifyGenerated(string source, string name, string? expectInfo = null)
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(source);
        Assert.Empty(GeneratorHarness.CompilationProblems(output));
        Assert.Equal(expectInfo is null ? Array.Empty<string>() : new[] { expectInfo }, result.Diagnostics.Select(d => d.Id));
        // A layer is one file; a network is its own file, then its shared kernel classes' files, each under its hint name.
        SyntaxTree[] trees = result.GeneratedTrees.OrderBy(t => GeneratorHarness.IsSharedKernel(t)).ThenBy(t => t.FilePath, StringComparer.Ordinal).ToArray();
        Assert.Single(trees, t => !GeneratorHarness.IsSharedKernel(t));
        Snapshot.Verify(
            trees.Length == 1
                ? trees[0].GetText().ToString()
                : string.Join("\n", trees.Select(t => $"// ==== {Path.GetFileName(t.FilePath)} ====\n{t.GetText()}")),
            name);
    }
}
