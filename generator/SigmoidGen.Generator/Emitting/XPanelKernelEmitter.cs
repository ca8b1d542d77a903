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

    public string EntryName => $"XPanels{_plan.Bits}";

    /// <summary>The statement that runs the kernel over the whole batch.</summary>
    public string Call => $"{EntryName}(ref x, ref w, ref b, ref y{new RowCountText(_rows).Argument});";

    private string PanelName => $"XPanel{_plan.Name}";

    private string OneVectorPanelName => $"XPanel{_plan.OneVectorName}";

    private static string TileName(int outputs, int vectors) => $"XTile{outputs}x{vectors}";

    private const string Pass = "<K, V>";

    private string Declare(string parameters) => $"<K, V>({parameters}){VectorText.Constraints(_t)}";

    /// <summary>The block's batch rows in a generic body: <c>2 * K.Count</c> (<c>K.Count</c> for one vector).</summary>
    private static string ColumnsText(int vectors) => vectors == 1 ? "K.Count" : "2 * K.Count";

    public void Emit()
    {
        EmitEntry();
        if (_printed.Add(PanelName))
        {
            _w.Line();
            EmitPanel();
            EmitTile(_plan.OutputsPerTile, 2);
            if (_plan.SmallTileOutputs > 0)
            {
                EmitTile(_plan.SmallTileOutputs, 2);
            }
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

    /// <summary>Whether the batch may end with a one-vector block: any run-time batch, or a fixed one with 1..Lanes rows after its whole blocks.</summary>
    private bool UsesOneVectorBlock => _rows == 0 || (_rows % _plan.Columns != 0 && _rows % _plan.Columns <= _plan.Lanes);

    private void EmitEntry()
    {
        int columns = _plan.Columns;
        string bound = new RowCountText(_rows).Bound;
        _w.Line($"/// <summary>Vector{_plan.Bits} outer-product kernel with x as the panel (its path's line in the plan, in the remarks).</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {EntryName}(ref {_t} x, ref {_t} w, ref {_t} b, ref {_t} y{new RowCountText(_rows).Parameter})"))
        {
            _w.Line($"// One block of {columns} rows of x transposed, {_shape.Inputs} × {columns}, and their zᵀ, {_shape.Outputs} × {columns}, in pooled buffers.");
            _w.Line($"{_t}[] panel = global::System.Buffers.ArrayPool<{_t}>.Shared.Rent(Inputs * {columns});");
            _w.Line($"{_t}[] transposed = global::System.Buffers.ArrayPool<{_t}>.Shared.Rent(Outputs * {columns});");
            using (_w.Block("try"))
            {
                _w.Line($"ref {_t} p = ref MemoryMarshal.GetArrayDataReference(panel);");
                _w.Line($"ref {_t} z = ref MemoryMarshal.GetArrayDataReference(transposed);");
                string panel = PanelName + _v.TypeArguments;
                _w.Line("int row = 0;");
                using (_w.Block($"for (; row + {columns} <= {bound}; row += {columns})"))
                {
                    _w.Line($"{panel}(ref x, ref w, ref b, ref y, ref p, ref z, row);");
                }

                int lanes = _plan.Lanes;
                string last = $"{panel}(ref x, ref w, ref b, ref y, ref p, ref z, {bound} - {columns});";
                string lastOne = $"{OneVectorPanelName}{_v.TypeArguments}(ref x, ref w, ref b, ref y, ref p, ref z, {bound} - {lanes});";
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

            using (_w.Block("finally"))
            {
                _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(transposed);");
                _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(panel);");
            }
        }
    }

    private void EmitPanel() => EmitPanel(PanelName, 2, _plan.OutputsPerTile, _plan.SmallTileOutputs);

    private void EmitOneVectorPanel() => EmitPanel(OneVectorPanelName, 1, _plan.OneVectorOutputs, _plan.OneVectorRestOutputs);

    /// <summary>The block method over <paramref name="vectors"/> vectors of rows: tiles of <paramref name="tile"/> outputs, the rest by tiles of <paramref name="small"/> (0: one more full tile).</summary>
    private void EmitPanel(string name, int vectors, int tile, int small)
    {
        int outputs = _shape.Outputs;
        int full = (outputs / tile) * tile;
        string columnsText = ColumnsText(vectors);
        _w.Line("/// <summary>");
        _w.Line($"/// Rows r0..r0+{(vectors == 1 ? "K.Count" : "2·K.Count")}−1 of y: pack those rows of x into p (p[i, c] = x[r0 + c, i]), run every tile of outputs over");
        _w.Line("/// them into zᵀ (z[o, c]), then transpose zᵀ into the rows of y. Generic over the width.");
        _w.Line("/// </summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {name}{Declare($"ref {_t} x, ref {_t} w, ref {_t} b, ref {_t} y, ref {_t} p, ref {_t} z, int r0")}"))
        {
            _w.Line($"PanelPacking.Pack(ref Unsafe.Add(ref x, r0 * Inputs), Inputs, {columnsText}, ref p);");
            using (_w.Block($"for (int o = 0; o < {full}; o += {tile})"))
            {
                _w.Line(TileCall(tile, vectors, "o", "0"));
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

            _w.Line();
            _w.Line("// zᵀ (Outputs × the block's rows) transposed into the block's rows of y.");
            _w.Line($"PanelPacking.Pack(ref z, {columnsText}, Outputs, ref Unsafe.Add(ref y, r0 * Outputs));");
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
            _w.Line("// σ in place over the outputs just written (from skip, still in L1): the accumulators are dead, nothing spills.");
            _w.Line($"ref {_t} zr = ref Unsafe.Add(ref z0, (nuint)skip * {row});");
            using (_w.Block($"for (int r = skip; r < {outputs}; r++)"))
            {
                _w.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(v => _v.Store(_v.Sigmoid(_sigmoid, _v.Load("zr", Lanes(v))), "zr", Lanes(v)))));
                _w.Line($"zr = ref Unsafe.Add(ref zr, {row});");
            }
        }
    }

    /// <summary><paramref name="vectors"/> vectors in a generic body: a multiple of <c>n</c>.</summary>
    private static string Lanes(int vectors) => vectors == 0 ? "0" : vectors == 1 ? "n" : $"{vectors} * n";
}
