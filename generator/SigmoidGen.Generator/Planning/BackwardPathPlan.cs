using System.Linq;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// The backward kernel (or training step) for one instruction-set path. Two passes, each a register tile of
/// broadcast-FMA outer products along the inputs (no horizontal sums):
/// <list type="number">
/// <item>Only with an input gradient: rows in blocks of <see cref="RowsPerBlock"/>: dz = ∂L/∂z for the block (into a
/// stack buffer), and the input gradient <c>dx[r, :] = Σ_o dz[r, o]·W[o, :]</c>, tile <see cref="RowsPerBlock"/> rows ×
/// <see cref="Inputs"/>. It runs first, so a training step computes dx with the weights before the update.</item>
/// <item>Rows in equal blocks of up to <see cref="BatchBlock"/> (their inputs stay in L2), and within a block, outputs in
/// tiles of <see cref="OutputsPerTile"/>: dz for those outputs (into a stack buffer), the bias gradient, and the weight
/// gradient <c>dW[o, :] = Σ_b dz[b, o]·x[b, :]</c> accumulated in registers over the block, then stored, added, or
/// (training step) applied as <c>W -= learningRate·dW</c>.</item>
/// </list>
/// When <see cref="InputGradientGroup"/> is positive (large weights, batches of two row blocks or more), pass 1 works
/// instead on equal groups of at most that many rows (whole row blocks): dz for the group into a pooled buffer, then, chunk
/// by chunk of the inputs, every row block of the group reads W's columns for the chunk, which stay in L1 between them.
/// With <see cref="CopyColumns"/> they are first copied into a contiguous buffer: read in place, rows <c>inputs</c>
/// elements apart whose stride is a multiple of a large power of two (2 KiB at 512 float inputs) fall into a handful of
/// cache sets, and W came from L3 once per row block: the input gradient ran at 55 % of the FMA peak at (256, 512, 512),
/// 95 % with the copied, shared chunks (prototype on Zen 3, bit-identical results: the same products summed in the same
/// order). Rows that reach every set (784 float inputs) are read in place (<see cref="BackwardPlanner.RowsAlias"/>).
/// With <see cref="PackInputs"/> (the same large layers, where the rows alias), pass 2 copies each block's inputs chunk by chunk into a pooled
/// buffer, <c>[chunk][row][chunk length]</c>: a weight-gradient tile then reads its chunk of every row of the block as
/// one contiguous run instead of one vector pair per input row, <c>inputs</c> elements apart (1.14–1.30× for the
/// weight gradient at (256, 512, 512) in a prototype on Zen 3, same results).
/// <para>A batch of one row (online training: one sample per step) takes its own kernel when <see cref="SingleRow"/> is
/// set: dz for the row into a stack buffer, the input gradient with a whole chunk of up to eight vectors of dx in
/// accumulators (eight independent chains instead of the two of a row block's tail), the bias gradient as dz itself, and
/// the weight gradient as dz[o]·x with x's chunk in registers, one store per vector and no loop over rows. At (1, 64, 32)
/// on Zen 3 the two-pass kernels spent ≈ 200 ns on the 256 vectors of dW (a row loop, zeroed accumulators and a branch
/// per chunk of each 4-output tile) and ≈ 120 ns on dx (chunks of 2 vectors, 4 dependent chains). Where
/// <see cref="BackwardOneRowPlan"/> says so, dx and dW share one loop over the outputs per chunk (W's row read once, x's
/// chunk and dx's accumulators in registers together), and a backward pass writes dz straight into db.</para>
/// <para>Within a weight-gradient tile, dz and the bias sums are computed <see cref="SumLanes"/> outputs at a time (one
/// Vector128), the outputs left over one by one. The binary cross-entropy loss, when asked for, is one vectorised pass
/// over output and target before both passes.</para>
/// <para>With an optimizer that keeps state (<see cref="OptimizerGroupOutputs"/> positive), pass 2 keeps the plain
/// backward's blocks and order, but its tiles sum their weight gradient into the rows of a pooled buffer (the first block
/// stores, later blocks add: the plain pass's dW, bit for bit) and the bias gradient beside them; the tile that adds the
/// last block then passes its complete rows (in L1, just written) to the optimizer's update of W's rows, their state and
/// the bias. Adam and momentum are not linear in the gradient, so no row is updated before its sum is complete. Large
/// layers run pass 2 in groups of <see cref="OptimizerGroupOutputs"/> outputs, every block over one group before the
/// next, so that the group's gradient rows stay in L2 between blocks (the block's inputs are re-read once per group).</para>
/// </summary>
internal sealed record BackwardPathPlan(
    int Bits,
    int RowsPerBlock,
    Sweep BlockGradient,
    Sweep RowGradient,
    Chunking Inputs,
    int OutputsPerTile,
    int OutputTiles,
    int TailOutputs,
    int BatchBlock,
    int SumLanes,
    int InputGradientGroup,
    bool PackInputs,
    BackwardOneRowPlan? SingleRow,
    int OptimizerGroupOutputs = 0,
    bool OnlySingleRow = false,
    bool GroupedRowPass = false,
    bool UngroupedRowPass = false,
    bool FullRowBlocks = false,
    bool RowRemainder = false,
    int SplitAccumulatorsUpTo = 0,
    BackwardNarrowPlan? Narrow = null,
    bool CopyColumns = false,
    int OverlapRestFrom = 0,
    EquatableArray<BackwardSharedKernel> Kernels = default)
{
    // What the emitter asks of the plan besides the sizes above, each decided by BackwardPlanner for the layer's batch:
    // OnlySingleRow: a batch fixed at one row, which needs the one-row kernel alone (called directly by the entry);
    // GroupedRowPass / UngroupedRowPass: whether pass 1 runs in groups of rows with copied chunks of W's columns, block by
    //   block from W in place, or both (a batch that is not fixed: grouped from two row blocks);
    // FullRowBlocks / RowRemainder: whether pass 1 has row blocks of RowsPerBlock rows, and single rows left over;
    // SplitAccumulatorsUpTo: an input-gradient tile of rows × vectors up to this many accumulators splits them into two
    //   sets (even and odd outputs) to halve the chain of dependent FMAs (0: never, e.g. a single output);
    // Narrow: layers of one or two outputs with few inputs take one pass over the rows instead (BackwardNarrowPlan),
    //   and none of the two-pass kernels;
    // CopyColumns: whether the grouped pass 1 copies W's column chunks (rows that alias in L1) or reads W in place;
    // OverlapRestFrom: rows left after a group's whole tiles from which one more tile, ending at the group's last row,
    //   does them (0: single-row tiles always);
    // Kernels: the methods the path has, in the order they are printed, each with the path that prints it (an earlier
    //   one when their bodies are equal, BackwardKernelBody) and the later paths that call it.

    /// <summary>The width of the path that prints this path's kernel of <paramref name="kind"/> and <paramref name="size"/> (its name's width).</summary>
    public int PrintedBy(BackwardKernelKind kind, int size = 0) =>
        Kernels.FirstOrDefault(k => k.Kind == kind && k.Size == size)?.PrintedBy ?? Bits;

    /// <summary>The path's name as the path method's bears it: its own, or that of the path whose method it calls.</summary>
    public string MethodPathName => PrintedBy(BackwardKernelKind.Path) is int bits && bits != 0 ? $"Vector{bits}" : "Scalar";

    /// <summary>Rows of a fused optimizer's gradient buffer: one group of outputs, or all of them when there is one group.</summary>
    public int OptimizerBufferRows => System.Math.Min(OptimizerGroupOutputs, Outputs);

    /// <summary>Whether a fused optimizer's pass 2 runs in several groups of outputs.</summary>
    public bool SeveralOptimizerGroups => OptimizerGroupOutputs > 0 && OptimizerGroupOutputs < Outputs;

    private int Outputs => (OutputTiles * OutputsPerTile) + TailOutputs;

    /// <summary>Whether an input-gradient tile of <paramref name="rows"/> × <paramref name="vectors"/> splits its accumulators into two sets.</summary>
    public bool SplitsInputGradient(int rows, int vectors) => rows * vectors <= SplitAccumulatorsUpTo;

    public bool IsScalar => Bits == 0;

    public string Name => IsScalar ? "Scalar" : $"Vector{Bits}";

    public string Describe(bool inputGradient)
    {
        if (IsScalar)
        {
            return "plain loops, one element at a time (used when no SIMD is available).";
        }

        if (Narrow is not null)
        {
            return Narrow.Describe(inputGradient) + SingleRowText(inputGradient);
        }

        string rows = inputGradient
            ? $"output gradient (dz) by rows in blocks of {RowsPerBlock} ({BlockGradient.Describe()}); " +
              $"input gradient in tiles of {RowsPerBlock} rows × {Inputs.VectorsPerChunk} vectors ({RowsPerBlock * Inputs.VectorsPerChunk} accumulators); along the inputs: {Inputs.Describe()}" +
              (InputGradientGroup > 0
                  ? $"; from {2 * RowsPerBlock} rows, in equal groups of up to {InputGradientGroup} rows, " +
                    (CopyColumns ? "each chunk of W's columns copied contiguous once per group and shared by its row blocks" : "chunk by chunk, the chunk of W read in place by every row block of the group (its rows reach every L1 set)") +
                    (OverlapRestFrom > 0 ? $", a rest of {OverlapRestFrom} rows or more by one more tile ending at the group's last row" : string.Empty)
                  : string.Empty)
            : "no input gradient (dz computed within each weight-gradient tile)";
        return $"{rows}; " +
               $"weight gradient in tiles of {OutputsPerTile} output{(OutputsPerTile == 1 ? string.Empty : "s")} × {Inputs.VectorsPerChunk} vectors ({OutputsPerTile * Inputs.VectorsPerChunk} accumulators), " +
               $"{OutputTiles} full tile{(OutputTiles == 1 ? string.Empty : "s")}" + (TailOutputs > 0 ? $" + {TailOutputs} tail output{(TailOutputs == 1 ? string.Empty : "s")}" : string.Empty) +
               $", batch in equal blocks of up to {BatchBlock} rows" +
               (OptimizerGroupOutputs > 0 ? $", the gradient rows summed over the blocks in a buffer{(SeveralOptimizerGroups ? $" by groups of {OptimizerGroupOutputs} outputs" : string.Empty)}, then the optimizer's update applied to each tile's weights, their state and the bias after the last block" : string.Empty) +
               (PackInputs ? ", each block's inputs copied chunk by chunk (contiguous per chunk) once per block" : string.Empty) +
               SingleRowText(inputGradient);
    }

    private string SingleRowText(bool inputGradient) => SingleRow is null ? "."
        : $"; a batch of one row: {SingleRow.Describe(inputGradient)}.";
}
