using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// The outer-product forward kernel of one SIMD path, used for batches of at least <see cref="MinBatch"/> rows. Per
/// call, the weights of <see cref="Columns"/> consecutive outputs are transposed into a panel
/// (<c>panel[i * Columns + c] = W[o + c, i]</c>, <c>Inputs × Columns</c> elements in a pooled buffer); then every
/// tile of <see cref="RowsPerTile"/> batch rows × <see cref="Vectors"/> vectors walks the inputs, broadcasting one
/// input per row against the panel's vectors. No horizontal sum, every FMA useful: this is how BLAS micro-kernels
/// are built, and it is what the dot-product tiles cannot reach at large shapes.
/// </summary>
/// <param name="Bits">Vector width of the path.</param>
/// <param name="Lanes">Elements per vector.</param>
/// <param name="RowsPerTile">Batch rows per tile (MR): each panel vector loaded serves them all.</param>
/// <param name="Vectors">Panel vectors per tile (NR); <c>RowsPerTile × Vectors</c> accumulators.</param>
/// <param name="FullPanels">Panels of <see cref="Columns"/> outputs starting at 0, Columns, 2·Columns…</param>
/// <param name="TailPanel">Whether one more panel ends exactly at the last output, overlapping the previous one
/// (its overlapped outputs are computed again, to the same values).</param>
/// <param name="MinBatch">Smallest batch for which packing pays; smaller batches use the dot-product tiles.</param>
/// <param name="InputUnroll">Inputs per iteration of the tile's inner loop (the rest are written out after it).</param>
/// <param name="Overlap">
/// Outputs that the panel's last vector shares with the one before it (0: none). A panel of <c>Lanes &lt; outputs &lt;
/// 2·Lanes</c> columns holds two vectors of outputs, the second ending at the last output; the shared outputs are computed
/// by both, to the same values.
/// </param>
/// <param name="Packed">
/// When the weights arrive packed (<c>PackedWeights = true</c>): their layout. Then nothing is packed per call, every
/// batch takes this kernel (<see cref="MinBatch"/> is 1), the panels are read in place from the packed units with a row
/// stride of <see cref="Stride"/>, and the tiles with few rows split the inputs over <see cref="Phases"/> sets of
/// accumulators.
/// </param>
/// <remarks>
/// The members set with <c>init</c> depend on the row count the kernel is compiled for and are filled in by the planner
/// (<c>KernelPlanner.Complete</c>): how the rows after the last full tile are done (an overlapping full tile, or with
/// packed weights tiles of smaller heights), where the loop over the inputs ends, and which σ sweeps the entry runs.
/// </remarks>
internal sealed record PanelPlan(
    int Bits,
    int Lanes,
    int RowsPerTile,
    int Vectors,
    int FullPanels,
    bool TailPanel,
    int MinBatch,
    int InputUnroll,
    PackedLayout? Packed,
    int Overlap = 0)
{
    /// <summary>
    /// Independent multiply-add chains a tile needs to keep both FMA pipes busy: their latency (4 cycles on Zen 3–5 and
    /// on recent Intel cores) × 2 pipes.
    /// </summary>
    public const int ChainsForThroughput = 8;

    /// <summary>Outputs per panel.</summary>
    public int Columns => (Lanes * Vectors) - Overlap;

    public int Accumulators => RowsPerTile * Vectors;

    /// <summary>Elements between the weights of two consecutive inputs in a panel.</summary>
    public int Stride => Packed?.Unit ?? Columns;

    /// <summary>Panels per packed unit: 2 on Vector128, else 1.</summary>
    public int PanelsPerUnit => Packed is null ? 1 : System.Math.Max(1, Packed.Unit / Columns);

    /// <summary>Packed units per panel: 2 on Vector512 (its two vectors read two units), else 1.</summary>
    public int UnitsPerPanel => Packed is null ? 1 : System.Math.Max(1, Columns / Packed.Unit);

    /// <summary>
    /// Whether the tiles after the last full tile of rows store z only, σ being applied by the entry in one sweep over
    /// those rows (packed weights, where such tiles carry whole small batches). Not on Vector512, whose two-unit panel and
    /// one-vector <see cref="LoneUnit"/> panel have different tile heights: there every tile applies σ itself, inlined.
    /// (A sweep in the entry of the lone unit's rows after its last full tile, σ per row, was not inlined there: the call
    /// went to the runtime's generic σ kernel, still at Tier 0 under load, and (455, 30, 16) took 7.0–7.5 µs instead of
    /// 4.8.)
    /// </summary>
    public bool DefersRemainderSigmoid => Packed is not null && UnitsPerPanel == 1 && Bits != 512;

    /// <summary>
    /// On a packed Vector512 path: the one-vector panel that takes a unit left over after the pairs (an odd unit, or the
    /// overlapping last one, whose outputs do not follow the previous unit's). A unit is one Vector512 of outputs per
    /// input, so its tiles are those of the row-major one-vector panel (16 rows × 1 vector), then tiles of 8, 4, 2 and
    /// 1 rows, each applying σ itself. Null when there is no such unit and on other paths. Until issue 17 such a unit
    /// went through the Vector256 panel (6 rows × 2 Vector256): (455, 30, 16) packed took twice the row-major layer's
    /// time (11.4–12.0 against 5.1–5.6 µs; now 4.8 against 4.8).
    /// </summary>
    public PanelPlan? LoneUnit { get; init; }

    /// <summary>
    /// With packed weights and a run-time batch: the most rows of x per block (0: none). Every panel runs over one block
    /// of rows before the next block, so that the block stays in L2 while W's panels stream through it; without blocks, a
    /// batch whose x exceeds the L2 reads all of x from L3 once per panel. A block is whole <see cref="RowBlockRows"/>:
    /// every block but the last is whole tiles of every panel, so every row gets the tiles, and the bits, it gets without
    /// blocks. The last block takes the rest up to <see cref="LastRowBlock"/> rows, so that no short block reads all of W
    /// again for a few rows (256 rows of 512 inputs are one block). (Blocks split evenly, e.g. 1 024 rows as 4 × 210 + 184 instead of 4 × 252 + 16, measured 1–3 % slower at
    /// (1024, 512, 512), and 256 rows as 140 + 116 1.5 % slower than unblocked.)
    /// </summary>
    public int RowBlock { get; init; }

    /// <summary>
    /// The rows a block is a multiple of: the tile height, and on a Vector512 path with a <see cref="LoneUnit"/> the
    /// least common multiple of both panels' heights (14 and 16: 112).
    /// </summary>
    public int RowBlockRows => LoneUnit is null || !HasOwnPanel ? (LoneUnit ?? this).RowsPerTile : Lcm(RowsPerTile, LoneUnit.RowsPerTile);

    /// <summary>The most rows of the last block of x: one and a half blocks (see <see cref="RowBlock"/>).</summary>
    public int LastRowBlock => RowBlock + (RowBlock / 2);

    /// <summary>Panels a packed path runs per row (pairs of units, leftover and tail units on Vector512; units × their panels elsewhere).</summary>
    public int PanelCalls => Packed is null ? 0
        : UnitsPerPanel == 2 ? (Packed.FullUnits / 2) + (Packed.FullUnits % 2) + (Packed.TailUnit ? 1 : 0)
        : Packed.Units * PanelsPerUnit;

    private static int Lcm(int a, int b)
    {
        int x = a, y = b;
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return a / x * b;
    }

    /// <summary>
    /// Tile heights for the rows after the last full tile, largest first (each one a kernel of its own). Only with packed
    /// weights, whose panels also carry batches smaller than one tile; otherwise empty (see <see cref="OverlappingLastTile"/>).
    /// </summary>
    public EquatableArray<int> RemainderTiles { get; init; } = EquatableArray<int>.Empty;

    /// <summary>
    /// With packed weights, the smallest height of the balanced tiles (0: none, the rows after the last full tile take
    /// <see cref="RemainderTiles"/>). A batch that is not whole tiles runs its full tiles up to the last one, then that
    /// tile's rows and the rest, <c>RowsPerTile + rest</c> rows, as two tiles of about half each (the taller first: 45 rows
    /// of 14-row tiles are 14 + 14 + 9 + 8, not 14 + 14 + 14 + 2 + 1); a batch of <see cref="BalancedFrom"/> to
    /// <c>RowsPerTile − 1</c> rows is one tile of its height, a smaller one takes <see cref="RemainderTiles"/>. Every such
    /// tile has at least <see cref="ChainsForThroughput"/> chains, one per accumulator (<see cref="Phases"/> is 1): each
    /// output is the same chain as in a full tile, the same bits. Tiles of 1 or 2 rows read the panel (from L2 when it is
    /// larger than L1: 64 KB at 512 inputs) for 2 or 4 multiply-adds per input, and wait on it.
    /// </summary>
    public int BalancedFrom { get; init; }

    /// <summary>The two tiles that the last full tile's rows and the rest after it, <paramref name="rows"/> in all, go as: the taller first (17: 9 + 8).</summary>
    public static (int First, int Second) LastTwoTiles(int rows) => (rows - (rows / 2), rows / 2);

    /// <summary>The heights of the balanced tiles the panel prints besides its full tile, largest first (see <see cref="BalancedFrom"/>).</summary>
    public EquatableArray<int> BalancedTiles { get; init; } = EquatableArray<int>.Empty;

    /// <summary>
    /// Inputs per step of the inner loop of the full tile and the <see cref="BalancedTiles"/> of a panel with balanced tiles
    /// (<see cref="OneInputPerStep"/>): one, as in the tiles of weights packed per call (<c>KernelPlanner.PanelRowMajorUnroll</c>),
    /// unless the inputs are written out whole. Their one set of accumulators needs no unrolling (<see cref="InputUnroll"/>
    /// serves the phases of the 1- and 2-row tiles). The seven balanced tiles written 4 inputs per step took the packed
    /// snapshot layer (24 → 40) from 114 to 180 KB; one per step, 144 KB; the full tile too, 136 KB. Measured even on the
    /// 2-core Zen 5 VM (issue 17, load 60–235, min of 3 × 60 interleaved rounds, 4 → 1 per step): (45, 512, 512) 111.7 →
    /// 109.6 µs, (100, 512, 512) 261.2 → 262.0, (256, 512, 512) 655.7 → 655.1, (128, 784, 128) 115.7 → 116.2.
    /// </summary>
    public int BalancedInputUnroll { get; init; }

    /// <summary>Inputs the inner loop of the tiles of <see cref="BalancedInputUnroll"/> covers (0: written out whole).</summary>
    public int BalancedInputLoopEnd { get; init; }

    /// <summary>Whether the tile of <paramref name="rows"/> rows loops <see cref="BalancedInputUnroll"/> inputs per step: the full tile and the balanced tiles of a panel with balanced tiles.</summary>
    public bool OneInputPerStep(int rows) => BalancedFrom > 0 && (rows == RowsPerTile || System.Linq.Enumerable.Contains(BalancedTiles, rows));

    /// <summary>
    /// Whether the rows after the last full tile are done by tiles that end at the last row and overlap the rows before
    /// (weights packed per call, whose panels run only for batches of at least <see cref="MinBatch"/> ≥
    /// <see cref="RowsPerTile"/> rows, and such rows can exist): a rest of at most <see cref="SmallTilesUpTo"/> rows by
    /// tiles of <see cref="SmallTileRows"/>, a longer one by one more full tile. Such a tile takes the number of its first
    /// rows already done (<c>skip</c>): it computes them along (its other rows' arithmetic is unchanged: one chain of
    /// multiply-adds per accumulator, in input order, then bias and σ, whatever the tile's height) but neither stores
    /// them nor applies σ to them again, so every row is written once, to the same bits as with exact-height tiles.
    /// </summary>
    public bool OverlappingLastTile { get; init; }

    /// <summary>
    /// Rows of the one small tile kind (0: none): the fewest rows whose accumulators make <see cref="ChainsForThroughput"/>
    /// chains, so that it costs no more per input than a one-row tile, which waits on the FMA latency.
    /// </summary>
    public int SmallTileRows { get; init; }

    /// <summary>
    /// The longest rest done by small tiles: those whose small tiles compute fewer rows than one full tile (every such
    /// tile keeps both FMA pipes busy, so the rows computed measure the time).
    /// </summary>
    public int SmallTilesUpTo { get; init; }

    /// <summary>
    /// Whether a rest of exactly one row takes a one-row tile instead of a small one (one-vector Vector512 panels, where
    /// the tile of <see cref="SmallTileRows"/> rows measured 3–7 % slower than the one-row tile for that rest); for a
    /// fixed batch set only when its rest is one row, and then it needs no small tile.
    /// </summary>
    public bool SingleRowRest { get; init; }

    /// <summary>Inputs the tile's inner loop covers, <see cref="InputUnroll"/> per step; 0 when the inputs are written out whole.</summary>
    public int InputLoopEnd { get; init; }

    /// <summary>Inputs written out after the loop (all of them when there is no loop).</summary>
    public int InputsAfterLoop { get; init; }

    /// <summary>
    /// The swapped kernel (x as the panel, <see cref="XPanelPlan"/>) for batches of <see cref="XPanelPlan.From"/> to
    /// <see cref="XPanelPlan.MaxBatch"/> rows, where packing x costs less than packing W; null where it does not pay, with
    /// packed weights and for <c>Parallel = true</c> layers (their chunks split W's panels).
    /// </summary>
    public XPanelPlan? Swapped { get; init; }

    /// <summary>
    /// Whether, from <see cref="KernelPlanner.CarrySigmoidMinTiles"/> full tiles, each full tile runs the σ of the tile
    /// before it inside its loop over the inputs, one vector per step, beside its FMAs, the last one's σ following the
    /// loop (<see cref="KernelPlanner.CarrySigmoidMaxInputs"/>); else every tile applies its own σ after its stores.
    /// </summary>
    public bool CarriesSigmoid { get; init; }

    /// <summary>Whether the W panels run at all: not for a fixed batch that the swapped kernel takes.</summary>
    public bool PacksWeights => Swapped is not { Fixed: true };

    /// <summary>Whether the entry applies σ in one sweep over the rows after the last full tile (<see cref="DefersRemainderSigmoid"/>, and such rows can exist).</summary>
    public bool RemainderSweep { get; init; }

    /// <summary>
    /// The part of a plan over weights packed per call that does not depend on the vector width: the panel method and its
    /// tiles are printed once per distinct body, generic over the width (<c>Panel6x2&lt;K, V&gt;</c>), and every path whose
    /// body is equal calls the same one (Vector256 and Vector128 share theirs when their tiles coincide, issue 16). Null
    /// with packed weights, whose kernels are printed per width.
    /// </summary>
    public PanelBody? Body => Packed is null
        ? new PanelBody(RowsPerTile, Vectors, Overlap, InputUnroll, InputLoopEnd, InputsAfterLoop, OverlappingLastTile, SmallTileRows, SmallTilesUpTo, SingleRowRest)
        : null;

    /// <summary>Whether the path has a panel and tiles of its own: not a packed Vector512 path without a pair of units, whose units all go through the <see cref="LoneUnit"/> panel.</summary>
    public bool HasOwnPanel => Packed is null || Packed.FullUnits >= UnitsPerPanel;

    /// <summary>Where vector <paramref name="c"/> of a panel row is, from the row's start.</summary>
    public int VectorOffset(int c) => UnitsPerPanel == 2 ? c * Packed!.UnitLength : ColumnOffset(c);

    /// <summary>The first output of vector <paramref name="c"/>, from the panel's first output (bias and y).</summary>
    public int ColumnOffset(int c) => c == Vectors - 1 ? (c * Lanes) - Overlap : c * Lanes;

    /// <summary>
    /// Sets of accumulators that a tile of <paramref name="rows"/> rows spreads its inputs over (input i goes to set
    /// i mod phases; the sets are added at the end), so that it has <see cref="ChainsForThroughput"/> independent chains:
    /// a one-row tile with a single set waits on the FMA latency at every input, which halves or quarters its speed.
    /// Only with packed weights, where such tiles carry whole small batches; with per-call packing they only run the
    /// last few rows of batches of 12 or more, and keep one chain per accumulator as before.
    /// </summary>
    public int Phases(int rows)
    {
        int phases = 1;
        while (Packed is not null && rows * Vectors * phases < ChainsForThroughput && phases < InputUnroll)
        {
            phases *= 2;
        }

        return phases;
    }

    /// <summary>The tiles of a panel over packed weights, for <see cref="Describe"/>.</summary>
    private string PackedTiles() =>
        $"tiles of {RowsPerTile} rows × {Vectors} Vector{Bits} ({Accumulators} accumulators) that broadcast one input per row, " +
        (BalancedFrom > 0 && BalancedInputUnroll != InputUnroll ? $"one input per loop step ({InputUnroll} in the tiles of fewer than {BalancedFrom} rows)" : $"{InputUnroll} inputs per loop step") +
        ", no horizontal sums; tiles of 1 and 2 rows spread the inputs over " +
        $"{Phases(1)} and {Phases(2)} sets of accumulators; " +
        (BalancedFrom == 0 ? string.Empty : $"a batch that is not whole tiles ends in two tiles of about half the last full tile and the rest ({BalancedFrom}–{RowsPerTile} rows, one chain per output), a batch of {BalancedFrom}–{RowsPerTile - 1} rows is one tile; ") +
        "bias and σ in place over each " +
        (DefersRemainderSigmoid ? "full tile, σ in one sweep over the rows after the last full tile" : "tile");

    /// <summary>One sentence for the generated remarks.</summary>
    public string Describe(int inputs)
    {
        if (Packed is not null)
        {
            int units = Packed.Units;
            string lone = LoneUnit is null ? string.Empty : $"a unit left over (odd, or the overlapping last one) goes through a one-vector panel: {LoneUnit.PackedTiles()}";
            string each = UnitsPerPanel == 1 ? (PanelsPerUnit == 1 ? "each one panel" : $"each read as {PanelsPerUnit} panels of {Columns} outputs")
                : !HasOwnPanel ? "no pair of units: every unit goes through a one-vector panel"
                : $"two units per panel, read {Packed.UnitLength} elements apart";
            string tiles = !HasOwnPanel ? LoneUnit!.PackedTiles() : PackedTiles() + (lone.Length == 0 ? string.Empty : $"; {lone}");
            return $"every batch: W arrives packed ({units} unit{(units == 1 ? string.Empty : "s")} of {Packed.Unit} outputs × {inputs} inputs" +
                   $"{(Packed.TailUnit ? ", the last one overlapping the previous" : string.Empty)}; {each}), nothing is packed per call; {tiles}" +
                   (RowBlock == 0 ? "." : $"; batches of more than {LastRowBlock} rows: x in blocks of {RowBlock} (the last one up to {LastRowBlock}), every panel over one block before the next.");
        }

        if (!PacksWeights)
        {
            return Swapped!.Describe();
        }

        int panels = FullPanels + (TailPanel ? 1 : 0);
        string from = Swapped is null ? $"batches of {MinBatch} rows or more" : $"{Swapped.Describe()} Other batches of {MinBatch} rows or more";
        return $"{from}: W transposed per call into {panels} panel{(panels == 1 ? string.Empty : "s")} " +
               $"of {Columns} outputs × {inputs} inputs{(TailPanel ? " (the last one overlaps the previous)" : string.Empty)}, " +
               $"then tiles of {RowsPerTile} rows × {Vectors} Vector{Bits} ({Accumulators} accumulators" +
               (Overlap == 0 ? string.Empty : $"; the second vector overlaps the first by {Overlap} outputs, computed by both") +
               $") that broadcast one input per row, {(InputUnroll == 1 ? "one input" : $"{InputUnroll} inputs")} per loop step, no horizontal sums; bias and σ in place over each tile" +
               (CarriesSigmoid ? $" (from {KernelPlanner.CarrySigmoidMinTiles} full tiles, each tile's σ inside the next tile's loop over the inputs, one vector per step)" : string.Empty) +
               (!OverlappingLastTile ? "." : SmallTileRows == 0
                   ? (SingleRowRest ? "; the last row: a one-row tile." : "; the rest of the rows: one more tile ending at the last row (rows it shares with the tile before: computed along, not stored).")
                   : $"; the rest of the rows: {(SingleRowRest ? "one row by a one-row tile, " : string.Empty)}up to {SmallTilesUpTo} by tiles of {SmallTileRows}, more by one more full tile, the last tile ending at the last row (rows it shares with the tile before: computed along, not stored).");
    }
}

/// <summary>
/// A panel kernel's plan without its width (see <see cref="PanelPlan.Body"/>): tiles of <see cref="RowsPerTile"/> rows ×
/// <see cref="Vectors"/> vectors, the second overlapping the first by <see cref="Overlap"/> outputs, the same inputs loop
/// and the same rest of rows. Offsets in the generic body are multiples of the width's lane count (<c>K.Count</c>), which
/// the JIT folds per instantiation.
/// </summary>
internal sealed record PanelBody(
    int RowsPerTile,
    int Vectors,
    int Overlap,
    int InputUnroll,
    int InputLoopEnd,
    int InputsAfterLoop,
    bool OverlappingLastTile,
    int SmallTileRows,
    int SmallTilesUpTo,
    bool SingleRowRest)
{
    /// <summary>The name's suffix, e.g. <c>6x2</c>, <c>16x1</c>, <c>14x2o8</c>.</summary>
    public string Name => TileName(RowsPerTile);

    /// <summary>The suffix of the tile of <paramref name="rows"/> rows.</summary>
    public string TileName(int rows) => $"{rows}x{Vectors}{(Overlap == 0 ? string.Empty : $"o{Overlap}")}";
}
