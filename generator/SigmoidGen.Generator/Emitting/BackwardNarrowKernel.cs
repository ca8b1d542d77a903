using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// The path method of a <see cref="BackwardNarrowPlan"/> (one or two outputs, few inputs): one pass over the rows in
/// tiles of one vector of dz, the weight gradient in sets of accumulators held for the whole call, the input gradient
/// stored row by row, then the sets added and written once.
/// </summary>
internal sealed partial class BackwardKernelEmitter
{
    private void EmitNarrowPath(BackwardPathPlan path, BackwardNarrowPlan p)
    {
        var tile = new VectorText(path.Bits, _t);
        var v = new VectorText(p.Inputs.Bits, _t);
        string[] offsets = p.Inputs.TailOffsets.Select(o => o.ToString()).ToArray();
        int n = offsets.Length, outputs = p.Outputs, rows = p.RowsPerTile;
        string weights = _train ? "w" : "dw";

        _w.Line($"/// <summary>{path.Name} path: {ForwardKernelEmitter.Xml(path.Describe(_dx))}{Shared}</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block(PathSignature(path).Declaration))
        {
            if (p.HoistWeights && _dx)
            {
                _w.Line("// W's vectors, loaded once for every row's input gradient.");
                for (int o = 0; o < outputs; o++)
                {
                    _w.Line($"{v.Type} {string.Join(", ", Enumerable.Range(0, n).Select(k => $"w{o}{k} = {v.Load("w", Offset(o, offsets[k]))}"))};");
                }
            }

            _w.Line($"// The weight gradient's {p.Sets} set{S(p.Sets)} of accumulators: set s sums the rows r with r % {rows} % {p.Sets} == s (set 0 also the rows after the last full tile).");
            for (int s = 0; s < p.Sets; s++)
            {
                for (int o = 0; o < outputs; o++)
                {
                    _w.Line($"{v.Type} {string.Join(", ", Enumerable.Range(0, n).Select(k => $"{Accumulator(s, o, k)} = {v.Zero}"))};");
                }
            }

            _w.Line(outputs == 1
                ? $"{tile.Type} biasSums = {tile.Zero}; // lane j: the rows j of the tiles"
                : $"{tile.Type} biasSums = {tile.Zero}; // lane j: output j % {outputs} of the rows j / {outputs} of the tiles");
            if (_bce)
            {
                _w.Line($"{tile.Type} scaleV = {tile.Broadcast("scale")};");
            }

            if (outputs > 1)
            {
                _w.Line($"Span<{_t}> biasLanes = stackalloc {_t}[{p.Lanes}];");
                _w.Line($"ref {_t} d = ref MemoryMarshal.GetReference(biasLanes);");
            }

            _w.Line("int row = 0;");
            if (_spec.Batch == 0 || _spec.Batch >= rows)
            {
                using (_w.Block($"for (; row + {rows} <= {BatchBound}; row += {rows})"))
                {
                    EmitNarrowTile(p, tile, v, offsets);
                }
            }

            bool rest = _spec.Batch == 0 || _spec.Batch % rows != 0;
            if (rest)
            {
                _w.Line();
                _w.Line($"// The rows after the last full tile, one at a time: dz as {(outputs == 1 ? "a scalar" : "scalars")}, the first set of accumulators.");
                _w.Line($"{_t} {string.Join(", ", Enumerable.Range(0, outputs).Select(o => $"biasRest{o} = 0"))};");
                using (_w.Block($"for (; row < {BatchBound}; row++)"))
                {
                    for (int o = 0; o < outputs; o++)
                    {
                        string at = outputs == 1 ? "row" : $"(row * {outputs}) + {o}";
                        _w.Line($"{_t} y{o} = Unsafe.Add(ref y, {at});");
                        _w.Line($"{_t} dz{o} = {ScalarDz($"y{o}", $"Unsafe.Add(ref g, {at})")};");
                        _w.Line($"biasRest{o} += dz{o};");
                    }

                    EmitNarrowRowBases();
                    EmitNarrowRow(p, v, offsets, 0, 0, o => v.Broadcast($"dz{o}"));
                }
            }

            _w.Line();
            _w.Line($"// The sets added pairwise; then the bias {(_train ? "update" : "gradient")}, and the weight {(_train ? "update" : "gradient")} written once.");
            for (int o = 0; o < outputs; o++)
            {
                for (int k = 0; k < n; k++)
                {
                    _w.Line($"{v.Type} {SetsSum(o, k)} = {PairwiseSum(p.Sets, s => Accumulator(s, o, k))};");
                }
            }

            if (outputs == 1)
            {
                _w.Line($"{_t} bias0 = Vector{path.Bits}.Sum(biasSums){(rest ? " + biasRest0" : string.Empty)};");
            }
            else
            {
                _w.Line("biasSums.StoreUnsafe(ref d);");
                for (int o = 0; o < outputs; o++)
                {
                    string lanes = string.Join(" + ", Enumerable.Range(0, rows).Select(r => $"Unsafe.Add(ref d, {(r * outputs) + o})"));
                    _w.Line(rest ? $"{_t} bias{o} = ({lanes}) + biasRest{o};" : $"{_t} bias{o} = {lanes};");
                }
            }

            string biasTarget = _train ? "b" : "db";
            var scalar = new VectorText(0, _t);
            for (int o = 0; o < outputs; o++)
            {
                _w.Line(WriteSum(scalar, biasTarget, o.ToString(), $"bias{o}", onlyBlock: true));
            }

            bool overlap = EndsOverlapping(p.Inputs, v, offsets);
            bool readModifyWrite = _train || _spec.Accumulate;
            if (overlap && readModifyWrite)
            {
                EmitKeepMask(p.Inputs, v);
            }

            if (_train)
            {
                _w.Line($"{v.Type} rateV = {v.Broadcast("rate")};");
            }

            if (overlap && !readModifyWrite)
            {
                _w.Line("// An overlapping vector stores the same values twice.");
            }

            EmitOverlapWriteComment(overlap && readModifyWrite, n);
            for (int o = 0; o < outputs; o++)
            {
                string target = o == 0 ? weights : $"Unsafe.Add(ref {weights}, {o} * Inputs)";
                _w.Line($"ref {_t} t{o} = ref {target};");
                int output = o;
                EmitRowWrite(v, $"t{o}", offsets, overlap && readModifyWrite, (k, current) =>
                {
                    string sum = overlap && readModifyWrite && k == n - 1 ? $"({SetsSum(output, k)} & keep)" : SetsSum(output, k);
                    return _train ? $"{current} - (rateV * {sum})" : _spec.Accumulate ? $"{current} + {sum}" : sum;
                });
            }
        }
    }

    /// <summary>One full tile of rows: dz as one vector, the bias sums, then each row.</summary>
    private void EmitNarrowTile(BackwardNarrowPlan p, VectorText tile, VectorText v, string[] offsets)
    {
        int outputs = p.Outputs;
        string at = outputs == 1 ? "(nuint)row" : $"(nuint)(row * {outputs})";
        _w.Line($"// dz = {DzFormula} for the tile's {p.Lanes} values, in one vector; each row takes its own in every lane by a permute.");
        _w.Line($"{tile.Type} yv = {tile.Load("y", at)};");
        _w.Line($"{tile.Type} dzv = {Dz(tile, "yv", tile.Load("g", at), "scaleV")};");
        _w.Line("biasSums += dzv;");
        EmitNarrowRowBases();
        for (int r = 0; r < p.RowsPerTile; r++)
        {
            int row = r;
            using (_w.Block())
            {
                _w.Line($"// Row {row}{(row == 0 ? string.Empty : $", from element {row * _spec.Inputs} of xr{(_dx ? " and dxr" : string.Empty)}")}.");
                EmitNarrowRow(p, v, offsets, row * _spec.Inputs, row % p.Sets, o => Lane(tile, v, "dzv", (row * outputs) + o));
            }
        }
    }

    /// <summary>xr and dxr: the rows of x and dx from <c>row</c>.</summary>
    private void EmitNarrowRowBases()
    {
        _w.Line($"ref {_t} xr = ref Unsafe.Add(ref x, row * Inputs);");
        if (_dx)
        {
            _w.Line($"ref {_t} dxr = ref Unsafe.Add(ref dx, row * Inputs);");
        }
    }

    /// <summary>
    /// One row from element <paramref name="rowOffset"/> of xr and dxr: its dz in every lane (<paramref name="dz"/> of
    /// each output), the weight gradient into set <paramref name="set"/>, and the input gradient stored.
    /// </summary>
    private void EmitNarrowRow(BackwardNarrowPlan p, VectorText v, string[] offsets, int rowOffset, int set, System.Func<int, string> dz)
    {
        int n = offsets.Length;
        string At(string offset) => (rowOffset + int.Parse(offset)).ToString();
        for (int o = 0; o < p.Outputs; o++)
        {
            _w.Line($"{v.Type} b{o} = {dz(o)};");
        }

        for (int o = 0; o < p.Outputs; o++)
        {
            for (int k = 0; k < n; k++)
            {
                string a = Accumulator(set, o, k);
                _w.Line($"{a} = {v.MultiplyAdd($"b{o}", v.Load("xr", At(offsets[k])), a)};");
            }
        }

        if (!_dx)
        {
            return;
        }

        for (int k = 0; k < n; k++)
        {
            string W(int o) => p.HoistWeights ? $"w{o}{k}" : v.Load("w", Offset(o, offsets[k]));
            string value = p.Outputs == 1 ? $"b0 * {W(0)}" : v.MultiplyAdd("b1", W(1), $"b0 * {W(0)}");
            _w.Line(v.Store(value, "dxr", At(offsets[k])));
        }
    }

    /// <summary>
    /// Lane <paramref name="lane"/> of <paramref name="vector"/> (of <paramref name="tile"/>'s width) in every lane of a
    /// vector of <paramref name="v"/>'s width: one permute in registers. (Stored to the stack and broadcast from there,
    /// each tile's loads waited for its store: a 512-bit store does not forward to a 4-byte load, and the weight gradient
    /// of (1 024, 30, 1) took 1.15 µs instead of about 0.4.)
    /// </summary>
    private string Lane(VectorText tile, VectorText v, string vector, int lane)
    {
        string index = _t == "float" ? lane.ToString() : $"{lane}L";
        string lanes = $"Vector{tile.Bits}.Shuffle({vector}, Vector{tile.Bits}.Create({index}))";
        for (int bits = tile.Bits; bits > v.Bits; bits /= 2)
        {
            lanes += ".GetLower()";
        }

        return lanes;
    }

    private static string Accumulator(int set, int output, int vector) => $"a{set}{output}{vector}";

    private static string SetsSum(int output, int vector) => $"sum{output}{vector}";

    private static string Offset(int output, string offset) => output == 0 ? offset : $"{output} * Inputs + {offset}";

    /// <summary>The sum of <paramref name="count"/> terms, added pairwise: ((t0 + t1) + (t2 + t3)).</summary>
    private static string PairwiseSum(int count, System.Func<int, string> term)
    {
        string Sum(int first, int length) =>
            length == 1 ? term(first) : $"({Sum(first, length / 2)} + {Sum(first + (length / 2), length / 2)})";

        string sum = Sum(0, count);
        return count > 1 ? sum.Substring(1, sum.Length - 2) : sum;
    }
}
