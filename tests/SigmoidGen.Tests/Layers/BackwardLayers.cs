using SigmoidGen;

namespace SigmoidGen.Tests.Layers;

/// <summary>Backward passes and training steps under test, generated at build time (shapes: inputs × outputs).</summary>
public static partial class BackwardLayers
{
    [SigmoidLayerBackward(1, 1)]
    public static partial void F1x1(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(3, 5)]
    public static partial void F3x5(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(4, 8)]
    public static partial void F4x8(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(33, 17)]
    public static partial void F33x17(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(129, 65)]
    public static partial void F129x65(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(17, 257)]
    public static partial void F17x257(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    // Many inputs: the weight-gradient pass works in blocks of 24 rows (96 KB of inputs), so a batch of 50 takes three.
    [SigmoidLayerBackward(1000, 9)]
    public static partial void F1000x9(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    // W (300 KB) larger than half the L2 of the machines measured: the shape where the input gradient is bandwidth-bound.
    [SigmoidLayerBackward(300, 250)]
    public static partial void F300x250(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    // Large weights with a fixed batch: 13 rows take only the grouped input-gradient pass (W's chunks in place: rows
    // 520 B apart reach every L1 set) and the weight gradient from x in place; 11 rows only the block-by-block pass.
    [SigmoidLayerBackward(130, 129, Batch = 13)]
    public static partial void F130x129Batch13(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(130, 129, Batch = 11)]
    public static partial void F130x129Batch11(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    // Large weights whose rows alias in L1 (1 KB apart: four places in 4 KB): the grouped pass copies W's column
    // chunks and the weight gradient each block's inputs; 40 rows leave 4 after the whole tiles (one overlapping tile),
    // 27 leave 3 (single rows).
    [SigmoidLayerBackward(256, 80)]
    public static partial void F256x80(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(33, 17, Batch = 7)]
    public static partial void F33x17Batch7(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(1, 1)]
    public static partial void D1x1(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerBackward(3, 5)]
    public static partial void D3x5(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerBackward(33, 17)]
    public static partial void D33x17(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerBackward(129, 65)]
    public static partial void D129x65(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerBackward(17, 257)]
    public static partial void D17x257(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerBackward(1000, 9)]
    public static partial void D1000x9(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    // W of 272 KB, with the loss variant below: blocks of 6 rows, single rows and several weight-gradient blocks.
    [SigmoidLayerBackward(200, 170)]
    public static partial void D200x170(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    // Rows 1 KB apart (128 doubles) and 80 KB of weights: copied chunks, as F256x80.
    [SigmoidLayerBackward(128, 80)]
    public static partial void D128x80(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerBackward(200, 170, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial double D200x170Bce(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> target, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerBackward(33, 17, Batch = 7)]
    public static partial void D33x17Batch7(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dw, Span<double> db, Span<double> dx);

    // The other forms, on one shape that is a multiple of no vector width.
    [SigmoidLayerBackward(33, 17)]
    public static partial void F33x17NoInputGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db);

    [SigmoidLayerBackward(33, 17, Accumulate = true)]
    public static partial void F33x17Accumulate(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(33, 17, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial float F33x17Bce(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> target, Span<float> dw, Span<float> db, Span<float> dx);

    [SigmoidLayerBackward(2, 1, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial double D2x1Bce(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> target, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerTrainStep(33, 17)]
    public static partial void F33x17Step(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float learningRate, Span<float> dx);

    [SigmoidLayerTrainStep(33, 17, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial float F33x17BceStep(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> target, float learningRate);

    [SigmoidLayerTrainStep(129, 65, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial double D129x65BceStep(ReadOnlySpan<double> x, Span<double> w, Span<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> target, double learningRate, Span<double> dx);

    [SigmoidLayerBackward(129, 65, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial double D129x65Bce(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> y, ReadOnlySpan<double> target, Span<double> dw, Span<double> db, Span<double> dx);

    [SigmoidLayerBackward(33, 17, Loss = SigmoidLoss.BinaryCrossEntropy)]
    public static partial float F33x17BceNoDx(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> target, Span<float> dw, Span<float> db);
}
