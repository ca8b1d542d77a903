using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// Prints the swapped outer-product kernel of an <see cref="XPanelPlan"/> (x as the panel): the entry over blocks of
/// batch rows, the per-block method (pack x's rows, every tile of outputs into zᵀ, transpose zᵀ into y) and its tiles.
/// The block method and the tiles are generic over the width, printed once per class and name (<c>XPanel14x2&lt;K, V&gt;</c>,
/// <c>XTile14x2&lt;K, V&gt;</c>; for a last block of one vector of rows <c>XPanel28x1</c>, <c>XTile28x1</c>); the entry is per
/// path (<c>XPanels512</c>). Every count comes from the plan.
/// </summary>
internal sealed class XPanelKernelEmitter
{
    private readonly LayerShape _shape;
    private readonly CodeWriter _w;
    private readonly XPanelPlan _plan;
    private readonly VectorText _v;
    private readonly string _t;
    private readonly string _sigmoid;
    private readonly int _rows;
    private readonly ISet<string> _printed;

    public XPanelKernelEmitter(LayerShape shape, CodeWriter writer, XPanelPlan plan, string sigmoid, int rows, ISet<string> printed)
    {
        _shape = shape;
        _w = writer;
        _plan = plan;
        _t = shape.ElementName;
        _v = new VectorText(plan.Bits, _t, generic: true);
        _sigmoid = sigmoid;
        _rows = rows;
        _printed = printed;
    }

    public string EntryName => _range ? RangeEntryName(_plan.Bits) : $"XPanels{_plan.Bits}";

    /// <summary>The statement that runs the kernel over the whole batch.</summary>
    public string Call => $"{EntryName}(ref x, ref w, ref b, ref y{new RowCountText(_rows).Argument});";

    private string PanelName => PanelNameOf(_plan.Vectors);

    /// <summary>The block method over <paramref name="vectors"/> (2–4) vectors of rows.</summary>
    private string PanelNameOf(int vectors) => $"XPanel{_plan.NameOf(vectors)}{RangeSuffix}";

    /// <summary>
    /// The vector counts of the blocks printed: the plan's, or with tall blocks those of 2, 3 and 4 vectors (a fixed batch:
    /// those its blocks take).
    /// </summary>
    private IEnumerable<int> BlockVectors => !_plan.Tall ? new[] { _plan.Vectors }
        : _rows > 0 ? _plan.TallLayout(_rows)!.Select(block => block.Vectors).Distinct().OrderBy(v => v)
        : Enumerable.Range(2, _plan.MaxVectors - 1);

    private string OneVectorPanelName => $"XPanel{_plan.OneVectorName}{RangeSuffix}";

    /// <summary>
    /// Whether the methods being printed are the range variants for <c>Parallel = true</c> (<see cref="EmitRange"/>): the
    /// same blocks and tiles over outputs o0..o1−1 only.
    /// </summary>
    private bool _range;

    private string RangeSuffix => _range ? "Range" : string.Empty;

    /// <summary>The block methods' buffers (and, for a range, its outputs) in a call.</summary>
    private string Buffers => _range ? "ref p, ref z, ref t, o0, o1" : "ref p, ref z";

    /// <summary>The entry over outputs o0..o1−1 of every row (<see cref="EmitRange"/>) of a <paramref name="bits"/>-bit path.</summary>
    public static string RangeEntryName(int bits) => $"XPanels{bits}Range";

    private static string TileName(int outputs, int vectors) => $"XTile{outputs}x{vectors}";

    private const string Pass = "<K, V>";

    /// <summary>
    /// The pooled panel and zᵀ start at this boundary: misaligned, every panel load and zᵀ store of a Vector512 splits two
    /// cache lines (measured on the Zen 5 VM, issue 17, helper h13: (40, 60, 256) × (512, 512) 1–4 % faster aligned).
    /// </summary>
    private const int CacheLineBytes = 64;

    private string Declare(string parameters) => $"<K, V>({parameters}){VectorText.Constraints(_t)}";

    /// <summary>The block's batch rows in a generic body: <c>2 * K.Count</c> (<c>K.Count</c> for one vector).</summary>
    private static string ColumnsText(int vectors) => vectors == 1 ? "K.Count" : $"{vectors} * K.Count";

    public void Emit()
    {
        EmitEntry();
        foreach (int vectors in BlockVectors)
        {
            if (_printed.Add(PanelNameOf(vectors)))
            {
                _w.Line();
                EmitPanel(vectors);
                EmitTile(_plan.TileOutputs(vectors), vectors);
                if (_plan.RestTileOutputs(vectors) > 0)
                {
                    EmitTile(_plan.RestTileOutputs(vectors), vectors);
                }
            }
        }

        if (_plan.DotRestRows > 0)
        {
            EmitDotTile();
        }

        if (UsesOneVectorBlock && _printed.Add(OneVectorPanelName))
        {
            _w.Line();
            EmitOneVectorPanel();
            EmitTile(_plan.OneVectorOutputs, 1);
            if (_plan.OneVectorRestOutputs > 0)
            {
                EmitTile(_plan.OneVectorRestOutputs, 1);
            }
        }
    }

    /// <summary>
    /// For <c>Parallel = true</c>: the same kernel over a range of outputs o0..o1−1 (whole vectors of outputs, or ending at
    /// the last output), for a chunk of <c>ParallelPanels</c>. The same blocks of rows as <see cref="Emit"/>'s entry, each
    /// packing x's rows itself, and the same tiles and dot products (each output's sums in the same order), so every output
    /// gets the bits of a single-threaded call whatever the split; zᵀ of the range transposed into its columns of y.
    /// </summary>
    public void EmitRange()
    {
        _range = true;
        _w.Line();
        EmitEntry();
        foreach (int vectors in BlockVectors)
        {
            if (_printed.Add(PanelNameOf(vectors)))
            {
                _w.Line();
                EmitPanel(vectors);
            }
        }

        if (UsesOneVectorBlock && _printed.Add(OneVectorPanelName))
        {
            _w.Line();
            EmitOneVectorPanel();
        }

        _range = false;
    }

    /// <summary>
    /// Whether the batch may end with a one-vector block: a run-time batch unless the dot products take every rest of at
    /// most Lanes rows, or a fixed one with 1..Lanes rows after its whole blocks that the dot products do not take.
    /// </summary>
    private bool UsesOneVectorBlock => !_plan.Tall && (_rows == 0 ? _plan.DotRestRows < _plan.Lanes : _plan.Rest(_rows) > _plan.DotRestRows && _plan.Rest(_rows) <= _plan.Lanes);

    private void EmitEntry()
    {
        int columns = _plan.MaxColumns;
        _w.Line(_range
            ? $"/// <summary>Vector{_plan.Bits} outer-product kernel with x as the panel over outputs o0..o1−1 of every row, for a chunk of <see cref=\"ParallelPanels\"/>.</summary>"
            : $"/// <summary>Vector{_plan.Bits} outer-product kernel with x as the panel (its path's line in the plan, in the remarks).</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        string parameters = _range ? ", int batch, int o0, int o1" : new RowCountText(_rows).Parameter;
        using (_w.Block($"private static void {EntryName}(ref {_t} x, ref {_t} w, ref {_t} b, ref {_t} y{parameters})"))
        {
            int slack = (CacheLineBytes / (_shape.Element == ElementKind.Float ? 4 : 8)) - 1;
            _w.Line($"// One block of {(_plan.Tall ? "up to " : string.Empty)}{columns} rows of x transposed, {_shape.Inputs} × {columns}, and their zᵀ, {_shape.Outputs} × {columns}, in pooled buffers,");
            _w.Line($"// each from its first {CacheLineBytes}-byte boundary ({slack} elements more rented): the panel's loads and zᵀ's stores split no cache line.");
            _w.Line($"{_t}[] panel = global::System.Buffers.ArrayPool<{_t}>.Shared.Rent((Inputs * {columns}) + {slack});");
            _w.Line($"{_t}[] transposed = global::System.Buffers.ArrayPool<{_t}>.Shared.Rent((Outputs * {columns}) + {slack});");
            if (_range)
            {
                _w.Line($"// And the range's zᵀ transposed ({columns} × o1 − o0), copied into its columns of y.");
                _w.Line($"{_t}[] block = global::System.Buffers.ArrayPool<{_t}>.Shared.Rent(Outputs * {columns});");
            }

            using (_w.Block("try"))
            {
                _w.Line($"ref {_t} panelStart = ref MemoryMarshal.GetArrayDataReference(panel);");
                _w.Line($"ref {_t} zStart = ref MemoryMarshal.GetArrayDataReference(transposed);");
                _w.Line($"ref {_t} p = ref Unsafe.Add(ref panelStart, RowAlignment.ElementsToBoundary(ref panelStart, {CacheLineBytes}));");
                _w.Line($"ref {_t} z = ref Unsafe.Add(ref zStart, RowAlignment.ElementsToBoundary(ref zStart, {CacheLineBytes}));");
                if (_range)
                {
                    _w.Line($"ref {_t} t = ref MemoryMarshal.GetArrayDataReference(block);");
                }

                string panel = PanelName + _v.TypeArguments;
                if (_plan.Tall)
                {
                    EmitTallBlocks();
                }
                else if (_plan.DotRestRows > 0)
                {
                    EmitBlocksWithDotRest(panel);
                }
                else
                {
                    EmitBlocks(panel);
                }
            }

            using (_w.Block("finally"))
            {
                if (_range)
                {
                    _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(block);");
                }

                _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(transposed);");
                _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(panel);");
            }
        }
    }

    /// <summary>The blocks of a batch whose rest after the whole blocks takes a last block of one or two vectors of rows.</summary>
    private void EmitBlocks(string panel)
    {
        int columns = _plan.Columns;
        string bound = new RowCountText(_rows).Bound;
        _w.Line("int row = 0;");
        using (_w.Block($"for (; row + {columns} <= {bound}; row += {columns})"))
        {
            _w.Line($"{panel}(ref x, ref w, ref b, ref y, {Buffers}, row);");
        }

        int lanes = _plan.Lanes;
        string last = $"{panel}(ref x, ref w, ref b, ref y, {Buffers}, {bound} - {columns});";
        string lastOne = $"{OneVectorPanelName}{_v.TypeArguments}(ref x, ref w, ref b, ref y, {Buffers}, {bound} - {lanes});";
        string comment = $"// More than {lanes} rows left: one more block ending at the last row; the rows it shares with the block before get the same values again.";
        string commentOne = $"// At most {lanes} rows left: one block of one vector ({lanes} rows) ending at the last row, overlapping the rows before (same values again).";
        if (_rows == 0)
        {
            using (_w.Block($"if (batch - row > {lanes})"))
            {
                _w.Line(comment);
                _w.Line(last);
            }

            using (_w.Block("else if (row < batch)"))
            {
                _w.Line(commentOne);
                _w.Line(lastOne);
            }
        }
        else if (_rows % columns > lanes)
        {
            _w.Line(comment);
            _w.Line(last);
        }
        else if (_rows % columns != 0)
        {
            _w.Line(commentOne);
            _w.Line(lastOne);
        }
    }

    /// <summary>
    /// The blocks of a batch whose rest after the whole blocks (up to <see cref="XPanelPlan.DotRestRows"/> rows) the last
    /// whole block computes as dot products; a longer rest takes a last block of one or two vectors of rows.
    /// </summary>
    private void EmitBlocksWithDotRest(string panel)
    {
        int columns = _plan.Columns, lanes = _plan.Lanes, dots = _plan.DotRestRows;
        string twoVector = $"{panel}(ref x, ref w, ref b, ref y, {Buffers}, {{0}} - {columns}, 0);";
        string oneVector = $"{OneVectorPanelName}{_v.TypeArguments}(ref x, ref w, ref b, ref y, {Buffers}, {{0}} - {lanes});";
        string comment = $"// More than {System.Math.Max(dots, lanes)} rows left: one more block ending at the last row; the rows it shares with the block before get the same values again.";
        string commentOne = $"// {dots + 1} to {lanes} rows left: one block of one vector ({lanes} rows) ending at the last row, overlapping the rows before (same values again).";
        if (_rows > 0)
        {
            int rest = _plan.Rest(_rows), last = _rows - rest - columns;
            int dotRows = rest <= dots ? rest : 0;
            if (last > 0)
            {
                using (_w.Block($"for (int row = 0; row < {last}; row += {columns})"))
                {
                    _w.Line($"{panel}(ref x, ref w, ref b, ref y, {Buffers}, row, 0);");
                }
            }

            if (dotRows > 0)
            {
                _w.Line($"// The last whole block, and the {dotRows} row{(dotRows == 1 ? string.Empty : "s")} after it by dot products over W's rows.");
            }

            _w.Line($"{panel}(ref x, ref w, ref b, ref y, {Buffers}, {last}, {dotRows});");
            if (rest > dots)
            {
                _w.Line(rest > lanes ? comment : commentOne);
                _w.Line(string.Format(rest > lanes ? twoVector : oneVector, _rows));
            }

            return;
        }

        _w.Line($"// Rows after the whole blocks of {columns}: up to {dots} by dot products over W's rows inside the last whole block.");
        _w.Line($"int rest = batch % {columns}, last = batch - rest - {columns};");
        using (_w.Block($"for (int row = 0; row < last; row += {columns})"))
        {
            _w.Line($"{panel}(ref x, ref w, ref b, ref y, {Buffers}, row, 0);");
        }

        _w.Line($"{panel}(ref x, ref w, ref b, ref y, {Buffers}, last, rest <= {dots} ? rest : 0);");
        if (dots >= lanes)
        {
            using (_w.Block($"if (rest > {dots})"))
            {
                _w.Line(comment);
                _w.Line(string.Format(twoVector, "batch"));
            }

            return;
        }

        using (_w.Block($"if (rest > {lanes})"))
        {
            _w.Line(comment);
            _w.Line(string.Format(twoVector, "batch"));
        }

        using (_w.Block($"else if (rest > {dots})"))
        {
            _w.Line(commentOne);
            _w.Line(string.Format(oneVector, "batch"));
        }
    }

    /// <summary>
    /// The blocks of a <see cref="XPanelPlan.Tall"/> batch: its whole vectors of rows cut by <see cref="XPanelPlan.TallBlocks"/>,
    /// the rows after them (up to one vector less a row) by dot products inside the last block.
    /// </summary>
    private void EmitTallBlocks()
    {
        int lanes = _plan.Lanes, dots = _plan.DotRestRows;
        string Block(int vectors, string row, string rest) =>
            $"{PanelNameOf(vectors)}{_v.TypeArguments}(ref x, ref w, ref b, ref y, {Buffers}, {row}{(dots > 0 ? $", {rest}" : string.Empty)});";
        if (_rows > 0)
        {
            var blocks = _plan.TallLayout(_rows)!;
            int rest = blocks[blocks.Count - 1].Dots, padded = _plan.PaddedRows(_rows);
            _w.Line($"// {(blocks.Count == 1 ? "One block" : "Blocks")} of {string.Join(" + ", blocks.Select(block => block.Vectors * lanes))} rows{(rest > 0 ? $", the last {rest} row{(rest == 1 ? string.Empty : "s")} by dot products over W's rows inside the last block" : padded > 0 ? $", the last {padded} past the batch (packed as zeros, computed in vain, not written)" : _plan.LastBlockOverlaps(blocks) ? ", the last one ending at the last row (the rows it shares with the block before get the same values again)" : string.Empty)}.");
            for (int k = 0; k < blocks.Count; k++)
            {
                (int vectors, int row, int blockRest) = blocks[k];
                _w.Line(Block(vectors, row.ToString(), (k == blocks.Count - 1 && padded > 0 ? -padded : blockRest).ToString()));
            }

            return;
        }

        int most = _plan.MaxVectors;
        _w.Line($"// Blocks of {most} vectors ({most * lanes} rows) while more than {most + 1} vectors are left, {most - 1} + 2 when {most + 1}, then the last block of 2–{most};");
        string any = Pads ? $"up to {_plan.PaddedFromRows - 1} at two whole vectors{(_plan.LongRestByDots ? ", or three" : string.Empty)}, more by a padded last block" : $"any at two whole vectors{(_plan.LongRestByDots ? ", or three" : string.Empty)}";
        _w.Line($"// up to {dots} rows after the whole vectors ({any}) by dot products over W's rows inside the last block.");
        _w.Line($"int rest = batch & {lanes - 1}, whole = batch - rest, row = 0, back = 0;");
        if (Pads)
        {
            using (_w.Block($"if (rest >= {_plan.PaddedFromRows} && (whole == {2 * lanes}{(_plan.Tile4 > 0 ? $" || whole == {3 * lanes}" : string.Empty)}))"))
            {
                _w.Line("// A long rest after two whole vectors (three: blocks of four): one more vector of rows, the last block padded with the");
                _w.Line("// rows past the batch (packed as zeros, computed in vain, not written), rest = −(those rows).");
                _w.Line($"whole += {lanes};");
                _w.Line($"rest -= {lanes};");
            }
        }

        using (_w.Block($"{(Pads ? "else if" : "if")} (rest > {dots} && (whole >= {4 * lanes} || (whole == {3 * lanes} && rest >= {lanes - _plan.MaxVainRows})))"))
        {
            _w.Line($"// A longer rest: one more vector of rows, the last block ending at the last row (the rows it shares with the block before get the same values again).");
            _w.Line($"back = {lanes} - rest;");
            _w.Line($"whole += {lanes};");
            _w.Line("rest = 0;");
        }

        using (_w.Block($"for (; whole - row > {(most + 1) * lanes}; row += {most * lanes})"))
        {
            _w.Line(Block(most, "row", "0"));
        }

        using (_w.Block($"if (whole - row == {(most + 1) * lanes})"))
        {
            _w.Line(Block(most - 1, "row", "0"));
            _w.Line($"row += {(most - 1) * lanes};");
        }

        if (most == 4)
        {
            using (_w.Block($"else if (back > 0 && whole == {4 * lanes})"))
            {
                _w.Line("// Four vectors would end past the batch: two blocks of two, the second ending at the last row.");
                _w.Line(Block(2, "0", "0"));
                _w.Line($"row = {2 * lanes};");
            }
        }

        _w.Line("int left = whole - row;");
        _w.Line("row -= back;");
        for (int v = 2; v <= most; v++)
        {
            if (v == most)
            {
                using (_w.Block("else"))
                {
                    _w.Line(Block(v, "row", "rest"));
                }
            }
            else
            {
                using (_w.Block($"{(v == 2 ? "if" : "else if")} (left == {v * lanes})"))
                {
                    _w.Line(Block(v, "row", "rest"));
                }
            }
        }
    }

    private void EmitPanel(int vectors) => EmitPanel(PanelNameOf(vectors), vectors, _plan.TileOutputs(vectors), _plan.RestTileOutputs(vectors));

    private void EmitOneVectorPanel() => EmitPanel(OneVectorPanelName, 1, _plan.OneVectorOutputs, _plan.OneVectorRestOutputs);

    /// <summary>The block method over <paramref name="vectors"/> vectors of rows: tiles of <paramref name="tile"/> outputs, the rest by tiles of <paramref name="small"/> (0: one more full tile).</summary>
    private void EmitPanel(string name, int vectors, int tile, int small)
    {
        int outputs = _shape.Outputs;
        int full = (outputs / tile) * tile;
        string columnsText = ColumnsText(vectors);
        bool dots = vectors >= 2 && _plan.DotRestRows > 0;
        _w.Line("/// <summary>");
        _w.Line($"/// Rows r0..r0+{(vectors == 1 ? "K.Count" : $"{vectors}·K.Count")}−1 of y: pack those rows of x into p (p[i, c] = x[r0 + c, i]), run every tile of outputs over");
        _w.Line("/// them into zᵀ (z[o, c]), then transpose zᵀ into the rows of y. Generic over the width.");
        if (dots)
        {
            _w.Line($"/// The <paramref name=\"rest\"/> rows after the block (0 to {(_plan.Tall ? "K.Count−1" : "2·K.Count−1")}) by dot products over W's rows, 4 outputs at a time, each");
            _w.Line("/// group of outputs right after the tile that has read its rows of W (from L1, not once more from L2 or L3).");
        }

        if (_range)
        {
            _w.Line("/// Only outputs o0..o1−1 (whole vectors of them, or ending at the last output): the same tiles and dot products per output as");
            _w.Line("/// the single-threaded block, so the same bits; t holds the range's zᵀ transposed before it is copied into y.");
        }

        _w.Line("/// </summary>");
        _w.Line(CodeWriter.OptimizeKernel);

        string range = _range ? $", ref {_t} t, int o0, int o1" : string.Empty;
        using (_w.Block($"private static void {name}{Declare($"ref {_t} x, ref {_t} w, ref {_t} b, ref {_t} y, ref {_t} p, ref {_t} z{range}, int r0{(dots ? ", int rest" : string.Empty)}")}"))
        {
            if (dots && Pads && vectors >= 3)
            {
                _w.Line($"// rest < 0: the block's last −rest rows are past the batch: packed as zeros, computed in vain, not written.");
                using (_w.Block("if (rest < 0)"))
                {
                    _w.Line($"PanelPacking.PackPadded(ref Unsafe.Add(ref x, r0 * Inputs), Inputs, {columnsText} + rest, {columnsText}, ref p);");
                }

                using (_w.Block("else"))
                {
                    _w.Line($"PanelPacking.Pack(ref Unsafe.Add(ref x, r0 * Inputs), Inputs, {columnsText}, ref p);");
                }
            }
            else
            {
                _w.Line($"PanelPacking.Pack(ref Unsafe.Add(ref x, r0 * Inputs), Inputs, {columnsText}, ref p);");
            }

            if (dots)
            {
                _w.Line($"// The rest rows, after the block's: x's and y's, and the outputs whose rest rows are done (d, a multiple of 4).");
                _w.Line($"ref {_t} xr = ref Unsafe.Add(ref x, (r0 + {columnsText}) * Inputs);");
                _w.Line($"ref {_t} yr = ref Unsafe.Add(ref y, (r0 + {columnsText}) * Outputs);");
                _w.Line($"int d = {(_range ? "o0" : "0")};");
            }

            if (_range)
            {
                EmitRangeTilesAndTranspose(vectors, tile, dots);
                return;
            }

            if (vectors >= 2 && _plan.EvenSplit(vectors) is { } even)
            {
                // Tiles as even as they go (XPanelPlan.EvenSplit): of tile outputs up to even.BigEnd, then of tile − 1.
                _w.Line($"// {outputs} outputs: tiles of {tile}{(even.BigEnd < outputs ? $" up to output {even.BigEnd}, then of {tile - 1}" : string.Empty)}: none computed twice.");
                _w.Line("int o = 0;");
                using (_w.Block($"for (; o < {even.BigEnd}; o += {tile})"))
                {
                    EmitTileAndDots(tile, vectors, dots);
                }

                if (even.BigEnd < outputs)
                {
                    _w.Line();
                    using (_w.Block($"for (; o < {outputs}; o += {tile - 1})"))
                    {
                        EmitTileAndDots(tile - 1, vectors, dots);
                    }
                }

                full = outputs;
            }
            else
            {
                using (_w.Block($"for (int o = 0; o < {full}; o += {tile})"))
                {
                    EmitTileAndDots(tile, vectors, dots);
                }
            }

            int rest = outputs - full;
            if (rest > 0)
            {
                int last = small > 0 ? small : tile;
                int count = (rest + last - 1) / last;
                _w.Line();
                _w.Line($"// The last {rest} output{(rest == 1 ? string.Empty : "s")}: {(count == 1 ? "one tile" : $"{count} tiles")} of {last}, the last one over outputs {outputs - last}..{outputs - 1}: the");
                _w.Line("// outputs it shares with the tile before are computed along but not stored again.");
                for (int k = 0; k < count - 1; k++)
                {
                    _w.Line(TileCall(last, vectors, (full + (k * last)).ToString(), "0"));
                }

                _w.Line(TileCall(last, vectors, (outputs - last).ToString(), ((count * last) - rest).ToString()));
            }

            if (dots)
            {
                _w.Line();
                using (_w.Block("if (rest > 0)"))
                {
                    _w.Line("// The rest rows of the outputs left (after the last tiles), then σ in place over all the rest rows.");
                    _w.Line(DotCall(outputs.ToString()));
                    _w.Line(ForwardKernelEmitter.SigmoidInPlace(_shape.Precision, "ref yr", $"rest * {outputs}"));
                }
            }

            _w.Line();
            _w.Line("// zᵀ (Outputs × the block's rows) transposed into the block's rows of y.");
            if (dots && Pads && vectors >= 3)
            {
                using (_w.Block("if (rest < 0)"))
                {
                    _w.Line($"PanelPacking.PackPart(ref z, {columnsText}, {columnsText} + rest, Outputs, ref Unsafe.Add(ref y, r0 * Outputs));");
                }

                using (_w.Block("else"))
                {
                    _w.Line($"PanelPacking.Pack(ref z, {columnsText}, Outputs, ref Unsafe.Add(ref y, r0 * Outputs));");
                }
            }
            else
            {
                _w.Line($"PanelPacking.Pack(ref z, {columnsText}, Outputs, ref Unsafe.Add(ref y, r0 * Outputs));");
            }
        }
    }

    /// <summary>Whether the plan pads a last block of 3 (or 4) vectors of rows (<see cref="XPanelPlan.PadsLastBlock"/>).</summary>
    private bool Pads => _plan.PadsLastBlock;

    /// <summary>
    /// One tile of outputs o.. (loop variable <c>o</c>), then, when the batch has rest rows, the dot products of the outputs
    /// whose rows of W that tile has just read (from <c>d</c> up to the tile's last whole four).
    /// </summary>
    private void EmitTileAndDots(int tile, int vectors, bool dots)
    {
        _w.Line(TileCall(tile, vectors, "o", "0"));
        if (dots)
        {
            using (_w.Block("if (rest > 0)"))
            {
                _w.Line($"int e = (o + {tile}) & ~3;");
                _w.Line(DotCall("e"));
                _w.Line("d = e;");
            }
        }
    }

    /// <summary>
    /// The range variant's body after the pack: full tiles from o0, one more ending at o1 (or at the full tile's width)
    /// whose outputs before the rest are not stored, the dot products of the rest rows and their σ over the range, and the
    /// range's zᵀ transposed into t and copied into its columns of y.
    /// </summary>
    private void EmitRangeTilesAndTranspose(int vectors, int tile, bool dots)
    {
        string columnsText = ColumnsText(vectors);
        _w.Line("int o = o0;");
        using (_w.Block($"for (; o + {tile} <= o1; o += {tile})"))
        {
            EmitTileAndDots(tile, vectors, dots);
        }

        _w.Line();
        _w.Line("// The last outputs of the range: one more tile ending at o1 (or starting at 0), the outputs before o computed along, not stored.");
        using (_w.Block("if (o < o1)"))
        {
            _w.Line($"int s = o1 < {tile} ? 0 : o1 - {tile};");
            _w.Line(TileCall(tile, vectors, "s", "o - s"));
        }

        if (dots)
        {
            _w.Line();
            using (_w.Block("if (rest > 0)"))
            {
                _w.Line("// The rest rows of the outputs left, then σ in place over the range of each rest row.");
                _w.Line(DotCall("o1"));
                _w.Line("nuint n = (nuint)K.Count;");
                using (_w.Block("for (int s = 0; s < rest; s++)"))
                {
                    _w.Line($"ref {_t} ys = ref Unsafe.Add(ref yr, s * Outputs);");
                    using (_w.Block("for (nuint k = (nuint)o0; k < (nuint)o1; k += n)"))
                    {
                        _w.Line(_v.Store(_v.Sigmoid(_sigmoid, _v.Load("ys", "k")), "ys", "k"));
                    }
                }
            }
        }

        _w.Line();
        _w.Line("// The range's zᵀ (o1 − o0 outputs × the block's rows) transposed into t, then each row copied into its columns of y.");
        _w.Line("int m = o1 - o0;");
        _w.Line($"PanelPacking.Pack(ref Unsafe.Add(ref z, o0 * {columnsText}), {columnsText}, m, ref t);");
        using (_w.Block($"for (int c = 0; c < {columnsText}{(Pads && vectors >= 3 ? " + (rest < 0 ? rest : 0)" : string.Empty)}; c++)"))
        {
            _w.Line($"MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref t, c * m), m).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref y, ((r0 + c) * Outputs) + o0), m));");
        }
    }

    /// <summary>The dot-product method of the plan's tile of rows (<see cref="XPanelPlan.DotTileRows"/>): <c>XRest4x4</c>, <c>XRest6x4</c>.</summary>
    private string DotName => $"XRest{_plan.DotTileRows}x4";

    private string DotCall(string end) => $"{DotName}{Pass}(ref w, ref xr, ref b, ref yr, rest, d, {end});";

    /// <summary>
    /// The dot products of the rest rows for outputs d..end−1 (W's rows, just read by the block's last tiles): with
    /// <see cref="XPanelPlan.DotTileRows"/> 6, tiles of 6 rows × 4 outputs while 6 or 7 or at least 10 rows are left (the rest
    /// then never leaves more than one row alone); per 4 rows of x, tiles of 4 rows × 4 outputs, then the last rows (up to
    /// 3) one at a time; z + bias stored into y's rows, σ left to the block.
    /// </summary>
    private void EmitDotTile()
    {
        if (!_printed.Add(DotName))
        {
            return;
        }

        _w.Line();
        string vector = _v.Type;
        int tall = _plan.DotTileRows;
        _w.Line("/// <summary>");
        _w.Line("/// Outputs d..end−1 (a multiple of 4; W's rows at w) of <paramref name=\"rows\"/> rows of x (at x0) as dot products over the inputs:");
        _w.Line(tall == 6
            ? "/// tiles of 6 rows × 4 outputs while 6, 7 or at least 10 rows are left, then per 4 rows tiles of 4 rows × 4 outputs; then the last rows one at a time."
            : "/// per 4 rows, tiles of 4 rows × 4 outputs; then the last rows one at a time.");
        _w.Line("/// z + bias into y's rows (at y0), σ left to the caller.");
        _w.Line("/// </summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {DotName}{Declare($"ref {_t} w, ref {_t} x0, ref {_t} b, ref {_t} y0, int rows, int d, int end")}"))
        {
            _w.Line("nuint n = (nuint)K.Count;");
            _w.Line("int s = 0;");
            if (tall == 6)
            {
                _w.Line("// 6 rows at a time (10 loads per 24 FMAs, 4 rows take 8 per 16), but not where 8 or 9 rows are left: those take two tiles of 4.");
                using (_w.Block("for (; rows - s >= 6 && rows - s != 8 && rows - s != 9; s += 6)"))
                {
                    EmitRowGroup(6);
                }

                _w.Line();
            }

            using (_w.Block("for (; s + 4 <= rows; s += 4)"))
            {
                EmitRowGroup(4);
            }

            _w.Line();
            _w.Line("// The last rows (up to 3) one at a time: two accumulators per output (even and odd steps), 8 chains in flight.");
            using (_w.Block("for (; s < rows; s++)"))
            {
                _w.Line($"ref {_t} xs = ref Unsafe.Add(ref x0, s * Inputs);");
                using (_w.Block("for (int o = d; o < end; o += 4)"))
                {
                    EmitWeightRows();
                    _w.Line($"{vector} {string.Join(", ", Enumerable.Range(0, 4).SelectMany(o => new[] { $"a{o}0 = {_v.Zero}", $"a{o}1 = {_v.Zero}" }))};");
                    void Step(string offset, int k)
                    {
                        _w.Line($"{vector} v{k} = {_v.Load("xs", offset)};");
                        for (int o = 0; o < 4; o++)
                        {
                            _w.Line($"a{o}{k} = {_v.MultiplyAdd($"v{k}", _v.Load($"w{o}", offset), $"a{o}{k}")};");
                        }
                    }

                    _w.Line("nuint i = 0;");
                    using (_w.Block($"for (; i + (2 * n) <= {_shape.Inputs}; i += 2 * n)"))
                    {
                        Step("i", 0);
                        Step("i + n", 1);
                    }

                    using (_w.Block($"if (i < {_shape.Inputs})"))
                    {
                        Step("i", 0);
                    }

                    _w.Line($"K.StoreSums4({string.Join(", ", Enumerable.Range(0, 4).Select(o => _v.Add($"a{o}0", $"a{o}1")))}, ref Unsafe.Add(ref b, o), ref Unsafe.Add(ref y0, (s * Outputs) + o));");
                }
            }
        }

        // One group of `rows` rows of x: tiles of them × 4 outputs, each row's four sums reduced together.
        void EmitRowGroup(int rows)
        {
            _w.Line($"// {rows} rows of x (in L1 for every group of outputs), 4 outputs at a time (their rows of W in L1 after the first {rows} rows).");
            _w.Line($"ref {_t} x0s = ref Unsafe.Add(ref x0, s * Inputs);");
            for (int r = 1; r < rows; r++)
            {
                _w.Line($"ref {_t} x{r}s = ref Unsafe.Add(ref x{r - 1}s, Inputs);");
            }

            _w.Line($"ref {_t} ys = ref Unsafe.Add(ref y0, s * Outputs);");
            using (_w.Block("for (int o = d; o < end; o += 4)"))
            {
                EmitWeightRows();
                for (int r = 0; r < rows; r++)
                {
                    _w.Line($"{vector} {string.Join(", ", Enumerable.Range(0, 4).Select(o => $"a{r}{o} = {_v.Zero}"))};");
                }

                using (_w.Block($"for (nuint i = 0; i < {_shape.Inputs}; i += n)"))
                {
                    _w.Line($"{vector} {string.Join(", ", Enumerable.Range(0, rows).Select(r => $"x{r}i = {_v.Load($"x{r}s", "i")}"))};");
                    for (int o = 0; o < 4; o++)
                    {
                        _w.Line($"{(o == 0 ? $"{vector} " : string.Empty)}wi = {_v.Load($"w{o}", "i")}; " +
                                string.Join(" ", Enumerable.Range(0, rows).Select(r => $"a{r}{o} = {_v.MultiplyAdd($"x{r}i", "wi", $"a{r}{o}")};")));
                    }
                }

                for (int r = 0; r < rows; r++)
                {
                    _w.Line($"K.StoreSums4(a{r}0, a{r}1, a{r}2, a{r}3, ref Unsafe.Add(ref b, o), ref Unsafe.Add(ref ys, {(r == 0 ? "o" : $"{r} * Outputs + o")}));");
                }
            }
        }

        void EmitWeightRows()
        {
            _w.Line($"ref {_t} w0 = ref Unsafe.Add(ref w, o * Inputs);");
            _w.Line($"ref {_t} w1 = ref Unsafe.Add(ref w0, Inputs);");
            _w.Line($"ref {_t} w2 = ref Unsafe.Add(ref w1, Inputs);");
            _w.Line($"ref {_t} w3 = ref Unsafe.Add(ref w2, Inputs);");
        }
    }

    private static string TileCall(int outputs, int vectors, string o, string skip) =>
        $"{TileName(outputs, vectors)}{Pass}(ref Unsafe.Add(ref w, {o} * Inputs), ref p, ref Unsafe.Add(ref b, {o}), ref Unsafe.Add(ref z, {o} * {ColumnsText(vectors)}), {skip});";

    /// <summary>A tile of <paramref name="outputs"/> outputs × <paramref name="vectors"/> (1 or 2) vectors of batch rows, unless printed already.</summary>
    private void EmitTile(int outputs, int vectors)
    {
        string name = TileName(outputs, vectors);
        if (!_printed.Add(name))
        {
            return;
        }

        _w.Line();
        string vector = _v.Type;
        _w.Line($"/// <summary>{outputs} outputs × {(vectors == 1 ? "1 vector" : $"{vectors} vectors")} of batch rows: zᵀ = bias + Σ_i W[o, i]·panel[i, :], then σ in place.</summary>");
        _w.Line("/// <param name=\"skip\">Outputs at the start that an earlier tile has written: computed along, neither stored nor passed through σ.</param>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {name}{Declare($"ref {_t} w0, ref {_t} p, ref {_t} b, ref {_t} z0, int skip")}"))
        {
            _w.Line("nuint n = (nuint)K.Count; // lanes per vector: a constant of each instantiation, folded into the offsets");
            _w.Line("// Output r's weights are read r·Inputs after w0: a constant offset in the load, no register per output.");
            for (int r = 0; r < outputs; r++)
            {
                _w.Line($"{vector} {string.Join(", ", Enumerable.Range(0, vectors).Select(v => $"a{r}{v} = {_v.Zero}"))};");
            }

            _w.Line($"{vector} {string.Join(", ", Enumerable.Range(0, vectors).Select(v => $"p{v}"))}, wi;");

            // One input: the panel's vectors for it (vectors of batch rows), then each output's weight broadcast against
            // them: the products and the order of the sums are the W panel's, with x and W swapped.
            void Step(string input, int step)
            {
                for (int v = 0; v < vectors; v++)
                {
                    _w.Line($"p{v} = {_v.Load("pi", Lanes((vectors * step) + v))};");
                }

                for (int r = 0; r < outputs; r++)
                {
                    string fmas = string.Join(" ", Enumerable.Range(0, vectors).Select(v => $"a{r}{v} = {_v.MultiplyAdd("wi", $"p{v}", $"a{r}{v}")};"));
                    _w.Line($"wi = {_v.Broadcast($"Unsafe.Add(ref w0, {PanelKernelEmitter.RowInput(r, input)})")}; {fmas}");
                }
            }

            int unroll = _plan.InputUnroll;
            int loopEnd = _plan.InputLoopEnd;
            _w.Line($"ref {_t} pi = ref p;");
            if (loopEnd > 0)
            {
                _w.Line($"// Inputs 0..{loopEnd - 1}, {(unroll == 1 ? "one" : unroll.ToString())} per step; pi walks the panel.");
                using (_w.Block($"for (nuint i = 0; i < {loopEnd}; {(unroll == 1 ? "i++" : $"i += {unroll}")})"))
                {
                    for (int u = 0; u < unroll; u++)
                    {
                        Step(u == 0 ? "i" : $"i + {u}", u);
                    }

                    _w.Line($"pi = ref Unsafe.Add(ref pi, {Lanes(vectors * unroll)});");
                }
            }

            int rest = _plan.InputsAfterLoop;
            if (rest > 0)
            {
                _w.Line(loopEnd == 0
                    ? $"// Inputs 0..{_shape.Inputs - 1}, written out."
                    : $"// Input{(rest == 1 ? string.Empty : "s")} {loopEnd}..{_shape.Inputs - 1}, after the loop.");
                for (int u = 0; u < rest; u++)
                {
                    Step((loopEnd + u).ToString(), u);
                }
            }

            string row = vectors == 1 ? "n" : $"{vectors} * n";
            _w.Line();
            _w.Line($"// Each output's bias broadcast over its batch rows; zᵀ row r ({(vectors == 1 ? "1 vector" : $"{vectors} vectors")}) at z0 + r·{(vectors == 1 ? "n" : $"{vectors}·n")}.");
            for (int r = 0; r < outputs; r++)
            {
                string stores = $"{vector} b{r} = {_v.Broadcast($"Unsafe.Add(ref b, {r})")}; " +
                                string.Join(" ", Enumerable.Range(0, vectors).Select(v => _v.Store(_v.Add($"a{r}{v}", $"b{r}"), "z0", Lanes((vectors * r) + v))));
                _w.Line($"if (skip <= {r}) {{ {stores} }}");
            }

            _w.Line();
            // zᵀ's rows of this tile are contiguous: one sweep, whose loop runs several sigmoids side by side.
            _w.Line("// σ in place over the outputs just written (from skip, still in L1), one sweep: the accumulators are dead, nothing spills.");
            _w.Line(ForwardKernelEmitter.SigmoidInPlace(_shape.Precision, $"ref Unsafe.Add(ref z0, (nuint)skip * {row})", $"(int)((nuint)({outputs} - skip) * {row})"));
        }
    }

    /// <summary><paramref name="vectors"/> vectors in a generic body: a multiple of <c>n</c>.</summary>
    private static string Lanes(int vectors) => vectors == 0 ? "0" : vectors == 1 ? "n" : $"{vectors} * n";
}
