using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// Prints the swapped outer-product kernel of an <see cref="XPanelPlan"/> (x as the panel): the entry over blocks of
/// batch rows, the per-block method (pack x's rows, every tile of outputs into zᵀ, transpose zᵀ into y) and its tiles.
/// The block method and the tiles are generic over the width, printed once per class and name (<c>XPanel14x2&lt;K, V&gt;</c>,
/// <c>XTile14x2&lt;K, V&gt;</c>); the entry is per path (<c>XPanels512</c>). Every count comes from the plan.
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

    private static string TileName(int outputs) => $"XTile{outputs}x2";

    private const string Pass = "<K, V>";

    private string Declare(string parameters) => $"<K, V>({parameters}){VectorText.Constraints(_t)}";

    /// <summary>The block's batch rows in a generic body: <c>2 * K.Count</c>.</summary>
    private const string ColumnsText = "2 * K.Count";

    public void Emit()
    {
        EmitEntry();
        if (_printed.Add(PanelName))
        {
            _w.Line();
            EmitPanel();
            EmitTile(_plan.OutputsPerTile);
            if (_plan.SmallTileOutputs > 0)
            {
                EmitTile(_plan.SmallTileOutputs);
            }
        }
    }

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

                string last = $"{panel}(ref x, ref w, ref b, ref y, ref p, ref z, {bound} - {columns});";
                string comment = "// The last rows: one more block ending at the last row; the rows it shares with the block before get the same values again.";
                if (_rows == 0)
                {
                    using (_w.Block("if (row < batch)"))
                    {
                        _w.Line(comment);
                        _w.Line(last);
                    }
                }
                else if (_rows % columns != 0)
                {
                    _w.Line(comment);
                    _w.Line(last);
                }
            }

            using (_w.Block("finally"))
            {
                _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(transposed);");
                _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(panel);");
            }
        }
    }

    private void EmitPanel()
    {
        int tile = _plan.OutputsPerTile;
        int outputs = _shape.Outputs;
        int full = (outputs / tile) * tile;
        _w.Line("/// <summary>");
        _w.Line("/// Rows r0..r0+2·K.Count−1 of y: pack those rows of x into p (p[i, c] = x[r0 + c, i]), run every tile of outputs over");
        _w.Line("/// them into zᵀ (z[o, c]), then transpose zᵀ into the rows of y. Generic over the width.");
        _w.Line("/// </summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {PanelName}{Declare($"ref {_t} x, ref {_t} w, ref {_t} b, ref {_t} y, ref {_t} p, ref {_t} z, int r0")}"))
        {
            _w.Line($"PanelPacking.Pack(ref Unsafe.Add(ref x, r0 * Inputs), Inputs, {ColumnsText}, ref p);");
            using (_w.Block($"for (int o = 0; o < {full}; o += {tile})"))
            {
                _w.Line(TileCall(tile, "o", "0"));
            }

            int rest = outputs - full;
            if (rest > 0)
            {
                int small = _plan.SmallTileOutputs;
                int last = small > 0 ? small : tile;
                int count = (rest + last - 1) / last;
                _w.Line();
                _w.Line($"// The last {rest} output{(rest == 1 ? string.Empty : "s")}: {(count == 1 ? "one tile" : $"{count} tiles")} of {last}, the last one over outputs {outputs - last}..{outputs - 1}: the");
                _w.Line("// outputs it shares with the tile before are computed along but not stored again.");
                for (int k = 0; k < count - 1; k++)
                {
                    _w.Line(TileCall(last, (full + (k * last)).ToString(), "0"));
                }

                _w.Line(TileCall(last, (outputs - last).ToString(), ((count * last) - rest).ToString()));
            }

            _w.Line();
            _w.Line("// zᵀ (Outputs × the block's rows) transposed into the block's rows of y.");
            _w.Line($"PanelPacking.Pack(ref z, {ColumnsText}, Outputs, ref Unsafe.Add(ref y, r0 * Outputs));");
        }
    }

    private string TileCall(int outputs, string o, string skip) =>
        $"{TileName(outputs)}{Pass}(ref Unsafe.Add(ref w, {o} * Inputs), ref p, ref Unsafe.Add(ref b, {o}), ref Unsafe.Add(ref z, {o} * {ColumnsText}), {skip});";

    /// <summary>A tile of <paramref name="outputs"/> outputs × 2 vectors of batch rows, unless printed already.</summary>
    private void EmitTile(int outputs)
    {
        if (!_printed.Add(TileName(outputs)))
        {
            return;
        }

        _w.Line();
        string vector = _v.Type;
        _w.Line($"/// <summary>{outputs} outputs × 2 vectors of batch rows: zᵀ = bias + Σ_i W[o, i]·panel[i, :], then σ in place.</summary>");
        _w.Line("/// <param name=\"skip\">Outputs at the start that an earlier tile has written: computed along, neither stored nor passed through σ.</param>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {TileName(outputs)}{Declare($"ref {_t} w0, ref {_t} p, ref {_t} b, ref {_t} z0, int skip")}"))
        {
            _w.Line("nuint n = (nuint)K.Count; // lanes per vector: a constant of each instantiation, folded into the offsets");
            _w.Line("// Output r's weights are read r·Inputs after w0: a constant offset in the load, no register per output.");
            for (int r = 0; r < outputs; r++)
            {
                _w.Line($"{vector} a{r}0 = {_v.Zero}, a{r}1 = {_v.Zero};");
            }

            _w.Line($"{vector} p0, p1, wi;");

            // One input: the panel's two vectors for it (two vectors of batch rows), then each output's weight broadcast
            // against them: the products and the order of the sums are the W panel's, with x and W swapped.
            void Step(string input, int step)
            {
                _w.Line($"p0 = {_v.Load("pi", Lanes(2 * step))};");
                _w.Line($"p1 = {_v.Load("pi", Lanes((2 * step) + 1))};");
                for (int r = 0; r < outputs; r++)
                {
                    _w.Line($"wi = {_v.Broadcast($"Unsafe.Add(ref w0, {RowInput(r, input)})")}; a{r}0 = {_v.MultiplyAdd("wi", "p0", $"a{r}0")}; a{r}1 = {_v.MultiplyAdd("wi", "p1", $"a{r}1")};");
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

                    _w.Line($"pi = ref Unsafe.Add(ref pi, {Lanes(2 * unroll)});");
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

            _w.Line();
            _w.Line("// Each output's bias broadcast over its batch rows; zᵀ row r (2 vectors) at z0 + r·2·n.");
            for (int r = 0; r < outputs; r++)
            {
                string stores = $"{vector} b{r} = {_v.Broadcast($"Unsafe.Add(ref b, {r})")}; " +
                                _v.Store(_v.Add($"a{r}0", $"b{r}"), "z0", Lanes(2 * r)) + " " +
                                _v.Store(_v.Add($"a{r}1", $"b{r}"), "z0", Lanes((2 * r) + 1));
                _w.Line($"if (skip <= {r}) {{ {stores} }}");
            }

            _w.Line();
            _w.Line("// σ in place over the outputs just written (from skip, still in L1): the accumulators are dead, nothing spills.");
            _w.Line($"ref {_t} zr = ref Unsafe.Add(ref z0, (nuint)skip * 2 * n);");
            using (_w.Block($"for (int r = skip; r < {outputs}; r++)"))
            {
                _w.Line($"{_v.Store(_v.Sigmoid(_sigmoid, _v.Load("zr", "0")), "zr", "0")} {_v.Store(_v.Sigmoid(_sigmoid, _v.Load("zr", "n")), "zr", "n")}");
                _w.Line("zr = ref Unsafe.Add(ref zr, 2 * n);");
            }
        }
    }

    /// <summary><paramref name="vectors"/> vectors in a generic body: a multiple of <c>n</c>.</summary>
    private static string Lanes(int vectors) => vectors == 0 ? "0" : vectors == 1 ? "n" : $"{vectors} * n";

    /// <summary>Input <paramref name="input"/> of output <paramref name="r"/>'s row of W, from w0 (the row's offset joins the constant part).</summary>
    private static string RowInput(int r, string input)
    {
        if (r == 0)
        {
            return input;
        }

        string row = $"{r} * Inputs";
        return input == "i" ? $"i + ({row})" : input.StartsWith("i + ", System.StringComparison.Ordinal) ? $"i + ({row} + {input.Substring(4)})" : $"{input} + ({row})";
    }
}
