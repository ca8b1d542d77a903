using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// Prints the outer-product forward kernel of a <see cref="PanelPlan"/>: the panel loop (pack, then every row tile),
/// and the tiles of <see cref="PanelPlan.RowsPerTile"/> rows and of one row. Every count comes from the plan. With weights
/// packed per call, the panel method and its tiles are generic over the width (<see cref="PanelPlan.Body"/>): printed once
/// per distinct body, called by every path whose body it is, their offsets multiples of <c>K.Count</c>.
/// </summary>
internal sealed class PanelKernelEmitter
{
    private readonly LayerShape _shape;
    private readonly CodeWriter _w;
    private readonly PanelPlan _plan;
    private readonly VectorText _v;
    private readonly string _t;
    private readonly string _sigmoid;

    /// <summary>The row count the kernel is compiled for (the fixed batch); 0 when it takes it as a parameter.</summary>
    private readonly int _rows;

    /// <summary>"Panel", or "Unit" for a packed Vector512 path's one-vector panel of a leftover unit (<see cref="PanelPlan.LoneUnit"/>).</summary>
    private readonly string _kind;

    /// <summary>The width-free plan of a generic panel (weights packed per call), or null (packed weights: printed per width).</summary>
    private readonly PanelBody? _body;

    /// <summary>The generic panel bodies already printed in this class (shared by the paths of one layer).</summary>
    private readonly ISet<string> _printed;

    public PanelKernelEmitter(LayerShape shape, CodeWriter writer, PanelPlan plan, string sigmoid, int rows, ISet<string> printed)
        : this(shape, writer, plan, sigmoid, rows, "Panel", printed)
    {
    }

    private PanelKernelEmitter(LayerShape shape, CodeWriter writer, PanelPlan plan, string sigmoid, int rows, string kind, ISet<string> printed)
    {
        _kind = kind;
        _shape = shape;
        _rows = rows;
        _w = writer;
        _plan = plan;
        _t = shape.ElementName;
        _body = plan.Body;
        _printed = printed;
        _v = new VectorText(plan.Bits, _t, generic: _body is not null);
        _sigmoid = sigmoid;
    }

    public string EntryName => $"Panels{_plan.Bits}";

    /// <summary>Whether the panel and its tiles are generic over the width (<see cref="PanelPlan.Body"/>).</summary>
    private bool Generic => _body is not null;

    private string PanelName => Generic ? $"Panel{_body!.Name}" : _kind == "Unit" ? $"UnitPanel{_plan.Bits}" : $"Panel{_plan.Bits}";

    /// <summary>
    /// The per-panel method of a path whose weights are packed per call, instantiated for the path's width, e.g.
    /// <c>Panel6x2&lt;F256, Vector256&lt;float&gt;&gt;</c>: <c>(ref x, ref w, ref b, ref y, ref p, int o[, int batch])</c> packs
    /// W's outputs o.. of one panel into p, then runs every tile of rows (also called by the panel split of
    /// <c>Parallel = true</c>, <see cref="ChunkedDispatchEmitter"/>). Null with packed weights.
    /// </summary>
    public static string? PanelMethod(PanelPlan plan, string element) =>
        plan.Body is { } body ? $"Panel{body.Name}{new VectorText(plan.Bits, element).TypeArguments}" : null;

    /// <summary>
    /// The tile of <paramref name="rows"/> rows: generic <c>PanelTile6x2</c>, or per width <c>PanelTile512x8</c>, and
    /// <c>UnitTile512x8</c> for the lone unit's (no clash with the two-vector tiles' names).
    /// </summary>
    private string TileName(int rows) => Generic ? $"PanelTile{_body!.TileName(rows)}" : $"{_kind}Tile{_plan.Bits}x{rows}";

    /// <summary>The type parameters a generic body's calls pass on (<c>&lt;K, V&gt;</c>), or nothing.</summary>
    private string Pass => Generic ? "<K, V>" : string.Empty;

    /// <summary>The type parameters and constraints of a generic body's signature, or nothing.</summary>
    private string Declare(string parameters) => Generic ? $"<K, V>({parameters}){VectorText.Constraints(_t)}" : $"({parameters})";

    /// <summary>
    /// <paramref name="vectors"/> vectors less <paramref name="minus"/> elements: a number, or in a generic body a multiple of
    /// <c>n</c>, the width's lane count (a JIT-time constant).
    /// </summary>
    private string Lanes(int vectors, int minus = 0)
    {
        if (!Generic)
        {
            return ((vectors * _plan.Lanes) - minus).ToString();
        }

        string multiple = vectors == 0 ? "0" : vectors == 1 ? "n" : $"{vectors} * n";
        return minus == 0 ? multiple : $"{multiple} - {minus}";
    }

    /// <summary>Where vector <paramref name="c"/> of a panel row starts, from the row's start (<see cref="PanelPlan.VectorOffset"/>).</summary>
    private string VectorOffset(int c) => Generic ? ColumnOffset(c) : _plan.VectorOffset(c).ToString();

    /// <summary>The first output of vector <paramref name="c"/>, from the panel's first output (<see cref="PanelPlan.ColumnOffset"/>).</summary>
    private string ColumnOffset(int c) => Lanes(c, c == _plan.Vectors - 1 ? _plan.Overlap : 0);

    /// <summary>The panel's outputs: a number, or in a generic body a multiple of <c>K.Count</c>.</summary>
    private string ColumnsText => Generic
        ? (_plan.Vectors == 1 ? "K.Count" : $"{_plan.Vectors} * K.Count") + (_plan.Overlap == 0 ? string.Empty : $" - {_plan.Overlap}")
        : _plan.Columns.ToString();

    private string BatchBound => new RowCountText(_rows).Bound;

    private string BatchParameter => new RowCountText(_rows).Parameter;

    private string BatchArgument => new RowCountText(_rows).Argument;

    /// <summary>The statement that runs the kernel over the whole batch.</summary>
    public string Call => $"{EntryName}(ref x, ref w, ref b, ref y{BatchArgument});";

    public void Emit()
    {
        if (_plan.Packed is null)
        {
            EmitEntry();
        }
        else
        {
            EmitPackedEntry(_plan.Packed);
        }

        if (_plan.Swapped is { } swapped)
        {
            _w.Line();
            var xpanels = new XPanelKernelEmitter(_shape, _w, swapped, _sigmoid, _rows, _printed);
            xpanels.Emit();
            if (swapped.SplitsByOutputs)
            {
                // Parallel = true: ParallelPanels' chunks run the same kernel over their ranges of outputs at batches with dot products.
                xpanels.EmitRange();
            }
        }

        // Not without a pair of units on Vector512 (every unit goes through the lone unit's panel), nor a generic body
        // that another path has printed, nor W's panels when a fixed batch takes x as the panel.
        if (_plan.HasOwnPanel && _plan.PacksWeights && (!Generic || _printed.Add(PanelName)))
        {
            EmitPanelAndTiles();
        }

        if (_plan.LoneUnit is { } lone)
        {
            new PanelKernelEmitter(_shape, _w, lone, _sigmoid, _rows, "Unit", _printed).EmitPanelAndTiles();
        }
    }

    /// <summary>The panel method and its tiles.</summary>
    private void EmitPanelAndTiles()
    {
        _w.Line();
        EmitPanel();
        EmitTile(_plan.RowsPerTile);
        if (Carries)
        {
            EmitTile(_plan.RowsPerTile, carries: true);
            EmitCarryPanel();
        }
        if (_plan.SmallTileRows > 0)
        {
            EmitTile(_plan.SmallTileRows);
        }

        if (_plan.SingleRowRest)
        {
            EmitTile(1);
        }

        foreach (int rows in _plan.RemainderTiles)
        {
            EmitTile(rows);
        }

        if (_plan.BalancedFrom > 0 && _rows == 0)
        {
            EmitBalancedDispatch();
        }

        foreach (int rows in _plan.BalancedTiles)
        {
            EmitTile(rows);
        }
    }

    /// <summary>The method a run-time batch's balanced last tiles go through: one tile of <c>rows</c> rows, <see cref="PanelPlan.BalancedFrom"/> to a full tile.</summary>
    private string BalancedName => $"{_kind}Rows{_plan.Bits}";

    /// <summary>
    /// One tile of <see cref="PanelPlan.BalancedFrom"/> to <see cref="PanelPlan.RowsPerTile"/> rows, by its height (see
    /// <see cref="PanelPlan.BalancedFrom"/>): the switch runs once or twice per panel, beside thousands of multiply-adds.
    /// </summary>
    private void EmitBalancedDispatch()
    {
        int mr = _plan.RowsPerTile;
        _w.Line();
        _w.Line($"/// <summary>One tile of <paramref name=\"rows\"/> rows ({_plan.BalancedFrom}..{mr}) over the panel at p: the last tiles of a batch that is not whole tiles.</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {BalancedName}(int rows, ref {_t} x0, ref {_t} p, ref {_t} b, ref {_t} y0)"))
        {
            using (_w.Block("switch (rows)"))
            {
                for (int h = _plan.BalancedFrom; h < mr; h++)
                {
                    _w.Line($"case {h}: {TileName(h)}(ref x0, ref p, ref b, ref y0); break;");
                }

                _w.Line($"default: {TileName(mr)}(ref x0, ref p, ref b, ref y0); break; // {mr}");
            }
        }
    }

    private void EmitEntry()
    {
        int columns = _plan.Columns;
        _w.Line($"/// <summary>Vector{_plan.Bits} outer-product kernel (the panels of its path's line in the plan, in the remarks).</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {EntryName}(ref {_t} x, ref {_t} w, ref {_t} b, ref {_t} y{BatchParameter})"))
        {
            if (_plan.Swapped is { } swapped)
            {
                var xpanels = new XPanelKernelEmitter(_shape, _w, swapped, _sigmoid, _rows, _printed);
                if (swapped.Fixed)
                {
                    _w.Line($"// {_rows} rows, at most {swapped.MaxBatch}: packing x's rows costs less than packing W, so x is the panel (zᵀ = W·xᵀ).");
                    _w.Line(xpanels.Call);
                    return;
                }

                _w.Line($"// {swapped.TestText}: packing x's rows");
                _w.Line("// costs less than packing W, so x is the panel (zᵀ = W·xᵀ).");
                using (_w.Block($"if ({swapped.Test})"))
                {
                    _w.Line(xpanels.Call);
                    _w.Line("return;");
                }

                _w.Line();
            }

            _w.Line($"// One panel: the weights of {columns} outputs transposed, {_shape.Inputs} × {columns}, in a pooled buffer (no allocation once the pool is warm).");
            _w.Line($"{_t}[] panel = global::System.Buffers.ArrayPool<{_t}>.Shared.Rent(Inputs * {columns});");
            using (_w.Block("try"))
            {
                _w.Line($"ref {_t} p = ref MemoryMarshal.GetArrayDataReference(panel);");
                string panel = PanelName + _v.TypeArguments;
                if (_plan.FullPanels == 1)
                {
                    _w.Line($"{panel}(ref x, ref w, ref b, ref y, ref p, 0{BatchArgument});");
                }
                else
                {
                    using (_w.Block($"for (int o = 0; o < {_plan.FullPanels * columns}; o += {columns})"))
                    {
                        _w.Line($"{panel}(ref x, ref w, ref b, ref y, ref p, o{BatchArgument});");
                    }
                }

                if (_plan.TailPanel)
                {
                    _w.Line();
                    int first = _plan.FullPanels * columns;
                    string outputs = first == _shape.Outputs - 1 ? $"Output {first}" : $"Outputs {first}..{_shape.Outputs - 1}";
                    _w.Line($"// {outputs}: one more panel ending at the last output; the outputs it shares with the previous panel get the same values again.");
                    _w.Line($"{panel}(ref x, ref w, ref b, ref y, ref p, Outputs - {columns}{BatchArgument});");
                }
            }

            using (_w.Block("finally"))
            {
                _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(panel);");
            }
        }
    }

    /// <summary>
    /// The entry of a layer whose weights arrive packed: every panel of every unit, read in place. A Vector512 panel is
    /// two units of consecutive outputs; a unit left over (an odd one, or the overlapping last one, whose outputs do not
    /// follow the previous unit's) goes through the one-vector panel of <see cref="PanelPlan.LoneUnit"/>.
    /// </summary>
    private void EmitPackedEntry(PackedLayout packed)
    {
        int u = packed.Unit;
        int per = _plan.UnitsPerPanel;
        int panels = packed.FullUnits / per;
        string single = per == 1 ? PanelName : $"UnitPanel{_plan.Bits}";
        _w.Line($"/// <summary>Vector{_plan.Bits} outer-product kernel (the panels of its path's line in the plan, in the remarks).</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {EntryName}(ref {_t} x, ref {_t} w, ref {_t} b, ref {_t} y{BatchParameter})"))
        {
            string layout = per == 2 ? $"each panel is units k and k + 1, {packed.UnitLength} elements apart"
                : _plan.PanelsPerUnit == 1 ? "each unit is one panel" : $"each unit is {_plan.PanelsPerUnit} panels of {_plan.Columns} outputs";
            _w.Line($"// W is packed: unit k holds outputs k·{u}..k·{u}+{u - 1}, {u} weights per input, at w + k·{u}·Inputs; {layout}.");
            int block = _rows == 0 ? _plan.RowBlock : 0;
            if (block == 0)
            {
                EmitPackedPanels(packed, "x", "y", BatchArgument);
            }
            else
            {
                int kilobytes = block * _shape.Inputs * (_t == "double" ? 8 : 4) / 1024;
                int longest = _plan.LastRowBlock;
                _w.Line($"// x in blocks of {block} rows ({kilobytes} KB, whole {_plan.RowBlockRows}s of rows), the last one up to {longest} (no short block reading all of W");
                _w.Line("// again): every panel runs over one block before the next, so that the block stays in L2 while the panels stream through");
                _w.Line("// it (else all of x comes from L3 once per panel). Every block but the last is whole tiles: every row gets the tiles, and");
                _w.Line("// the bits, it gets without blocks.");
                using (_w.Block("for (int r0 = 0, rows; r0 < batch; r0 += rows)"))
                {
                    _w.Line($"rows = batch - r0 > {longest} ? {block} : batch - r0;");
                    _w.Line($"ref {_t} xb = ref Unsafe.Add(ref x, r0 * Inputs);");
                    _w.Line($"ref {_t} yb = ref Unsafe.Add(ref y, r0 * Outputs);");
                    EmitPackedPanels(packed, "xb", "yb", ", rows");
                }
            }

            if (_plan.RemainderSweep)
            {
                EmitRemainderSigmoid();
            }
        }
    }

    /// <summary>
    /// Every panel of every unit over the rows at <paramref name="x"/> and <paramref name="y"/> (the whole batch, or one
    /// block of <see cref="PanelPlan.RowBlock"/> rows); <paramref name="batch"/> is the row-count argument of the calls.
    /// </summary>
    private void EmitPackedPanels(PackedLayout packed, string x, string y, string batch)
    {
        int u = packed.Unit;
        int per = _plan.UnitsPerPanel;
        int panels = packed.FullUnits / per;
        string single = per == 1 ? PanelName : $"UnitPanel{_plan.Bits}";
        if (panels == 1)
        {
            EmitUnitPanels("w", "0", x, y, batch);
        }
        else if (panels > 1)
        {
            using (_w.Block($"for (int o = 0; o < {panels * per * u}; o += {per * u})"))
            {
                _w.Line($"ref {_t} unit = ref Unsafe.Add(ref w, o * Inputs);");
                EmitUnitPanels("unit", "o", x, y, batch);
            }
        }

        for (int k = panels * per; k < packed.FullUnits; k++)
        {
            _w.Line();
            _w.Line($"// Outputs {k * u}..{(k * u) + u - 1}: the unit left over after the pairs, through the one-vector panel.");
            _w.Line($"{single}(ref {x}, ref b, ref {y}, ref Unsafe.Add(ref w, {k * packed.UnitLength}), {k * u}{batch});");
        }

        if (packed.TailUnit)
        {
            _w.Line();
            int first = packed.FullUnits * u;
            string outputs = first == _shape.Outputs - 1 ? $"Output {first}" : $"Outputs {first}..{_shape.Outputs - 1}";
            _w.Line($"// {outputs}: the last unit ends at the last output; the outputs it shares with the previous unit get the same values again.");
            string tail = $"ref Unsafe.Add(ref w, {packed.FullUnits * packed.UnitLength})";
            if (per == 1)
            {
                _w.Line($"ref {_t} tail = {tail};");
                EmitUnitPanels("tail", $"Outputs - {u}", x, y, batch);
            }
            else
            {
                _w.Line($"{single}(ref {x}, ref b, ref {y}, {tail}, Outputs - {u}{batch});");
            }
        }
    }

    /// <summary>
    /// With packed weights, the tiles of the rows after the last full tile store z only: one in-place sweep then applies
    /// σ to all those rows' outputs, its vectors independent of each other, instead of one short chain per panel (a
    /// single row of (64, 32) took two panels, each ending in the ~100-cycle latency of an Exact σ).
    /// </summary>
    private void EmitRemainderSigmoid()
    {
        int mr = _plan.RowsPerTile;
        _w.Line();
        _w.Line($"// σ over the rows after the last tile of {mr} (their tiles stored z), in one sweep.");
        string rest = _rows > 0 ? (_rows % mr).ToString() : "rest";
        if (_rows == 0)
        {
            _w.Line($"int rest = batch % {mr};");
        }

        void Sweep()
        {
            _w.Line(ForwardKernelEmitter.SigmoidInPlace(_shape.Precision, $"ref Unsafe.Add(ref y, ({BatchBound} - {rest}) * Outputs)", $"{rest} * Outputs"));
        }

        if (_rows == 0)
        {
            using (_w.Block("if (rest > 0)"))
            {
                Sweep();
            }
        }
        else
        {
            Sweep();
        }
    }

    /// <summary>The panels of the unit (or, on Vector512, the pair of units) at <paramref name="unit"/>, over the rows at <paramref name="x"/>.</summary>
    private void EmitUnitPanels(string unit, string firstOutput, string x, string y, string batch)
    {
        for (int k = 0; k < _plan.PanelsPerUnit; k++)
        {
            string p = k == 0 ? $"ref {unit}" : $"ref Unsafe.Add(ref {unit}, {k * _plan.Columns})";
            string o = k == 0 ? firstOutput : firstOutput == "0" ? $"{k * _plan.Columns}" : $"{firstOutput} + {k * _plan.Columns}";
            _w.Line($"{PanelName}(ref {x}, ref b, ref {y}, {p}, {o}{batch});");
        }
    }

    /// <summary>
    /// With <see cref="Carries"/>: every full tile of a batch of at least <see cref="KernelPlanner.CarrySigmoidMinTiles"/>, each
    /// running the σ of the tile before it, then the last one's σ; returns the first row after them. A method of its own: the
    /// panel function around it, and what it does for smaller batches, stay as they were.
    /// </summary>
    private void EmitCarryPanel()
    {
        int mr = _plan.RowsPerTile;
        _w.Line();
        _w.Line($"/// <summary>Every full tile of rows, each running the σ of the tile before it ({mr * _plan.Vectors} vectors, one per input step) beside its FMAs, then the last one's σ; returns the row after them.</summary>");
        _w.Line("[MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]");
        using (_w.Block($"private static int {PanelName}{CarrySuffix}{Declare($"ref {_t} x, ref {_t} p, ref {_t} bo, ref {_t} y, int batch")}"))
        {
            _w.Line("const int o = 0; // one panel of all the outputs");
            _w.Line("int row = 0;");
            using (_w.Block($"for (; row + {mr} <= batch; row += {mr})"))
            {
                _w.Line(TileCall(mr, "row", "0", CarryArguments($"Unsafe.Add(ref y, System.Math.Max(row - {mr}, 0) * Outputs)", $"row > 0 ? {mr * _plan.Vectors} : 0")));
            }

            _w.Line(ForwardKernelEmitter.SigmoidInPlace(_shape.Precision, $"ref Unsafe.Add(ref y, (row - {mr}) * Outputs)", $"{mr} * Outputs"));
            _w.Line("return row;");
        }
    }

    private void EmitPanel()
    {
        int mr = _plan.RowsPerTile;
        bool packed = _plan.Packed is not null;
        string vectors = _plan.Vectors == 1 ? "one vector" : $"{_plan.Vectors} vectors";
        _w.Line(packed
            ? $"/// <summary>Outputs o..o+{_plan.Columns - 1} of every row, from their packed weights at p: every tile of rows.</summary>"
            : $"/// <summary>Outputs o.. of every row, {vectors}{(_plan.Overlap == 0 ? string.Empty : $" less {_plan.Overlap}")} wide: pack their weights, then every tile of rows. Generic over the width.</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        string weights = packed ? string.Empty : $"ref {_t} w, ";
        using (_w.Block($"private static void {PanelName}{Declare($"ref {_t} x, {weights}ref {_t} b, ref {_t} y, ref {_t} p, int o{BatchParameter}")}"))
        {
            if (!packed)
            {
                _w.Line($"PanelPacking.Pack(ref Unsafe.Add(ref w, o * Inputs), Inputs, {ColumnsText}, ref p);");
            }

            _w.Line($"ref {_t} bo = ref Unsafe.Add(ref b, o);");
            _w.Line("int row = 0;");
            int from = _plan.BalancedFrom;
            bool balanced = from > 0 && (_rows == 0 || (_rows > mr && _rows % mr != 0));
            if (balanced)
            {
                _w.Line($"// Full tiles while at least {2 * mr} rows are left: the last full tile joins the rows after it (see below).");
            }

            if (Carries)
            {
                _w.Line($"// From {KernelPlanner.CarrySigmoidMinTiles} full tiles: every full tile, each running the σ of the tile before it beside its FMAs ({PanelName}{CarrySuffix}).");
                // The test of the width is a constant of each instantiation: this body serves every width with tiles of this shape.
                using (_w.Block($"if (K.Count == {512 / (_t == "double" ? 64 : 32)} && {(_plan.Vectors == 1 ? "K.Count" : $"{_plan.Vectors} * K.Count")} == Outputs && batch >= {KernelPlanner.CarrySigmoidMinTiles * mr})"))
                {
                    _w.Line($"row = {PanelName}{CarrySuffix}{Pass}(ref x, ref p, ref bo, ref y, batch);");
                }

                _w.Line();
            }

            using (_w.Block($"for (; row + {(balanced ? 2 * mr : mr)} <= {BatchBound}; row += {mr})"))
            {
                _w.Line(TileCall(mr, "row", Skips ? "0" : null));
            }

            if (balanced || (from > 0 && _rows >= from && _rows < mr))
            {
                _w.Line();
                EmitBalancedTiles(mr, from);
                if (_rows > 0)
                {
                    return;
                }
            }

            if (_plan.OverlappingLastTile)
            {
                _w.Line();
                EmitOverlappingLastTile(mr);
            }

            if (_plan.RemainderTiles.Count > 0)
            {
                _w.Line();
                if (_rows == 0)
                {
                    if (from > 0)
                    {
                        _w.Line($"// Fewer than {from} rows: a tile of each power of two they contain.");
                    }
                    else
                    {
                        _w.Line($"// The remaining rows (fewer than {mr}): a tile of each power of two they contain (the panel is still in cache).");
                        _w.Line("int rest = batch - row;");
                    }

                    foreach (int rows in _plan.RemainderTiles)
                    {
                        using (_w.Block($"if ((rest & {rows}) != 0)"))
                        {
                            _w.Line($"{TileName(rows)}{Pass}(ref Unsafe.Add(ref x, row * Inputs), ref p, ref bo, ref Unsafe.Add(ref y, (row * Outputs) + o));");
                            if (rows > 1)
                            {
                                _w.Line($"row += {rows};");
                            }
                        }
                    }
                }
                else
                {
                    _w.Line($"// The remaining {_rows % mr} row{(_rows % mr == 1 ? string.Empty : "s")} (the panel is still in cache).");
                    foreach (int rows in _plan.RemainderTiles)
                    {
                        _w.Line($"{TileName(rows)}{Pass}(ref Unsafe.Add(ref x, row * Inputs), ref p, ref bo, ref Unsafe.Add(ref y, (row * Outputs) + o));");
                        _w.Line($"row += {rows};");
                    }
                }
            }
        }
    }

    /// <summary>
    /// The rows after the loop of full tiles on a panel with balanced tiles (see <see cref="PanelPlan.BalancedFrom"/>):
    /// more than a full tile's go as two tiles of about half each, the taller first; <paramref name="from"/> to a full
    /// tile's as one tile. For a run-time batch the code then falls through to the power-of-two tiles of a smaller batch.
    /// </summary>
    private void EmitBalancedTiles(int mr, int from)
    {
        string call(int rows, string row) => TileCall(rows, row, null);
        if (_rows > 0 && _rows < mr)
        {
            _w.Line($"// {_rows} rows: one tile.");
            _w.Line(call(_rows, "0"));
            return;
        }

        if (_rows > 0)
        {
            int last = mr + (_rows % mr);
            (int first, int second) = PanelPlan.LastTwoTiles(last);
            _w.Line($"// The last {last} rows (the last full tile's and the {_rows % mr} after it): tiles of {first} and {second} rows, not one of {mr} and a");
            _w.Line("// tile per binary digit of the rest (a tile of 1 or 2 rows reads the panel for 2 or 4 multiply-adds per input).");
            _w.Line(call(first, "row"));
            _w.Line($"row += {first};");
            _w.Line(call(second, "row"));
            return;
        }

        string at = $"ref Unsafe.Add(ref x, row * Inputs), ref p, ref bo, ref Unsafe.Add(ref y, (row * Outputs) + o)";
        (int first3, int second3) = PanelPlan.LastTwoTiles(mr + 3);
        _w.Line($"// The rows left (fewer than {2 * mr}): more than {mr} as two tiles of about half each, the taller first ({mr + 3} rows: {first3} + {second3},");
        _w.Line($"// not {mr} + 2 + 1: a tile of 1 or 2 rows reads the panel for 2 or 4 multiply-adds per input); {from} to {mr} rows as one tile.");
        _w.Line("int rest = batch - row;");
        using (_w.Block($"if (rest > {mr})"))
        {
            _w.Line("int half = rest - (rest / 2);");
            _w.Line($"{BalancedName}(half, {at});");
            _w.Line("row += half;");
            _w.Line("rest -= half;");
        }

        using (_w.Block($"if (rest >= {from})"))
        {
            _w.Line($"{BalancedName}(rest, {at});");
            _w.Line("return;");
        }
    }

    /// <summary>Whether the tiles take <c>skip</c>, the number of their first rows already done (see <see cref="PanelPlan.OverlappingLastTile"/>).</summary>
    private bool Skips => _plan.Packed is null;

    /// <summary>Whether the full tiles carry σ (<see cref="PanelPlan.CarriesSigmoid"/>), in a generic body (the only kind that plan has).</summary>
    private bool Carries => Generic && _plan.CarriesSigmoid;

    /// <summary>The carry arguments of a full tile's call (<see cref="Carries"/>): the rows whose σ it runs, and how many vectors.</summary>
    private static string CarryArguments(string carry, string vectors) => $", ref {carry}, {vectors}";

    /// <summary>A call of the tile of <paramref name="rows"/> rows starting at row <paramref name="row"/>.</summary>
    private string TileCall(int rows, string row, string? skip, string? carry = null) =>
        $"{TileName(rows)}{(carry is null ? string.Empty : CarrySuffix)}{Pass}(ref Unsafe.Add(ref x, {row} * Inputs), ref p, ref bo, ref Unsafe.Add(ref y, ({row} * Outputs) + o){(skip is null ? string.Empty : $", {skip}")}{carry ?? string.Empty});";

    /// <summary>The name suffix of the full tile that carries σ (<see cref="Carries"/>).</summary>
    private const string CarrySuffix = "Carry";

    /// <summary>
    /// The rows after the last full tile (the panel runs only for batches of at least one tile): tiles that end at the
    /// last row, overlapping the rows before, which they compute along but neither store nor pass through σ again (see
    /// <see cref="PanelPlan.OverlappingLastTile"/>); small tiles for a short rest, one full tile for a long one.
    /// </summary>
    private void EmitOverlappingLastTile(int mr)
    {
        int small = _plan.SmallTileRows;
        if (_rows > 0 && _plan.SingleRowRest)
        {
            _w.Line("// The last row (the panel is still in cache): a one-row tile.");
            _w.Line(TileCall(1, $"{_rows - 1}", "0"));
            return;
        }

        if (_rows > 0)
        {
            int rest = _rows % mr;
            int last = small > 0 ? small : mr;
            int count = (rest + last - 1) / last;
            _w.Line($"// The last {rest} row{(rest == 1 ? string.Empty : "s")} (the panel is still in cache): {(count == 1 ? "one tile" : $"{count} tiles")} of {last}, the last one over rows {_rows - last}..{_rows - 1}: the");
            _w.Line("// rows it shares with the tile before are computed along but not stored again.");
            for (int k = 0; k < count - 1; k++)
            {
                _w.Line(TileCall(last, "row", "0"));
                _w.Line($"row += {last};");
            }

            _w.Line(TileCall(last, $"{_rows - last}", $"{(count * last) - rest}"));
            return;
        }

        _w.Line($"// The rows after the last full tile (fewer than {mr}, the panel is still in cache): tiles that end at the last row; the rows the last");
        _w.Line("// one shares with the tile before are computed along but not stored again (skip).");
        using (_w.Block("if (row < batch)"))
        {
            _w.Line("int rest = batch - row;");
            if (small == 0)
            {
                _w.Line(TileCall(mr, $"(batch - {mr})", $"{mr} - rest"));
                return;
            }

            using (_w.Block($"if (rest > {_plan.SmallTilesUpTo})"))
            {
                _w.Line(TileCall(mr, $"(batch - {mr})", $"{mr} - rest"));
            }

            if (_plan.SingleRowRest)
            {
                using (_w.Block("else if (rest == 1)"))
                {
                    _w.Line(TileCall(1, "row", "0"));
                }
            }

            using (_w.Block("else"))
            {
                if (_plan.SmallTilesUpTo > small)
                {
                    using (_w.Block($"for (; rest > {small}; rest -= {small}, row += {small})"))
                    {
                        _w.Line(TileCall(small, "row", "0"));
                    }
                }

                _w.Line(TileCall(small, $"(batch - {small})", $"{small} - rest"));
            }
        }
    }

    /// <summary>The tile of <paramref name="rows"/> rows, unless it is generic and printed already (by another body with a tile of that height and width).</summary>
    private void EmitTile(int rows, bool carries = false)
    {
        string name = TileName(rows) + (carries ? CarrySuffix : string.Empty);
        if (Generic && !_printed.Add(name))
        {
            return;
        }

        _w.Line();
        int nv = _plan.Vectors;
        int lanes = _plan.Lanes;
        int columns = _plan.Columns;
        int stride = _plan.Stride;
        int phases = _plan.Phases(rows);
        string vector = _v.Type;
        bool sigmoid = (!_plan.DefersRemainderSigmoid || rows == _plan.RowsPerTile) && !carries;
        bool rowOffsets = OneBaseRegister(rows);
        string width = Generic ? $"{(nv == 1 ? "one vector" : $"{nv} vectors")} of outputs" : $"{columns} outputs";
        string what = carries ? " (σ: the next tile's loop, or the caller after the last tile), and σ in place over the tile before's vectors (carry), one per input step"
            : sigmoid ? ", then σ in place" : " (σ is applied by the caller)";
        _w.Line($"/// <summary>{(rows == 1 ? "One row" : $"{rows} rows")} × {width}: z = bias + Σ_i x[r, i]·panel[i, :]{what}.</summary>");
        if (Skips)
        {
            _w.Line("/// <param name=\"skip\">Rows at the start that an earlier tile has written: computed along, neither stored nor passed through σ.</param>");
        }

        if (carries)
        {
            _w.Line("/// <param name=\"carry\">The tile before's outputs, whose σ this tile runs beside its FMAs (contiguous vectors).</param>");
            _w.Line("/// <param name=\"carried\">How many vectors at <paramref name=\"carry\"/> (0 or the tile's vectors).</param>");
        }

        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {name}{Declare($"ref {_t} x0, ref {_t} p, ref {_t} b, ref {_t} y0{(Skips ? ", int skip" : string.Empty)}{(carries ? $", ref {_t} carry, int carried" : string.Empty)}")}"))
        {
            if (Generic)
            {
                _w.Line("nuint n = (nuint)K.Count; // lanes per vector: a constant of each instantiation, folded into the offsets");
            }

            if (rows > 1 && !rowOffsets)
            {
                // One pointer for all rows of x: row r is read at a constant offset (r·Inputs) from x0, folded into the
                // load's displacement, so that the 14–16 rows of a Vector512 tile do not need 14–16 of x64's 15 general
                // registers: with a pointer per row the JIT kept 3 of the 14 on the stack and reloaded them at every input
                // (DOTNET_JitDisasm of PanelTile512x14). Bit-identical. Measured (issue 17, 2-core AVX-512 EPYC, load
                // 30–60, old and new kernels in one process, median of the per-round time ratios over 300–400 interleaved
                // rounds, the same 8 × 8 pack): (32, 784, 128) 8 %, (64, 784, 128) 2.4 %, (100, 784, 128) 2.7 %,
                // (32, 512, 512) 2.2 %, (256, 512, 512) 1.6 % faster; at load 6, 0.8 % at both main shapes.
                _w.Line("// Row r of x is read r·Inputs after x0: a constant offset in the load, no register per row.");
            }

            for (int r = 1; r < rows && !rowOffsets; r++)
            {
                _w.Line($"ref {_t} y{r} = ref Unsafe.Add(ref y{r - 1}, Outputs);");
            }

            if (phases > 1)
            {
                _w.Line($"// {rows * nv} accumulator{(rows * nv == 1 ? string.Empty : "s")} would wait on the FMA latency: input i goes to set i mod {phases} (aRC_k), the sets are added at the end.");
            }

            for (int k = 0; k < phases; k++)
            {
                for (int r = 0; r < rows; r++)
                {
                    _w.Line($"{vector} {string.Join(", ", Enumerable.Range(0, nv).Select(c => $"{Acc(r, c, k)} = {_v.Zero}"))};");
                }
            }

            _w.Line($"{vector} {string.Join(", ", Enumerable.Range(0, nv).Select(c => $"w{c}"))}, xi;");

            // One input: the panel's vectors for it, then each row's input broadcast against them (row r's input k at
            // xc + r·Inputs + k when the rows are addressed from one base).
            void Step(string input, int fromXc, int step, int phase)
            {
                for (int c = 0; c < nv; c++)
                {
                    string offset = Generic
                        ? Lanes((step * nv) + c, (step * _plan.Overlap) + (c == nv - 1 ? _plan.Overlap : 0))
                        : Offset((step * stride).ToString(), _plan.VectorOffset(c));
                    _w.Line($"w{c} = {_v.Load("pi", offset)};");
                }

                for (int r = 0; r < rows; r++)
                {
                    string multiplies = string.Join(" ", Enumerable.Range(0, nv).Select(c => $"{Acc(r, c, phase)} = {_v.MultiplyAdd("xi", $"w{c}", Acc(r, c, phase))};"));
                    string x = rowOffsets ? $"Unsafe.Add(ref xc, {(r * _shape.Inputs) + fromXc})" : $"Unsafe.Add(ref x0, {RowInput(r, input)})";
                    _w.Line($"xi = {_v.Broadcast(x)}; {multiplies}");
                }
            }

            bool balanced = _plan.OneInputPerStep(rows);
            int unroll = balanced ? _plan.BalancedInputUnroll : _plan.InputUnroll;
            int loopEnd = balanced ? _plan.BalancedInputLoopEnd : _plan.InputLoopEnd;
            _w.Line($"ref {_t} pi = ref p;");
            if (rowOffsets)
            {
                _w.Line($"// Every row from one base register: xc walks row 0's inputs, row r's are {_shape.Inputs}·r further (a register per row would spill).");
                _w.Line($"ref {_t} xc = ref x0;");
            }

            if (loopEnd > 0)
            {
                _w.Line($"// Inputs 0..{loopEnd - 1}, {(unroll == 1 ? "one" : unroll.ToString())} per step; pi walks the panel{(stride == columns ? string.Empty : $", whose rows are {stride} apart")}.");
                using (_w.Block($"for (nuint i = 0; i < {loopEnd}; {(unroll == 1 ? "i++" : $"i += {unroll}")})"))
                {
                    for (int u = 0; u < unroll; u++)
                    {
                        Step(u == 0 ? "i" : $"i + {u}", u, u, u % phases);
                    }

                    if (carries)
                    {
                        _w.Line($"if (i < (nuint)carried) {{ {_v.Store(_v.Sigmoid(_sigmoid, _v.Load("carry", "i * n")), "carry", "i * n")} }}");
                    }

                    _w.Line($"pi = ref Unsafe.Add(ref pi, {(Generic ? Lanes(unroll * nv, unroll * _plan.Overlap) : (unroll * stride).ToString())});");
                    if (rowOffsets)
                    {
                        _w.Line($"xc = ref Unsafe.Add(ref xc, {unroll});");
                    }
                }
            }

            int rest = _shape.Inputs - loopEnd;
            if (rest > 0)
            {
                _w.Line(loopEnd == 0
                    ? $"// Inputs 0..{_shape.Inputs - 1}, written out."
                    : $"// Input{(rest == 1 ? string.Empty : "s")} {loopEnd}..{_shape.Inputs - 1}, after the loop.");
                for (int u = 0; u < rest; u++)
                {
                    Step((loopEnd + u).ToString(), u, u, (loopEnd + u) % phases);
                }
            }

            if (phases > 1)
            {
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < nv; c++)
                    {
                        _w.Line($"{Acc(r, c, 0)} = {PairwiseSum(r, c, 0, phases, top: true)};");
                    }
                }
            }

            _w.Line();
            _w.Line($"{vector} {string.Join(", ", Enumerable.Range(0, nv).Select(c => $"b{c} = {_v.Load("b", ColumnOffset(c))}"))};");
            for (int r = 0; r < rows; r++)
            {
                string stores = string.Join(" ", Enumerable.Range(0, nv).Select(c => rowOffsets
                    ? _v.Store(_v.Add($"a{r}{c}", $"b{c}"), "y0", Plus(r * _shape.Outputs, ColumnOffset(c)))
                    : _v.Store(_v.Add($"a{r}{c}", $"b{c}"), $"y{r}", ColumnOffset(c))));
                _w.Line(Skips ? $"if (skip <= {r}) {{ {stores} }}" : stores);
            }

            _w.Line();
            if (_plan.DefersRemainderSigmoid && rows < _plan.RowsPerTile)
            {
                _w.Line("// σ comes later, in one sweep over all the rows after the last full tile.");
                return;
            }

            if (carries)
            {
                _w.Line("// σ of these rows: inside the next full tile's loop, or by the caller after the last one.");
                return;
            }

            _w.Line(Skips
                ? "// σ in place over the rows just written (from skip, still in L1): the accumulators are dead, nothing spills."
                : $"// σ in place over the {rows * columns} values just written (still in L1): the accumulators are dead, nothing spills.");
            if (rows == 1)
            {
                _w.Line(Skips ? $"if (skip == 0) {{ {SigmoidRow("y0")} }}" : SigmoidRow("y0"));
                return;
            }

            if (_plan.Overlap == 0 && (Generic || _plan.Vectors * _plan.Lanes == _shape.Outputs))
            {
                // Where the panel is all the outputs, the tile's rows are contiguous: one sweep, whose loop runs several
                // sigmoids side by side (their chains of dependent steps overlap; one at a time they did not). A generic body
                // serves every width, whose panels may cover all the outputs or not: the test is a constant of each instantiation.
                string first = Skips ? "ref Unsafe.Add(ref y0, skip * Outputs)" : "ref y0";
                string sweep = ForwardKernelEmitter.SigmoidInPlace(_shape.Precision, first, Skips ? $"({rows} - skip) * Outputs" : $"{rows} * Outputs");
                if (!Generic)
                {
                    _w.Line(sweep);
                    return;
                }

                using (_w.Block($"if ({Lanes(nv)} == Outputs)"))
                {
                    _w.Line(sweep);
                    _w.Line("return;");
                }
            }

            // A loop over the rows keeps σ at a few call sites: the JIT inlines every one of them, whereas a dozen
            // unrolled calls (each a tree of ~60 inlinees) exceed its inlining budget and leave real calls behind.
            _w.Line(Skips ? $"ref {_t} yr = ref Unsafe.Add(ref y0, skip * Outputs);" : $"ref {_t} yr = ref y0;");
            using (_w.Block($"for (int r = {(Skips ? "skip" : "0")}; r < {rows}; r++)"))
            {
                _w.Line(SigmoidRow("yr"));
                _w.Line("yr = ref Unsafe.Add(ref yr, Outputs);");
            }
        }
    }

    /// <summary>
    /// Input <paramref name="input"/> (<c>i</c>, <c>i + u</c> or a number) of row <paramref name="r"/> of a row-major
    /// matrix of <c>Inputs</c> columns (x here, W in <see cref="XPanelKernelEmitter"/>'s tiles), from its first row: the
    /// row's offset joins the constant part, so that the JIT folds it into the load's displacement.
    /// </summary>
    internal static string RowInput(int r, string input)
    {
        if (r == 0)
        {
            return input;
        }

        string row = $"{r} * Inputs";
        return input == "i" ? $"i + ({row})" : input.StartsWith("i + ", System.StringComparison.Ordinal) ? $"i + ({row} + {input.Substring(4)})" : $"{input} + ({row})";
    }

    /// <summary>
    /// Whether a tile of <paramref name="rows"/> rows addresses every row of x and y from one base register, at constant
    /// offsets, instead of a pointer per row: the one-vector panels (16 rows on Vector512, 12 on 128 and 256 bits), whose
    /// 16 row pointers, the loop counter and the panel pointer do not fit in x64's 15 general registers: the JIT kept 11
    /// and reloaded the others from the stack at every input (5 loads per 16 FMAs at (455, 30, 16)), and spilled 15 output
    /// row pointers set up before the loop. The arithmetic is unchanged. Measured (issue 17) on the 2-core AVX-512 EPYC at
    /// load 106, min of 300 interleaved rounds, old/new builds run alternately twice: the Quickstart network's Predict at
    /// 455 rows 5.21 / 5.24 → 5.00 / 5.00 µs, its 30 → 16 layer a few per cent (within the noise of single runs).
    /// </summary>
    private bool OneBaseRegister(int rows) => _plan.Vectors == 1 && rows > 1;

    /// <summary>The sets first..first+count−1 of accumulator (r, c), added in pairs: (a + a_1) + (a_2 + a_3).</summary>
    private static string PairwiseSum(int r, int c, int first, int count, bool top)
    {
        if (count == 1)
        {
            return Acc(r, c, first);
        }

        string sum = $"{PairwiseSum(r, c, first, count / 2, top: false)} + {PairwiseSum(r, c, first + (count / 2), count - (count / 2), top: false)}";
        return top ? sum : $"({sum})";
    }

    /// <summary>The accumulator of row r, vector c, input set k.</summary>
    private static string Acc(int r, int c, int k) => k == 0 ? $"a{r}{c}" : $"a{r}{c}_{k}";

    /// <summary>
    /// σ in place over the panel's columns of one output row. When the last vector overlaps the one before, both are loaded
    /// before either is stored, so that no output gets σ twice.
    /// </summary>
    private string SigmoidRow(string y)
    {
        if (_plan.Overlap == 0)
        {
            return SigmoidRow(_v, _plan.Lanes, _plan.Vectors, y);
        }

        int last = _plan.Vectors - 1;
        string offset = ColumnOffset(last);
        string first = SigmoidRow(_v, _plan.Lanes, last, y);
        return $"{{ {_v.Type} z{last} = {_v.Load(y, offset)}; {first} {_v.Store(_v.Sigmoid(_sigmoid, $"z{last}"), y, offset)} }}";
    }

    /// <summary>σ in place over <paramref name="vectors"/> vectors of <paramref name="v"/>'s width at <paramref name="y"/>.</summary>
    private string SigmoidRow(VectorText v, int lanes, int vectors, string y) =>
        string.Join(" ", Enumerable.Range(0, vectors).Select(c => v.Store(v.Sigmoid(_sigmoid, v.Load(y, Generic ? Lanes(c) : (c * lanes).ToString())), y, Generic ? Lanes(c) : (c * lanes).ToString())));

    /// <summary><paramref name="number"/> + <paramref name="offset"/>, folded when both are numbers.</summary>
    private static string Plus(int number, string offset) =>
        number == 0 ? offset : int.TryParse(offset, out int value) ? (number + value).ToString() : offset == "0" ? number.ToString() : $"{number} + {offset}";

    private static string Offset(string baseOffset, int add) =>
        add == 0 ? baseOffset : int.TryParse(baseOffset, out int number) ? (number + add).ToString() : $"{baseOffset} + {add}";
}
