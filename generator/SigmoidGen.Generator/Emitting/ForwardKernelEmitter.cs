using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// Prints the forward kernels of a <see cref="LayerPlan"/>: one method per SIMD path, which calls its row kernels (output
/// tiles, dot-product sweeps, an in-place sigmoid sweep), each printed once for all the paths whose
/// <see cref="RowKernel"/> it is. It decides nothing: every count comes from the plan.
/// </summary>
internal sealed partial class ForwardKernelEmitter
{
    private readonly LayerShape _shape;
    private readonly LayerPlan _plan;
    private readonly CodeWriter _w;
    private readonly string _t;
    private readonly string _sigmoid;

    /// <summary>The row count the kernels are compiled for; 0 when they take it as a parameter.</summary>
    private readonly int _rows;

    /// <summary>The kernels generic over the width already printed (a body shared by several paths is printed once).</summary>
    private readonly HashSet<string> _printed = new();

    /// <summary>The row kernels already printed: paths whose <see cref="RowKernel"/>s are equal call one method.</summary>
    private readonly HashSet<RowKernel> _printedRows = new();

    public ForwardKernelEmitter(LayerShape shape, LayerPlan plan, CodeWriter writer)
    {
        _shape = shape;
        _plan = plan;
        _w = writer;
        _t = shape.ElementName;
        _sigmoid = shape.Precision == Precision.Fast ? "SigmoidMath.SigmoidFast" : "SigmoidMath.Sigmoid";
        _rows = plan.Rows;
    }

    private string BatchBound => new RowCountText(_rows).Bound;

    private string BatchParameter => new RowCountText(_rows).Parameter;

    private string BatchArgument => new RowCountText(_rows).Argument;

    /// <summary>
    /// Writes the dispatch statement that calls the widest accelerated path. With a runtime batch, a single row goes straight
    /// to the path's one-row kernel when it has dot-product tiles (packed weights run the panel driver): the row block
    /// itself, or, where blocks leave σ to one sweep over the batch (rows narrower than a vector), a one-row kernel that
    /// applies σ to its few values itself instead of calling that sweep.
    /// </summary>
    public void EmitDispatch() =>
        DispatchEmitter.Emit(_w, _plan.Paths.Select(path => (path.Bits,
            $"{MethodName(path)}(ref x, ref w, ref b, ref y{BatchArgument});",
            path.OneRowBody is { } oneRow ? $"{oneRow.Name}(ref x, ref w, ref b, ref y);" : null)).ToList());

    /// <summary>Writes every path's kernel methods (and, for a layer run in chunks, their row-kernel structs).</summary>
    public void EmitPaths()
    {
        foreach (PathPlan path in _plan.Paths)
        {
            _w.Line();
            if (path.IsScalar)
            {
                EmitScalarPath(path);
            }
            else
            {
                EmitVectorPath(path);
            }
        }

        if (_plan.RunsInChunks)
        {
            new ChunkedDispatchEmitter(_shape, _plan, _w).EmitRowKernels();
        }
    }

    internal static string MethodName(PathPlan path) => "Forward" + path.Name;

    private void EmitVectorPath(PathPlan path)
    {
        PanelKernelEmitter? panels = path.Panels is null ? null : new PanelKernelEmitter(_shape, _w, path.Panels, _sigmoid, _rows, _printed);
        NarrowKernelEmitter? narrow = path.Narrow is null ? null : new NarrowKernelEmitter(_shape, _w, path.Narrow, _sigmoid, _rows);

        bool dots = path.DotTiles;
        // The plan's sentence is in the layer method's remarks; printing it again here doubled it (issue 16).
        _w.Line($"/// <summary>{path.Name} path: its kernels are those of its line in the plan (remarks).</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {MethodName(path)}(ref {_t} x, ref {_t} w, ref {_t} b, ref {_t} y{BatchParameter})"))
        {
            if (narrow is not null && !dots)
            {
                _w.Line(narrow.Call(path.Bits));
            }
            else if (narrow is not null)
            {
                using (_w.Block($"if (batch >= {path.Narrow!.MinBatch})"))
                {
                    _w.Line($"// A tile of rows or more: one vector of outputs per tile, their sums reduced together.");
                    _w.Line(narrow.Call(path.Bits));
                    _w.Line("return;");
                }

                _w.Line();
            }
            else if (panels is not null && !dots)
            {
                _w.Line(panels.Call);
            }
            else if (panels is not null)
            {
                using (_w.Block($"if (batch >= {path.Panels!.MinBatch})"))
                {
                    _w.Line($"// Enough rows to pay for packing W: the outer-product kernel.");
                    _w.Line(panels.Call);
                    _w.Line("return;");
                }

                _w.Line();
            }

            if (dots)
            {
                EmitRowBlocks(path);
            }
        }

        foreach (RowKernel? kernel in new[] { path.BlockBody, path.SingleRowBody, path.OneRowBody })
        {
            if (kernel is not null && _printedRows.Add(kernel))
            {
                _w.Line();
                EmitRowKernel(kernel);
            }
        }

        if (panels is not null)
        {
            _w.Line();
            panels.Emit();
        }

        if (narrow is not null)
        {
            _w.Line();
            narrow.Emit(path.Bits);
        }
    }

    private void EmitRowBlocks(PathPlan path)
    {
        int mr = path.RowsPerTile;
        _w.Line("int row = 0;");
        if (path.RowBlocks)
        {
            _w.Line($"// Blocks of {mr} rows: each weight vector loaded serves all {mr} rows.");
            using (_w.Block($"for (; row + {mr} <= {BatchBound}; row += {mr})"))
            {
                _w.Line($"{path.BlockBody!.Name}(ref Unsafe.Add(ref x, row * Inputs), ref w, ref b, ref Unsafe.Add(ref y, row * Outputs));");
            }
        }

        if (path.SingleRows)
        {
            _w.Line();
            _w.Line("// The remaining rows, one at a time.");
            using (_w.Block($"for (; row < {BatchBound}; row++)"))
            {
                _w.Line($"{path.SingleRowBody!.Name}(ref Unsafe.Add(ref x, row * Inputs), ref w, ref b, ref Unsafe.Add(ref y, row * Outputs));");
            }
        }

        if (path.SigmoidAfterAllRows)
        {
            string all = $"{BatchBound} * Outputs";
            _w.Line();
            _w.Line("// σ in place over all the outputs at once: a row block holds fewer values than one vector.");
            _w.Line(SigmoidInPlace(_shape.Precision, "ref y", all));
        }
    }

    /// <summary>
    /// One row kernel (<see cref="RowKernel"/>), printed once for every path that calls it: <see cref="RowKernel.Rows"/>
    /// consecutive rows, every output tile, then σ over their values when the kernel applies it.
    /// </summary>
    private void EmitRowKernel(RowKernel kernel)
    {
        if (kernel.WholeRowsBits > 0)
        {
            EmitWholeRows(kernel);
            return;
        }

        int rows = kernel.Rows;
        int nr = kernel.OutputsPerTile;
        bool sigmoidHere = kernel.Sigmoid is not null;
        string rowText = rows == 1 ? "one row" : $"{rows} consecutive rows";
        int values = rows * _shape.Outputs;
        string then = sigmoidHere ? $"then the sigmoid over the {(values == 1 ? "result" : $"{values} results")}" : "z = bias + x·Wᵀ stored, σ applied later over the whole batch";
        _w.Line($"/// <summary>{Cap(rowText)}: every output tile, {then}.</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {kernel.Name}(ref {_t} x0, ref {_t} w, ref {_t} b, ref {_t} y0)"))
        {
            for (int r = 1; r < rows; r++)
            {
                _w.Line($"ref {_t} x{r} = ref Unsafe.Add(ref x{r - 1}, Inputs);");
            }

            for (int r = 1; r < rows; r++)
            {
                _w.Line($"ref {_t} y{r} = ref Unsafe.Add(ref y{r - 1}, Outputs);");
            }

            if (rows > 1)
            {
                _w.Line();
            }

            if (rows == 1 && kernel.TileGroup > 1)
            {
                EmitGroupedRow(kernel);
            }
            else if (kernel.OutputTiles > 0)
            {
                int end = kernel.OutputTiles * nr;
                _w.Line($"// Outputs 0..{end - 1}, {nr} at a time: z = bias + Σ x·w for {rows} row{S(rows)} × {nr} outputs, summed as one vector.");
                string header = kernel.OutputTiles == 1 ? null! : $"for (int o = 0; o < {end}; o += {nr})";
                using (kernel.OutputTiles == 1 ? _w.Block() : _w.Block(header))
                {
                    if (kernel.OutputTiles == 1)
                    {
                        _w.Line("const int o = 0;");
                    }

                    EmitTile(kernel, rows, nr, tail: false);
                }
            }

            if (kernel.TailOutputs > 0)
            {
                int start = kernel.OutputTiles * nr;
                _w.Line();
                _w.Line($"// Output{S(kernel.TailOutputs)} {Range(start, kernel.TailOutputs)} (after the last full tile): each sum reduced on its own.");
                using (_w.Block())
                {
                    _w.Line($"const int o = {start};");
                    EmitTile(kernel, rows, kernel.TailOutputs, tail: true);
                }
            }

            if (kernel.Sigmoid is { } sigmoid)
            {
                _w.Line();
                _w.Line($"// σ in place over the {(values == 1 ? "value" : $"{values} values")} just written (still in L1): {sigmoid.Describe()}.");
                EmitSigmoidSweep(sigmoid, "y0");
            }
        }
    }

    /// <summary>
    /// One row whose output tiles are joined <see cref="RowKernel.TileGroup"/> at a time into one store of the row's
    /// sigmoid width, so that each load of the sweep that follows reads exactly what one store wrote.
    /// </summary>
    private void EmitGroupedRow(RowKernel kernel)
    {
        int group = kernel.TileGroup;
        int nr = kernel.OutputsPerTile;
        int step = group * nr;
        int end = kernel.OutputTiles * nr;
        int bits = kernel.Sigmoid!.Bits;
        _w.Line($"// Outputs 0..{end - 1}, {step} at a time: {group} tiles of {nr} outputs (z = bias + Σ x·w, summed as one Vector128 each),");
        _w.Line($"// stored as one Vector{bits}, the width of the sigmoid's loads: a wider load over narrower stores would wait for them.");
        using (kernel.OutputTiles == group ? _w.Block() : _w.Block($"for (int o = 0; o < {end}; o += {step})"))
        {
            if (kernel.OutputTiles == group)
            {
                _w.Line("const int o = 0;");
            }

            string[] z = Enumerable.Range(0, group).Select(k => $"z{k}").ToArray();
            _w.Line($"Vector128<{_t}> {string.Join(", ", z)};");
            for (int k = 0; k < group; k++)
            {
                using (_w.Block())
                {
                    EmitTile(kernel, 1, nr, tail: false, k == 0 ? "o" : $"(o + {k * nr})", z[k], repeated: k > 0);
                }
            }

            string joined = group == 2 ? "Vector256.Create(z0, z1)" : "Vector512.Create(Vector256.Create(z0, z1), Vector256.Create(z2, z3))";
            _w.Line($"{joined}.StoreUnsafe(ref y0, (nuint)o);");
        }
    }

    /// <summary>
    /// One tile of <paramref name="rows"/> × <paramref name="outputs"/> from output <paramref name="o"/>: its sums plus
    /// bias are stored into the rows, or, for one row, assigned to <paramref name="into"/> when it is given.
    /// </summary>
    /// <param name="repeated">Whether the same tile has just been printed for other outputs (its comments are then shortened).</param>
    private void EmitTile(RowKernel kernel, int rows, int outputs, bool tail, string o = "o", string? into = null, bool repeated = false)
    {
        Sweep dot = kernel.Dot;
        for (int c = 0; c < outputs; c++)
        {
            _w.Line(c == 0 ? $"ref {_t} w0 = ref Unsafe.Add(ref w, {o} * Inputs);" : $"ref {_t} w{c} = ref Unsafe.Add(ref w{c - 1}, Inputs);");
        }

        if (dot.IsScalar)
        {
            // Fewer inputs than a Vector128 holds: the dot products are written out.
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < outputs; c++)
                {
                    string sum = string.Join(" + ", Enumerable.Range(0, dot.Length).Select(i => $"({Elem($"x{r}", i)} * {Elem($"w{c}", i)})"));
                    _w.Line($"{_t} a{r}{c} = {sum};");
                }
            }
        }
        else
        {
            string vector = $"Vector{dot.Bits}<{_t}>";
            for (int r = 0; r < rows; r++)
            {
                _w.Line($"{vector} {string.Join(", ", Enumerable.Range(0, outputs).Select(c => $"a{r}{c} = {vector}.Zero"))};");
            }

            EmitDot(dot, rows, outputs, repeated);
        }

        if (tail)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < outputs; c++)
                {
                    string sum = dot.IsScalar ? $"a{r}{c}" : $"Vector{dot.Bits}.Sum(a{r}{c})";
                    _w.Line($"Unsafe.Add(ref y{r}, o + {c}) = {sum} + Unsafe.Add(ref b, o + {c});");
                }
            }

            return;
        }

        _w.Line($"Vector128<{_t}> bias = Vector128.LoadUnsafe(ref b, (nuint){o});");
        for (int r = 0; r < rows; r++)
        {
            string accumulators = string.Join(", ", Enumerable.Range(0, outputs).Select(c => $"a{r}{c}"));
            string z = dot.IsScalar ? $"Vector128.Create({accumulators})" : $"VectorOps.SumEach({accumulators})";
            _w.Line(into is null ? $"({z} + bias).StoreUnsafe(ref y{r}, (nuint){o});" : $"{into} = {z} + bias;");
        }
    }

    private void EmitDot(Sweep dot, int rows, int outputs, bool repeated)
    {
        string vector = $"Vector{dot.Bits}<{_t}>";
        string load = $"Vector{dot.Bits}.LoadUnsafe";
        int fullEnd = dot.FullSteps * dot.Lanes;

        void Step(string offset, string? keep)
        {
            for (int r = 0; r < rows; r++)
            {
                _w.Line($"{vector} x{r}i = {load}(ref x{r}, {offset});");
            }

            for (int c = 0; c < outputs; c++)
            {
                _w.Line($"{(c == 0 ? vector + " " : string.Empty)}wi = {load}(ref w{c}, {offset});");
                for (int r = 0; r < rows; r++)
                {
                    _w.Line(keep is null
                        ? $"a{r}{c} = VectorOps.MultiplyAdd(x{r}i, wi, a{r}{c});"
                        : $"a{r}{c} += (x{r}i * wi) & {keep};");
                }
            }
        }

        if (dot.Unrolled)
        {
            for (int s = 0; s < dot.FullSteps; s++)
            {
                int start = s * dot.Lanes;
                _w.Line($"// Inputs {start}..{start + dot.Lanes - 1}.");
                using (_w.Block())
                {
                    Step(start.ToString(), null);
                }
            }
        }
        else
        {
            _w.Line($"// Inputs 0..{fullEnd - 1}, {dot.Lanes} at a time.");
            using (_w.Block($"for (nuint i = 0; i < {fullEnd}; i += {dot.Lanes})"))
            {
                Step("i", null);
            }
        }

        if (dot.TailLanes > 0)
        {
            _w.Line(repeated
                ? $"// Input{S(dot.TailLanes)} {Range(fullEnd, dot.TailLanes)}: masked as above."
                : $"// Input{S(dot.TailLanes)} {Range(fullEnd, dot.TailLanes)}: one vector ending at the last input overlaps the previous step; `keep` zeroes the lanes already summed.");
            using (_w.Block())
            {
                _w.Line($"{vector} keep = {Mask(dot)};");
                Step(dot.TailOffset.ToString(), "keep");
            }
        }
    }

    private void EmitSigmoidSweep(Sweep sweep, string y)
    {
        if (sweep.IsScalar)
        {
            if (sweep.Unrolled)
            {
                for (int k = 0; k < sweep.Length; k++)
                {
                    _w.Line($"{Elem(y, k)} = {_sigmoid}({Elem(y, k)});");
                }
            }
            else
            {
                using (_w.Block($"for (int k = 0; k < {sweep.Length}; k++)"))
                {
                    _w.Line($"Unsafe.Add(ref {y}, k) = {_sigmoid}(Unsafe.Add(ref {y}, k));");
                }
            }

            return;
        }

        string load = $"Vector{sweep.Bits}.LoadUnsafe";
        if (sweep.Unrolled)
        {
            for (int s = 0; s < sweep.FullSteps; s++)
            {
                _w.Line($"{_sigmoid}({load}(ref {y}, {s * sweep.Lanes})).StoreUnsafe(ref {y}, {s * sweep.Lanes});");
            }
        }
        else
        {
            using (_w.Block($"for (nuint k = 0; k < {sweep.FullSteps * sweep.Lanes}; k += {sweep.Lanes})"))
            {
                _w.Line($"{_sigmoid}({load}(ref {y}, k)).StoreUnsafe(ref {y}, k);");
            }
        }

        if (sweep.TailLanes > 0)
        {
            int start = sweep.Length - sweep.TailLanes;
            _w.Line($"// Value{S(sweep.TailLanes)} {Range(start, sweep.TailLanes)}: the last vector overlaps values already done, which the mask keeps unchanged.");
            using (_w.Block())
            {
                _w.Line($"Vector{sweep.Bits}<{_t}> z = {load}(ref {y}, {sweep.TailOffset});");
                _w.Line($"Vector{sweep.Bits}.ConditionalSelect({Mask(sweep)}, {_sigmoid}(z), z).StoreUnsafe(ref {y}, {sweep.TailOffset});");
            }
        }
    }

    private void EmitScalarPath(PathPlan path)
    {
        _w.Line($"/// <summary>Scalar path: {Xml(path.Describe(_shape.Inputs, _rows == 0))}</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {MethodName(path)}(ref {_t} x, ref {_t} w, ref {_t} b, ref {_t} y{BatchParameter})"))
        {
            using (_w.Block($"for (int row = 0; row < {BatchBound}; row++)"))
            {
                _w.Line($"ref {_t} xr = ref Unsafe.Add(ref x, row * Inputs);");
                _w.Line($"ref {_t} yr = ref Unsafe.Add(ref y, row * Outputs);");
                using (_w.Block("for (int o = 0; o < Outputs; o++)"))
                {
                    PackedLayout? packed = _plan.Packing;
                    if (packed is null)
                    {
                        _w.Line($"ref {_t} wo = ref Unsafe.Add(ref w, o * Inputs);");
                    }
                    else
                    {
                        int u = packed.Unit;
                        _w.Line($"// Packed W: output o is column o − start of unit min(o / {u}, {packed.Units - 1}), whose start is min(unit · {u}, {_shape.Outputs - u}); its weights are {u} apart.");
                        _w.Line($"int unit = global::System.Math.Min(o / {u}, {packed.Units - 1});");
                        _w.Line($"ref {_t} wo = ref Unsafe.Add(ref w, (unit * {packed.UnitLength}) + o - global::System.Math.Min(unit * {u}, {_shape.Outputs - u}));");
                    }

                    _w.Line($"{_t} z = Unsafe.Add(ref b, o);");
                    using (_w.Block("for (int i = 0; i < Inputs; i++)"))
                    {
                        _w.Line(packed is null
                            ? "z += Unsafe.Add(ref xr, i) * Unsafe.Add(ref wo, i);"
                            : $"z += Unsafe.Add(ref xr, i) * Unsafe.Add(ref wo, i * {packed.Unit});");
                    }

                    _w.Line();
                    _w.Line($"Unsafe.Add(ref yr, o) = {_sigmoid}(z);");
                }
            }
        }
    }

    /// <summary>A constant mask whose last <see cref="Sweep.TailLanes"/> lanes are all ones.</summary>
    private string Mask(Sweep sweep) => new VectorText(sweep.Bits, _t).Mask(sweep.Lanes, sweep.TailLanes);

    private static string Elem(string reference, int index) => index == 0 ? reference : $"Unsafe.Add(ref {reference}, {index})";

    private static string Range(int start, int count) => count == 1 ? start.ToString() : $"{start}..{start + count - 1}";

    private static string S(int count) => count == 1 ? string.Empty : "s";

    private static string Cap(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);

    /// <summary>
    /// The statement that applies the sigmoid of <paramref name="precision"/> in place to <paramref name="count"/> values at
    /// <paramref name="reference"/>: <c>SigmoidSweep</c>, the span helper's loop without the checks the kernel has made.
    /// </summary>
    internal static string SigmoidInPlace(Precision precision, string reference, string count) =>
        $"SigmoidSweep.{(precision == Precision.Fast ? "InPlaceFast" : "InPlace")}({reference}, {count});";

    internal static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
