using System.Collections.Generic;
using System.Linq;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// The swapped outer-product kernel of a path whose weights are packed per call ("x-panel", issue 17): it computes
/// <c>zᵀ = W·xᵀ</c>, so that the panel packed per call is a block of x's rows, not W. Per call, each block of
/// <see cref="Columns"/> consecutive batch rows is transposed into a panel (<c>panel[i * Columns + c] = x[r0 + c, i]</c>,
/// <c>Inputs × Columns</c>), and tiles of <see cref="OutputsPerTile"/> outputs × <see cref="Vectors"/> vectors of batch rows
/// walk the inputs, broadcasting one weight per output from row-major W (output o's row at stride Inputs: the access with
/// which the W-panel tiles read x's rows) against the panel's vectors. Each tile adds its outputs' bias (broadcast),
/// applies σ and stores zᵀ into a pooled scratch of <c>Outputs × Columns</c>; the block ends with one transpose of that
/// scratch into its rows of y. Packing costs <c>batch · Inputs</c> (+ <c>batch · Outputs</c> for the transpose out)
/// instead of <c>Outputs · Inputs</c>: it pays where the batch is well below the outputs. Every product and sum is the one
/// the W-panel tiles make, in the same order (one chain per accumulator over the inputs, then the bias, then σ): the
/// outputs are bit-identical.
/// </summary>
/// <param name="Bits">Vector width of the path.</param>
/// <param name="Lanes">Elements per vector.</param>
/// <param name="OutputsPerTile">Outputs per tile (the W-panel tile's rows): one broadcast weight each per input.</param>
/// <param name="Vectors">Panel vectors per tile: batch rows per panel = <see cref="Columns"/>.</param>
/// <param name="SmallTileOutputs">
/// Outputs per tile for the outputs after the last full tile when they are few (<c>KernelPlanner</c>: at most
/// <see cref="SmallTilesUpTo"/>), the last such tile ending at the last output; 0 when the outputs are whole tiles or the
/// rest takes one more full tile ending at the last output. Tiles that overlap the outputs before compute them along and
/// do not store them (<c>skip</c>).
/// </param>
/// <param name="SmallTilesUpTo">The longest rest of outputs done by small tiles.</param>
/// <param name="From">Smallest batch that takes this kernel (the W panels' <see cref="PanelPlan.MinBatch"/>, at least one panel of rows).</param>
/// <param name="MaxBatch">The largest batch that takes this kernel; larger ones pack W (<c>KernelPlanner.PlanSwapped</c>).</param>
/// <param name="MaxVainRows">
/// The most rows the last block may compute in vain: a batch that is not whole blocks ends with a block over its last
/// rows, overlapping the block before — one vector of rows (<see cref="OneVectorOutputs"/>) when at most one vector is
/// left, else two — so it computes <see cref="VainRows"/>(batch, <see cref="Lanes"/>) rows in vain; batches whose last
/// block wastes more pack W.
/// </param>
/// <param name="Fixed">Whether the batch is fixed (and taken by this kernel): then the entry calls only this kernel.</param>
/// <param name="InputUnroll">Inputs per step of the tile's loop (as the W panel's).</param>
/// <param name="InputLoopEnd">Inputs the loop covers; 0 when written out whole.</param>
/// <param name="InputsAfterLoop">Inputs written out after the loop.</param>
/// <param name="Outputs">The layer's outputs (for the remarks: the tiles of outputs are fixed by them).</param>
/// <param name="OneVectorOutputs">
/// Outputs per tile of the one-vector last block (twice <see cref="OutputsPerTile"/>: as many accumulators), used when at
/// most one vector of rows is left after the whole blocks.
/// </param>
/// <param name="OneVectorRestOutputs">
/// Outputs of the one-vector block's last tile when the outputs are not whole tiles of <see cref="OneVectorOutputs"/>
/// (the rest, at least <see cref="PanelPlan.ChainsForThroughput"/>), ending at the last output; 0 when they are whole tiles.
/// </param>
/// <param name="FixedRows">The fixed batch (<see cref="Fixed"/>), else 0: the remarks describe a partial last block only when it has one.</param>
/// <param name="DotRestRows">
/// The most rows after the whole blocks that the last whole block computes as dot products over row-major W (tiles of
/// 4 rows × 4 outputs, each run right after the x tile that has read those outputs' rows of W, so that W comes from L1,
/// not once more from L2 or L3), instead of a last block of one or two vectors of rows; 0 when the rest always takes a
/// last block (inputs not whole vectors, outputs not whole vectors or fours). Those rows are not bit-identical to the W
/// panels' (another order of the sums).
/// </param>
/// <param name="SplitsByOutputs">
/// Whether a <c>Parallel = true</c> layer's chunks run this kernel over ranges of outputs at the batches with dot-product
/// rows (<see cref="DotRestTest"/>; the range methods are printed), so that they give a single-threaded call's bits: only
/// where the path splits by W's panels (<c>ParallelPlanner.SplitsByPanels</c>) and the batch is given at run time.
/// </param>
/// <param name="Tile3">
/// Outputs per tile of a block of three vectors of rows; when > 0 the batch is cut into blocks of 2–3 or 2–4 vectors
/// (<see cref="TallBlocks"/>), the rows after its whole vectors by dot products inside the last block or one more vector
/// (see <see cref="Tall"/>); 0 when every block is of <see cref="Vectors"/>.
/// </param>
/// <param name="Tile4">Outputs per tile of a block of four vectors of rows; 0: blocks of at most three.</param>
/// <param name="LongRestByDots">
/// Whether a <see cref="Tall"/> batch of three whole vectors and a rest longer than <see cref="DotRestRows"/> that two
/// blocks of two cannot take (more than <see cref="MaxVainRows"/> in vain) takes dot products (W's panels cost more) rather
/// than W's panels.
/// </param>
/// <param name="DotTileRows">
/// Rows of x per dot-product tile (× 4 outputs) where 6 rows or more are left: 6 on Vector512 (24 accumulators, 6 rows and
/// a weight vector: 31 of its 32 registers; 10 loads per 24 FMAs instead of 8 per 16), else 4 (<c>KernelPlanner.PlanSwapped</c>).
/// </param>
/// <param name="EvenTiles">
/// Whether a block of 2–4 vectors of rows whose outputs are not whole tiles splits them into tiles as even as they go
/// (<see cref="EvenSplit"/>: as many tiles as the rest needs, heights differing by one, e.g. 128 outputs × 2 vectors as
/// 8 × 13 + 2 × 12 instead of 9 × 14 + a tile of 4 over the last 2) rather than by a smaller tile over the rest; only where
/// the lower height is at most 2 below the plan's tile (<c>KernelPlanner.XPanelEvenTiles512</c>). Each output's sum is the
/// same chain whatever its tile, so the bits do not change.
/// </param>
/// <param name="PaddedFromRows">
/// A <see cref="Tall"/> batch of two whole vectors of rows (three where <see cref="Tile4"/>) and at least this many rows
/// after them (more than <see cref="DotRestRows"/>) takes one more vector of rows, its last block padded: the rows past
/// the batch packed as zeros, computed in vain and not written (<c>PanelPacking.PackPadded</c>, <c>PackPart</c>), instead of
/// dot products (its rows are then the W panels' bits); 0: never (<c>KernelPlanner.XPanelPaddedFromSixteenths</c>).
/// </param>
internal sealed record XPanelPlan(
    int Bits,
    int Lanes,
    int OutputsPerTile,
    int Vectors,
    int SmallTileOutputs,
    int SmallTilesUpTo,
    int From,
    int MaxBatch,
    int MaxVainRows,
    bool Fixed,
    int InputUnroll,
    int InputLoopEnd,
    int InputsAfterLoop,
    int Outputs,
    int OneVectorOutputs,
    int OneVectorRestOutputs,
    int FixedRows = 0,
    int DotRestRows = 0,
    bool SplitsByOutputs = false,
    int Tile3 = 0,
    int Tile4 = 0,
    bool LongRestByDots = false,
    int DotTileRows = 4,
    bool EvenTiles = false,
    int PaddedFromRows = 0)
{
    /// <summary>
    /// Whether the batch is cut into blocks of two to four vectors of rows (<see cref="TallLayout"/>): no block of one
    /// vector, no W panels for want of a block that fits. The rows after the whole vectors: up to <see cref="DotRestRows"/>
    /// by dot products inside the last block; more take one more vector of rows, the last block ending at the last row.
    /// </summary>
    public bool Tall => Tile3 > 0;

    /// <summary>The most vectors of rows in a <see cref="Tall"/> block: 4, or 3 without <see cref="Tile4"/>.</summary>
    public int MaxVectors => Tile4 > 0 ? 4 : 3;

    /// <summary>
    /// The blocks of a <see cref="Tall"/> batch of <paramref name="batch"/> rows, in order: vectors of rows, first row, rows
    /// after the block by dot products. The whole vectors go by <see cref="TallBlocks"/>; a rest of more than
    /// <see cref="DotRestRows"/> rows takes one more vector when at least four are whole, or three and two blocks of two
    /// compute at most <see cref="MaxVainRows"/> rows in vain (the last block then ends at the last row, overlapping the
    /// block before), else dot products still (two whole vectors, or three with <see cref="LongRestByDots"/>). Null when the batch does not take this kernel (<see cref="Takes"/>).
    /// </summary>
    public List<(int Vectors, int Row, int Dots)>? TallLayout(int batch)
    {
        if (!Takes(batch))
        {
            return null;
        }

        int rest = batch % Lanes, whole = batch - rest, back = 0;
        if (Pads(batch))
        {
            // One more vector of rows, the last block past the batch (padded: see PaddedRows).
            whole += Lanes;
            rest = 0;
        }
        else if (rest > DotRestRows && (whole >= 4 * Lanes || (whole == 3 * Lanes && VainRows(batch, Lanes) <= MaxVainRows)))
        {
            back = Lanes - rest;
            whole += Lanes;
            rest = 0;
        }

        var blocks = new List<(int Vectors, int Row, int Dots)>();
        List<int> vectors = back > 0 && whole == 4 * Lanes ? [2, 2] : TallBlocks(whole / Lanes, MaxVectors).ToList();
        int row = 0;
        for (int k = 0; k < vectors.Count; k++)
        {
            bool last = k == vectors.Count - 1;
            blocks.Add((vectors[k], last ? row - back : row, last ? rest : 0));
            row += vectors[k] * Lanes;
        }

        return blocks;
    }

    /// <summary>
    /// Whether some batches end with a padded block (<see cref="Pads"/>): <see cref="Tall"/> blocks whose dot-product rest
    /// stops short of <see cref="PaddedFromRows"/> (the kernel then takes a negative rest for the rows past the batch).
    /// </summary>
    public bool PadsLastBlock => Tall && DotRestRows > 0 && PaddedFromRows > DotRestRows;

    /// <summary>
    /// Whether a <see cref="Tall"/> batch (that this kernel takes) ends with a padded block (<see cref="PaddedFromRows"/>):
    /// two whole vectors of rows, or three where blocks of four are planned, and at least <see cref="PaddedFromRows"/> more.
    /// </summary>
    public bool Pads(int batch) =>
        PadsLastBlock && batch % Lanes >= PaddedFromRows
        && (batch / Lanes == 2 || (batch / Lanes == 3 && Tile4 > 0));

    /// <summary>
    /// Rows of the last block of a <see cref="TallLayout"/> past the batch of <paramref name="batch"/> rows (packed as zeros,
    /// computed in vain, not written): 0 unless <see cref="Pads"/>.
    /// </summary>
    public int PaddedRows(int batch) => Pads(batch) ? Lanes - (batch % Lanes) : 0;

    /// <summary>
    /// Whether the last block of a <see cref="TallLayout"/> starts before the block before it ends: it ends at the last row
    /// and computes the rows they share again.
    /// </summary>
    public bool LastBlockOverlaps(List<(int Vectors, int Row, int Dots)> layout) =>
        layout.Count > 1 && layout[layout.Count - 1].Row < layout[layout.Count - 2].Row + (layout[layout.Count - 2].Vectors * Lanes);

    /// <summary>Rows after the whole blocks (<see cref="Tall"/>: after the whole vectors) of a batch of <paramref name="batch"/> rows.</summary>
    public int Rest(int batch) => batch % RestUnit;

    /// <summary>The rows a batch's blocks cover whole: a block of two vectors, or (<see cref="Tall"/>) one vector.</summary>
    private int RestUnit => Tall ? Lanes : Columns;

    /// <summary>The most batch rows in one block: the pooled panel's columns.</summary>
    public int MaxColumns => Tall ? MaxVectors * Lanes : Columns;

    /// <summary>
    /// Outputs of the last tile of a block of 3 or 4 vectors of rows when the outputs are not whole tiles: the rest, one
    /// chain per accumulator as every tile's (0: whole tiles). A block of 2 vectors has <see cref="SmallTileOutputs"/>.
    /// </summary>
    public int RestTileOutputs(int vectors) => EvenSplit(vectors) is { } even ? (even.BigEnd < Outputs ? even.Big - 1 : 0)
        : vectors == 2 ? SmallTileOutputs : Outputs % TileOutputs(vectors);

    /// <summary>
    /// Outputs per tile of a block of <paramref name="vectors"/> vectors of rows (the higher of the even tiles where
    /// <see cref="EvenSplit"/> applies).
    /// </summary>
    public int TileOutputs(int vectors) => EvenSplit(vectors) is { } even ? even.Big : PlannedTileOutputs(vectors);

    /// <summary>The plan's tile of <paramref name="vectors"/> vectors of rows, before <see cref="EvenSplit"/>.</summary>
    private int PlannedTileOutputs(int vectors) => vectors switch { 1 => OneVectorOutputs, 2 => OutputsPerTile, 3 => Tile3, _ => Tile4 };

    /// <summary>
    /// With <see cref="EvenTiles"/>, a block of <paramref name="vectors"/> (2–4) vectors of rows whose outputs are not whole
    /// tiles of the planned height t: ⌈outputs / t⌉ tiles, the first ones (up to output <c>BigEnd</c>) of <c>Big</c> =
    /// ⌈outputs / tiles⌉ outputs, the others of <c>Big</c> − 1 — no output computed twice, no tile of a few outputs whose
    /// chains wait on the FMA latency; null (the planned tile and a smaller one over the rest) where the outputs are whole
    /// tiles or the lower height would be more than 2 below t.
    /// </summary>
    public (int Big, int BigEnd)? EvenSplit(int vectors)
    {
        int tile = PlannedTileOutputs(vectors);
        if (!EvenTiles || vectors < 2 || tile <= 0 || Outputs % tile == 0 || Outputs < tile)
        {
            return null;
        }

        int tiles = (Outputs + tile - 1) / tile;
        int big = (Outputs + tiles - 1) / tiles;
        int bigTiles = Outputs - (tiles * (big - 1));
        return big - 1 < tile - 2 ? null : (big, bigTiles * big);
    }

    /// <summary>
    /// The vectors of rows of each block over <paramref name="vectors"/> (at least 2) whole vectors of a <see cref="Tall"/>
    /// batch, in order: blocks of <paramref name="most"/> (3 or 4) while more than one more is left, then the last two
    /// blocks of <paramref name="most"/> − 1 and 2 if that many are left, else one last block of 2..<paramref name="most"/>.
    /// </summary>
    public static IEnumerable<int> TallBlocks(int vectors, int most)
    {
        while (vectors > most + 1)
        {
            yield return most;
            vectors -= most;
        }

        if (vectors == most + 1)
        {
            yield return most - 1;
            vectors = 2;
        }

        yield return vectors;
    }

    /// <summary>Whether a batch of <paramref name="batch"/> rows (at least <see cref="From"/>) takes this kernel.</summary>
    public bool Takes(int batch) => Tall ? batch <= MaxBatch && TallTakes(batch) : batch <= MaxBatch && (Rest(batch) <= DotRestRows || VainRows(batch, Lanes) <= MaxVainRows);

    /// <summary>
    /// A <see cref="Tall"/> batch's rest: by dot products (at most <see cref="DotRestRows"/> rows, or two whole vectors), by
    /// one more vector (four whole vectors or more), or, at three whole vectors, by two blocks of two, the second ending at the
    /// last row, if they compute at most <see cref="MaxVainRows"/> rows in vain.
    /// </summary>
    private bool TallTakes(int batch) =>
        LongRestByDots || Rest(batch) <= DotRestRows || batch < 3 * Lanes || batch >= 4 * Lanes || VainRows(batch, Lanes) <= MaxVainRows;

    /// <summary>
    /// The entry's test of a run-time <c>batch</c> (at least <see cref="From"/> rows) for this kernel: the C# of
    /// <see cref="Takes"/>.
    /// </summary>
    public string Test
    {
        get
        {
            string vain = $"(-batch & {Lanes - 1}) <= {MaxVainRows}";
            return Tall ? (LongRestByDots ? $"batch <= {MaxBatch}" : $"batch <= {MaxBatch} && ((batch & {Lanes - 1}) <= {DotRestRows} || batch < {3 * Lanes} || batch >= {4 * Lanes} || {vain})")
                : MaxVainRows >= Lanes - 1 ? $"batch <= {MaxBatch}"
                : DotRestRows == 0 ? $"batch <= {MaxBatch} && {vain}"
                : $"batch <= {MaxBatch} && ((batch & {Columns - 1}) <= {DotRestRows} || {vain})";
        }
    }

    /// <summary>
    /// The C# test of a run-time <c>batch</c> (at least <see cref="From"/> rows) that this kernel takes with rows after its
    /// whole blocks by dot products (<see cref="DotRestRows"/>): the only batches whose rows are not bit-identical to W's
    /// panels' (every other row is the same products added in the same order); null when there are none.
    /// </summary>
    public string? DotRestTest => DotRestRows == 0 ? null
        : Tall ? $"batch <= {MaxBatch} && (batch & {Lanes - 1}) != 0 && ((batch & {Lanes - 1}) <= {DotRestRows} || {TallDotTestTail})"
        : $"batch <= {MaxBatch} && (batch & {Columns - 1}) != 0 && (batch & {Columns - 1}) <= {DotRestRows}";

    /// <summary>
    /// <see cref="DotRestTest"/>'s batches of a <see cref="Tall"/> plan whose rest, longer than <see cref="DotRestRows"/>, goes
    /// by dot products still: at two whole vectors (shorter than <see cref="PaddedFromRows"/> where that is planned), at three
    /// with <see cref="LongRestByDots"/> (not padded either).
    /// </summary>
    private string TallDotTestTail
    {
        get
        {
            bool pads = PaddedFromRows > DotRestRows;
            string two = pads ? $"(batch < {3 * Lanes} && (batch & {Lanes - 1}) < {PaddedFromRows})" : $"batch < {3 * Lanes}";
            string three = !LongRestByDots ? string.Empty
                : pads && Tile4 > 0 ? $" || (batch >= {3 * Lanes} && batch < {4 * Lanes} && (-batch & {Lanes - 1}) > {MaxVainRows} && (batch & {Lanes - 1}) < {PaddedFromRows})"
                : $" || (batch < {4 * Lanes} && (-batch & {Lanes - 1}) > {MaxVainRows})";
            return two + three;
        }
    }

    /// <summary>Rows that the last block of <paramref name="columns"/> rows computes in vain in a batch of <paramref name="batch"/> rows.</summary>
    public static int VainRows(int batch, int columns) => (columns - (batch % columns)) % columns;

    /// <summary>What <see cref="Test"/> takes, in words (the comment above it).</summary>
    public string TestText
    {
        get
        {
            string vain = $"the last block (of one vector of rows or two) computing at most {MaxVainRows} row{(MaxVainRows == 1 ? string.Empty : "s")} in vain";
            return Tall ? $"Up to {MaxBatch} rows in blocks of 2–{MaxVectors} vectors, at most {DotRestRows} after the whole vectors (by dot products), or two whole vectors, or four or more, or three{(LongRestByDots ? string.Empty : $" and two blocks of two computing at most {MaxVainRows} row{(MaxVainRows == 1 ? string.Empty : "s")} in vain")}"
                : DotRestRows == 0 ? $"Up to {MaxBatch} rows, {vain}"
                : $"Up to {MaxBatch} rows, at most {DotRestRows} after the whole blocks (by dot products) or {vain}";
        }
    }

    /// <summary>The dot products' tiles, in words.</summary>
    private string DotTilesText => DotTileRows == 4 ? "tiles of 4 rows × 4 outputs" : $"tiles of {DotTileRows} or 4 rows × 4 outputs";

    /// <summary>Batch rows per panel.</summary>
    public int Columns => Lanes * Vectors;

    /// <summary>The name's suffix of the panel method and its full tile, e.g. <c>14x2</c>.</summary>
    public string Name => NameOf(Vectors);

    /// <summary>The same for a block of <paramref name="vectors"/> (2–4) vectors of rows, e.g. <c>7x4R</c>.</summary>
    public string NameOf(int vectors) => $"{TileOutputs(vectors)}x{vectors}{(DotRestRows == 0 ? string.Empty : DotTileRows == 4 ? "R" : $"R{DotTileRows}")}";

    /// <summary>The same for the one-vector block, e.g. <c>28x1</c>.</summary>
    public string OneVectorName => $"{OneVectorOutputs}x1";

    /// <summary>One sentence for the generated remarks.</summary>
    public string Describe()
    {
        if (Tall)
        {
            return DescribeTall();
        }

        int rest = Outputs % OutputsPerTile;
        string restText = rest == 0 ? string.Empty
            : SmallTileOutputs > 0 ? $"; the last {rest} outputs by tiles of {SmallTileOutputs}, the last one ending at the last output"
            : $"; the last {rest} outputs by one more tile ending at the last output";
        string vainText = $"whose last block computes at most {MaxVainRows} row{(MaxVainRows == 1 ? string.Empty : "s")} in vain";
        string when = Fixed ? "this batch"
            : DotRestRows > 0 ? $"batches of {From}..{MaxBatch} rows with at most {DotRestRows} after their whole blocks of {Columns}, or {vainText}"
            : $"batches of {From}..{MaxBatch} rows {vainText}";
        string dots = $"the rows after the whole blocks (up to {DotRestRows}) as dot products over W's rows by {DotTilesText} inside the last block, each after the tile that read those rows of W";
        string blocks = $"a last partial block: the last {Lanes} rows by tiles of {OneVectorOutputs} outputs × 1 vector if at most {Lanes} are left, else the last {Columns}; overlapping";
        string lastBlock = $"a last block over the last {Columns} rows, overlapping";
        int fixedRest = FixedRows > 0 ? Rest(FixedRows) : -1;
        string partial = fixedRest == 0 ? string.Empty
            : DotRestRows == 0 ? $" ({blocks})"
            : fixedRest > DotRestRows ? $" ({(DotRestRows >= Lanes || fixedRest > Lanes ? lastBlock : blocks)})"
            : fixedRest > 0 ? $" ({dots})"
            : $" ({dots}; a longer rest: {(DotRestRows >= Lanes ? lastBlock : blocks)})";
        return $"{when}: x as the panel (zᵀ = W·xᵀ): each block of {Columns} rows transposed per call into a panel" +
               $"{partial}, then tiles of {OutputsPerTile} outputs × {Vectors} Vector{Bits} " +
               $"({OutputsPerTile * Vectors} accumulators) that broadcast W's weights from its rows{restText}; bias (broadcast) and σ per tile " +
               $"into a pooled zᵀ of {Outputs} × {Columns}, transposed into y once per block.";
    }

    /// <summary><see cref="Describe"/> for <see cref="Tall"/> blocks.</summary>
    private string DescribeTall()
    {
        int most = MaxVectors;
        string when = Fixed ? "this batch" : $"batches of {From}..{MaxBatch} rows";
        string tiles = most == 4
            ? $"tiles of {TileOutputs(4)} outputs × 4 Vector{Bits}, {TileOutputs(3)} × 3 or {TileOutputs(2)} × 2 ({TileOutputs(4) * 4}, {TileOutputs(3) * 3} or {TileOutputs(2) * 2} accumulators)"
            : $"tiles of {TileOutputs(3)} outputs × 3 Vector{Bits} or {TileOutputs(2)} × 2 ({TileOutputs(3) * 3} or {TileOutputs(2) * 2} accumulators)";
        string dots = DotRestRows == 0 ? string.Empty
            : $"; the rows after the whole vectors, up to {DotRestRows} (any at two whole vectors{(LongRestByDots ? ", or three" : string.Empty)}), as dot products over W's rows by {DotTilesText} inside the last block, each after the tile that read those rows of W; " +
              $"a longer rest: one more vector of rows, the last block ending at the last row (overlapping; at three whole vectors two blocks of two, at most {MaxVainRows} rows in vain)";
        string cut = $"the whole vectors of rows cut into blocks of {most} vectors ({most * Lanes} rows) while more than {most + 1} are left, " +
                     $"then {most - 1} + 2 ({most + 1} left) or one last block of 2–{most}";
        if (Fixed && TallLayout(FixedRows) is { } layout)
        {
            // A fixed batch: its own blocks, not the rule.
            int fixedDots = layout[layout.Count - 1].Dots;
            cut = (layout.Count == 1 ? $"one block of {layout[0].Vectors * Lanes} rows" : $"blocks of {string.Join(" + ", layout.Select(block => block.Vectors * Lanes))} rows") +
                  (LastBlockOverlaps(layout) ? ", the last one ending at the last row (overlapping the one before)" : string.Empty);
            int[] used = layout.Select(block => block.Vectors).Distinct().OrderByDescending(vectors => vectors).ToArray();
            tiles = $"tiles of {string.Join(" or ", used.Select(vectors => $"{TileOutputs(vectors)} outputs × {vectors} Vector{Bits}"))} " +
                    $"({string.Join(" or ", used.Select(vectors => TileOutputs(vectors) * vectors))} accumulators)";
            dots = fixedDots == 0 ? string.Empty
                : $"; the last {fixedDots} row{(fixedDots == 1 ? string.Empty : "s")} as dot products over W's rows by {DotTilesText} inside the last block, each after the tile that read those rows of W";
        }

        string each = Fixed && TallLayout(FixedRows) is { Count: 1 } ? string.Empty : "each ";
        return $"{when}: x as the panel (zᵀ = W·xᵀ): {cut}, {each}transposed per call into a panel{dots}; {tiles} that broadcast W's weights " +
               $"from its rows, {(EvenTiles ? "outputs that are not whole tiles by tiles as even as they go (heights differing by one)" : "a block's last outputs by one smaller tile")}; bias (broadcast) and σ per tile into a pooled zᵀ of {Outputs} × the block's rows, " +
               "transposed into y once per block.";
    }
}
