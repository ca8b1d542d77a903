using System.Linq;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// The forward kernel for one instruction-set path (Vector512, Vector256, Vector128, or scalar when
/// <see cref="Bits"/> is 0).
/// </summary>
/// <param name="Bits">Widest vector of the path.</param>
/// <param name="RowsPerTile">Batch rows computed together (MR): each weight vector loaded serves all of them.</param>
/// <param name="OutputsPerTile">Outputs computed together (NR = lanes of a Vector128): their sums reduce into one vector.</param>
/// <param name="OutputTiles">Number of full output tiles, <c>outputs / NR</c>.</param>
/// <param name="TailOutputs">Outputs after the last full tile, <c>outputs % NR</c>, reduced one by one.</param>
/// <param name="Dot">How each dot product of a block of several rows walks the inputs.</param>
/// <param name="BlockSigmoid">How the sigmoid walks the <c>MR × outputs</c> values of a row block, in place.</param>
/// <param name="RowSigmoid">How the sigmoid walks the <c>outputs</c> values of a single row, in place.</param>
/// <param name="SigmoidAfterAllRows">
/// True when a row block holds fewer values than one vector of the path (a layer with one or two outputs), or the
/// outputs fill no tile (1–3 floats, 1 double): the blocks then store z only, and one in-place sweep at full vector width
/// applies the sigmoid to all the batch's outputs at the end, instead of a few scalar sigmoids per block, or a vector
/// sweep per block whose loads wait on the block's scalar stores (a store-forwarding stall; see <c>KernelPlanner</c>).
/// </param>
/// <param name="RowTileGroup">
/// Output tiles that a single row joins into one store of <see cref="RowSigmoid"/>'s width (1: each tile stores its own
/// <c>Vector128</c>). The row's sigmoid sweep then loads exactly what each store wrote, which the CPU forwards from the
/// store; a wider load over several narrower stores just made cannot take its data from them (a store-forwarding
/// stall): it waits for the stores to reach the cache, and the sigmoid's chain waits with it.
/// </param>
/// <param name="Panels">The outer-product kernel for large batches, or null when the dot-product tiles serve every batch.</param>
/// <param name="Narrow">
/// The kernel of layers with one or two outputs for batches of at least a tile (sums reduced together, σ in registers),
/// or null. Never set together with <see cref="Panels"/>.
/// </param>
/// <param name="DotTiles">Whether the path runs the dot-product tiles for some batches (not when a fixed batch always
/// takes the panels or the narrow kernel, nor with packed weights).</param>
/// <param name="RowBlocks">Whether blocks of <see cref="RowsPerTile"/> rows run (a run-time batch, or a fixed one of at least a block).</param>
/// <param name="SingleRows">Whether rows run one at a time after the blocks (a run-time batch, or a fixed one that is not whole blocks).</param>
/// <param name="OneRow">The kernel a run-time batch of exactly one row calls directly, if any.</param>
/// <param name="SingleRowDot">How each dot product of a single row walks the inputs (<see cref="RowDot"/>), when not as <see cref="Dot"/>.</param>
/// <param name="WholeRowsBits">
/// Where a single row reads W whole instead of by output tiles: the width of its vectors (0: the tiles). A layer of four
/// float inputs has rows of one <c>Vector128</c>; a Vector512 (Vector256) of W holds four (two) outputs' rows, and one
/// product with x repeated in every 128-bit lane, then pair sums within the lanes, give those outputs' sums with the
/// tiles' bits (see <c>KernelPlanner.WholeRows</c>).
/// </param>
internal sealed record PathPlan(
    int Bits,
    int RowsPerTile,
    int OutputsPerTile,
    int OutputTiles,
    int TailOutputs,
    Sweep Dot,
    Sweep BlockSigmoid,
    Sweep RowSigmoid,
    bool SigmoidAfterAllRows,
    int RowTileGroup,
    PanelPlan? Panels,
    NarrowPlan? Narrow = null,
    bool DotTiles = false,
    bool RowBlocks = false,
    bool SingleRows = false,
    OneRowKernel OneRow = OneRowKernel.None,
    Sweep? SingleRowDot = null,
    int WholeRowsBits = 0)
{
    /// <summary>How each dot product of a single row walks the inputs: written out further than a block's (<c>KernelPlanner.BlockDotUnrollLimit</c>).</summary>
    public Sweep RowDot => SingleRowDot ?? Dot;

    public bool IsScalar => Bits == 0;

    /// <summary>The kernel of a block of <see cref="RowsPerTile"/> rows, if blocks run: σ over the block, or z only.</summary>
    public RowKernel? BlockBody => RowBlocks ? Body(RowsPerTile, Dot, SigmoidAfterAllRows ? null : BlockSigmoid, 1) : null;

    /// <summary>The kernel of one row after the blocks, if such rows run: σ over the row, or z only.</summary>
    public RowKernel? SingleRowBody => SingleRows
        ? Body(1, RowDot, SigmoidAfterAllRows ? null : RowSigmoid, RowTileGroup) with { WholeRowsBits = WholeRowsBits }
        : null;

    /// <summary>The kernel a run-time batch of exactly one row calls (see <see cref="OneRow"/>), if any: it applies σ itself.</summary>
    public RowKernel? OneRowBody => OneRow switch
    {
        OneRowKernel.OwnSigmoid => Body(1, RowDot, RowSigmoid, 1),
        OneRowKernel.RowBlock => SingleRowBody,
        _ => null,
    };

    private RowKernel Body(int rows, Sweep dot, Sweep? sigmoid, int group) => new(rows, OutputsPerTile, OutputTiles, TailOutputs, dot, sigmoid, group);

    public string Name => IsScalar ? "Scalar" : $"Vector{Bits}";

    public int Accumulators => RowsPerTile * OutputsPerTile;

    /// <summary>One sentence for the generated remarks.</summary>
    /// <param name="inputs">The layer's inputs.</param>
    /// <param name="runtimeBatch">Whether the batch comes at run time (then a batch of one row has its own kernel).</param>
    public string Describe(int inputs, bool runtimeBatch)
    {
        if (IsScalar)
        {
            return "one row and one output at a time, plain loops (used when no SIMD is available).";
        }

        string tiles = (OutputTiles == 0
                           ? $"blocks of {RowsPerTile} rows × {TailOutputs} output{(TailOutputs == 1 ? string.Empty : "s")} ({RowsPerTile * TailOutputs} accumulators, fewer outputs than a tile of {OutputsPerTile})"
                           : $"tiles of {RowsPerTile} row{(RowsPerTile == 1 ? string.Empty : "s")} × {OutputsPerTile} outputs " +
                             $"({Accumulators} accumulators), {OutputTiles} full tile{(OutputTiles == 1 ? string.Empty : "s")} per row block" +
                             (TailOutputs == 0 ? string.Empty : $" + {TailOutputs} tail output{(TailOutputs == 1 ? string.Empty : "s")}")) +
                       (WholeRowsBits > 0
                           ? $"; a single row reads W whole, Vector{WholeRowsBits} by Vector{WholeRowsBits} ({WholeRowsBits / 128} outputs' rows each, times x repeated in every 128-bit lane, summed within the lanes), σ in registers"
                           : RowTileGroup == 1 ? string.Empty : $"; a single row stores its tiles {RowTileGroup} at a time as one Vector{RowSigmoid.Bits}, the sigmoid's load width");
        string sigmoid = SigmoidAfterAllRows
            ? "sigmoid in place over all the batch's outputs at the end, at full vector width (" +
              (OutputTiles == 0 ? "outputs summed one by one" : "a row block holds fewer values than one vector") + ")" +
              (runtimeBatch ? $"; a batch of one row applies it itself, without that sweep: {RowSigmoid.Describe()}" : string.Empty)
            : $"sigmoid in place over each row block: {BlockSigmoid.Describe()}";
        string rowDot = RowDot == Dot ? string.Empty : RowDot == Dot with { Unrolled = RowDot.Unrolled } ? $" ({(RowDot.Unrolled ? "unrolled" : "a loop")} for a single row)" : $" (a single row: {RowDot.Describe()})";
        string kernels = string.Join(", ", new[] { BlockBody, SingleRowBody, OneRowBody }.Where(k => k is not null).Select(k => k!.Name).Distinct());
        string dots = $"{tiles}; each dot product: {Dot.Describe()}{rowDot}; {sigmoid}{(kernels.Length == 0 ? string.Empty : $"; row kernels {kernels}")}.";
        if (Narrow is not null)
        {
            return $"{Narrow.Describe()} Smaller batches: {dots}";
        }

        // A fixed batch that takes x as the panel prints no other kernel: its line says nothing of smaller batches.
        return Panels is null ? dots : Panels.Packed is not null || Panels.Swapped is { Fixed: true } ? Panels.Describe(inputs) : $"{Panels.Describe(inputs)} Smaller batches: {dots}";
    }
}

/// <summary>What a run-time batch of exactly one row calls instead of the path method.</summary>
internal enum OneRowKernel
{
    /// <summary>Nothing: the path method (a fixed batch, the scalar path, or no dot-product tiles).</summary>
    None,

    /// <summary>The one-row block of the dot-product tiles, which applies σ itself.</summary>
    RowBlock,

    /// <summary>
    /// A one-row kernel of its own, where the blocks leave σ to one sweep over the batch
    /// (<see cref="PathPlan.SigmoidAfterAllRows"/>): it applies σ to its few values itself.
    /// </summary>
    OwnSigmoid,
}
