using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// Pass 1, only with an input gradient: <c>dx[r, :] = Σ_o dz[r, o]·W[o, :]</c>, by blocks of rows (dz for the block, then
/// tiles of rows × a chunk of inputs), or in groups of rows sharing chunks of W's columns, copied where their rows alias in L1 (see
/// <see cref="BackwardPathPlan.InputGradientGroup"/>).
/// </summary>
internal sealed partial class BackwardKernelEmitter
{
    private string RowBlockCall(BackwardPathPlan path, int rows) =>
        RowBlockSignature(path, rows).Call(("y0", "Unsafe.Add(ref y, row * Outputs)"), ("g0", "Unsafe.Add(ref g, row * Outputs)"), ("dx0", "Unsafe.Add(ref dx, row * Inputs)"));

    /// <summary>Pass 1 block by block: dz of each block of rows into a stack buffer, then its input gradient from W in place.</summary>
    private void EmitRowPass(BackwardPathPlan path)
    {
        int rows = path.RowsPerBlock;
        _w.Line($"// Pass 1, by blocks of {rows} row{S(rows)}: dz = ∂L/∂z into a stack buffer, the input gradient{(_train ? " (with the weights before the update)" : string.Empty)}.");
        _w.Line($"Span<{_t}> dzRows = stackalloc {_t}[{rows} * Outputs];");
        _w.Line($"ref {_t} d = ref MemoryMarshal.GetReference(dzRows);");
        _w.Line("int row = 0;");
        if (path.FullRowBlocks)
        {
            using (_w.Block($"for (; row + {rows} <= {BatchBound}; row += {rows})"))
            {
                _w.Line(RowBlockCall(path, rows));
            }
        }

        if (path.RowRemainder)
        {
            using (_w.Block($"for (; row < {BatchBound}; row++)"))
            {
                _w.Line(RowBlockCall(path, 1));
            }
        }
    }

    /// <summary>Pass 1 in groups of rows sharing chunks of W's columns, copied or in place (see <see cref="BackwardPathPlan.InputGradientGroup"/>).</summary>
    private void EmitGroupedRowPass(BackwardPathPlan path)
    {
        int group = path.InputGradientGroup;
        int rows = path.RowsPerBlock;
        Chunking chunking = path.Inputs;
        int c = chunking.ChunkLength;
        bool copy = path.CopyColumns;
        _w.Line($"// Pass 1, by groups of up to {group} rows: dz = ∂L/∂z for the group into a pooled buffer; then, for each chunk of {c} inputs,");
        if (copy)
        {
            _w.Line($"// W's columns for the chunk copied into a contiguous {_spec.Outputs} × {c} buffer (in place, its rows are {_spec.Inputs} elements apart),");
            _w.Line($"// which every block of {rows} row{S(rows)} of the group reads: the input gradient{(_train ? " (with the weights before the update)" : string.Empty)}.");
            _w.Line("// Equal groups of whole blocks (each copies all of W).");
        }
        else
        {
            _w.Line($"// every block of {rows} row{S(rows)} of the group reads W's columns for the chunk in place (its rows, {_spec.Inputs} elements apart, reach");
            _w.Line($"// every L1 set: the chunk stays in L1 between the blocks): the input gradient{(_train ? " (with the weights before the update)" : string.Empty)}.");
            _w.Line("// Equal groups of whole blocks (each reads all of W).");
        }

        _w.Line($"int groups = ({BatchBound} + {group - 1}) / {group};");
        _w.Line($"int groupRows = Math.Min({BatchBound}, (({BatchBound} + groups - 1) / groups + {rows - 1}) / {rows} * {rows});");
        _w.Line($"{_t}[] buffer = global::System.Buffers.ArrayPool<{_t}>.Shared.Rent({(copy ? $"(groupRows * Outputs) + (Outputs * {c})" : "groupRows * Outputs")});");
        using (_w.Block("try"))
        {
            _w.Line($"ref {_t} dzg = ref MemoryMarshal.GetArrayDataReference(buffer);");
            if (copy)
            {
                _w.Line($"ref {_t} wc = ref Unsafe.Add(ref dzg, groupRows * Outputs);");
            }

            using (_w.Block($"for (int first = 0; first < {BatchBound}; first += groupRows)"))
            {
                _w.Line($"int rows = Math.Min(groupRows, {BatchBound} - first);");
                _w.Line(DzSignature(path).Call(("y0", "Unsafe.Add(ref y, first * Outputs)"), ("g0", "Unsafe.Add(ref g, first * Outputs)"), ("d", "dzg"), ("count", "rows * Outputs")));
                using (_w.Block($"for (int i = 0; i < {chunking.MainLength}; i += {c})"))
                {
                    if (copy)
                    {
                        _w.Line(CopySignature(path).Call(("w", "Unsafe.Add(ref w, i)"), ("c", "wc")));
                    }

                    EmitGroupBlocks(path, copy ? "wc" : "Unsafe.Add(ref w, i)", "i", chunk: true);
                }

                if (chunking.TailOffsets.Count > 0)
                {
                    _w.Line("// The tail of the inputs, from W in place.");
                    using (_w.Block())
                    {
                        EmitGroupBlocks(path, "w", string.Empty, chunk: false);
                    }
                }
            }
        }

        using (_w.Block("finally"))
        {
            _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(buffer);");
        }
    }

    /// <summary>A tile's call from the group's <paramref name="row"/>, at the inputs' <paramref name="column"/> (none: the tail, whose tile adds its offset).</summary>
    private string GroupTileCall(BackwardPathPlan path, int rows, bool chunk, string weights, string row, string column) =>
        GroupTileSignature(path, rows, chunk).Call(("w", weights), ("d", $"Unsafe.Add(ref dzg, {row} * Outputs)"), ("dx0", $"Unsafe.Add(ref dx, (first + {row}) * Inputs{(column.Length > 0 ? " + " + column : string.Empty)})"));

    /// <summary>
    /// The row blocks of a group of the grouped pass 1: tiles of the plan's block height, then the rows left over, by one
    /// more tile ending at the group's last row when they are <see cref="BackwardPathPlan.OverlapRestFrom"/> or more, else
    /// by single rows.
    /// </summary>
    private void EmitGroupBlocks(BackwardPathPlan path, string weights, string column, bool chunk)
    {
        int rows = path.RowsPerBlock;
        _w.Line("int r = 0;");
        using (_w.Block($"for (; r + {rows} <= rows; r += {rows})"))
        {
            _w.Line(GroupTileCall(path, rows, chunk, weights, "r", column));
        }

        if (rows == 1)
        {
            return;
        }

        if (path.OverlapRestFrom > 0)
        {
            using (_w.Block($"if (r > 0 && rows - r >= {path.OverlapRestFrom})"))
            {
                _w.Line("// The rows left over by one more tile ending at the last row: the rows it shares with the tile before get the same values again.");
                _w.Line(GroupTileCall(path, rows, chunk, weights, $"(rows - {rows})", column));
            }

            using (_w.Block("else"))
            {
                EmitGroupSingleRows(path, weights, column, chunk);
            }
        }
        else
        {
            EmitGroupSingleRows(path, weights, column, chunk);
        }
    }

    /// <summary>The rows of a group left after its whole blocks, one single-row tile each.</summary>
    private void EmitGroupSingleRows(BackwardPathPlan path, string weights, string column, bool chunk)
    {
        using (_w.Block("for (; r < rows; r++)"))
        {
            _w.Line(GroupTileCall(path, 1, chunk, weights, "r", column));
        }
    }

    /// <summary>The kernels of the grouped pass 1: dz over a run of values, the chunk copy, and the input-gradient tiles.</summary>
    private void EmitGroupKernels(BackwardPathPlan path)
    {
        Chunking chunking = path.Inputs;
        int lanes = chunking.Lanes;
        EmitDzKernel(path);
        int c = chunking.ChunkLength;
        if (path.CopyColumns)
        {
            _w.Line();
            _w.Line($"/// <summary>W[o, i..i+{c - 1}] for every output o, from w = W[0, i], into c[o·{c}..]: the chunk's columns, contiguous.{Shared}</summary>");
            _w.Line(CodeWriter.OptimizeKernel);
            using (_w.Block(CopySignature(path).Declaration))
            {
                using (_w.Block("for (int o = 0; o < Outputs; o++)"))
                {
                    _w.Line(CopyChunk(chunking, "w", "c"));
                    _w.Line("w = ref Unsafe.Add(ref w, Inputs);");
                    _w.Line($"c = ref Unsafe.Add(ref c, {c});");
                }
            }
        }

        string[] chunkOffsets = Enumerable.Range(0, chunking.VectorsPerChunk).Select(k => (k * lanes).ToString()).ToArray();
        foreach (int rows in path.RowsPerBlock > 1 ? new[] { path.RowsPerBlock, 1 } : new[] { 1 })
        {
            _w.Line();
            string from = path.CopyColumns ? $"a copied chunk of W's columns (rows {c} apart)" : $"a chunk of W's columns in place (rows {_spec.Inputs} apart)";
            _w.Line($"/// <summary>{(rows == 1 ? "One row" : $"{rows} rows")} × {c} inputs of the input gradient, from {from}.{Shared}</summary>");
            _w.Line(CodeWriter.OptimizeKernel);
            using (_w.Block(GroupTileSignature(path, rows, chunk: true).Declaration))
            {
                DxRowReferences(rows);
                EmitInputGradientTile(path, chunking, rows, chunkOffsets, path.CopyColumns ? c.ToString() : "Inputs");
            }

            if (chunking.TailOffsets.Count > 0)
            {
                _w.Line();
                _w.Line($"/// <summary>{(rows == 1 ? "One row" : $"{rows} rows")} × the tail of the inputs of the input gradient, from W in place.{Shared}</summary>");
                _w.Line(CodeWriter.OptimizeKernel);
                using (_w.Block(GroupTileSignature(path, rows, chunk: false).Declaration))
                {
                    DxRowReferences(rows);
                    EmitInputGradientTile(path, chunking, rows, chunking.TailOffsets.Select(o => o.ToString()).ToArray(), "Inputs");
                }
            }
        }
    }

    /// <summary>Pass 1 for a block of rows (only when there is an input gradient): dz into <c>d</c>, then the input gradient.</summary>
    private void EmitRowBlock(BackwardPathPlan path, int rows, Sweep dzSweep)
    {
        int count = rows * _spec.Outputs;
        _w.Line($"/// <summary>{(rows == 1 ? "One row" : $"{rows} consecutive rows")}: dz, the input gradient.{Shared}</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block(RowBlockSignature(path, rows).Declaration))
        {
            _w.Line($"// dz = {DzFormula} for the {count} values of {(rows == 1 ? "this row" : "these rows")}: {dzSweep.Describe()}.");
            EmitDzSweep(dzSweep);
            _w.Line();
            DxRowReferences(rows);

            _w.Line($"// Input gradient dx[r, :] = Σ_o dz[r, o]·W[o, :], along the inputs: {path.Inputs.Describe()}.");
            EmitChunks(path.Inputs, offsets => EmitInputGradientTile(path, path.Inputs, rows, offsets));
        }
    }

    private void DxRowReferences(int rows)
    {
        for (int r = 1; r < rows; r++)
        {
            _w.Line($"ref {_t} dx{r} = ref Unsafe.Add(ref dx{r - 1}, Inputs);");
        }
    }

    /// <summary>One input-gradient tile; W's rows are <paramref name="stride"/> elements apart.</summary>
    private void EmitInputGradientTile(BackwardPathPlan path, Chunking chunking, int rows, string[] offsets, string stride = "Inputs")
    {
        var v = new VectorText(chunking.Bits, _t);
        int n = offsets.Length;

        // With few accumulators the FMAs of one accumulator form a dependent chain as long as the outputs; two sets
        // (even and odd outputs), added at the end, halve it (the plan says when).
        bool split = path.SplitsInputGradient(rows, n);
        string[] sets = split ? new[] { "a", "c" } : new[] { "a" };
        for (int r = 0; r < rows; r++)
        {
            _w.Line($"{v.Type} {string.Join(", ", sets.SelectMany(set => Enumerable.Range(0, n).Select(k => $"{set}{r}{k} = {v.Zero}")))};");
        }

        // dz[r, o] is at dO + r·Outputs + column: constant offsets from references that walk the outputs. A vector of W
        // that serves several rows is loaded once into a local; for one row the load goes straight into its
        // multiply-add, which the JIT folds into the instruction (eight locals beside eight accumulators would spill).
        void Output(int column, string set, string wRef, bool declare)
        {
            if (rows > 1)
            {
                _w.Line($"{(declare ? v.Type + " " : string.Empty)}{string.Join(", ", Enumerable.Range(0, n).Select(k => $"{set}w{k} = {v.Load(wRef, offsets[k])}"))};");
            }

            for (int r = 0; r < rows; r++)
            {
                int offset = (r * _spec.Outputs) + column;
                _w.Line($"{(declare && r == 0 ? v.Type + " " : string.Empty)}{set}dz = {v.Broadcast(offset == 0 ? "dO" : $"Unsafe.Add(ref dO, {offset})")};");
                for (int k = 0; k < n; k++)
                {
                    string weight = rows > 1 ? $"{set}w{k}" : v.Load(wRef, offsets[k]);
                    _w.Line($"{set}{r}{k} = {v.MultiplyAdd($"{set}dz", weight, $"{set}{r}{k}")};");
                }
            }
        }

        int step = split ? 2 : 1;
        int end = split ? _spec.Outputs - (_spec.Outputs % 2) : _spec.Outputs;
        _w.Line($"ref {_t} wo = ref w;");
        _w.Line($"ref {_t} dO = ref d;");
        using (_w.Block($"for (int o = 0; o < {end}; o += {step})"))
        {
            Output(0, "a", "wo", declare: true);
            if (split)
            {
                _w.Line($"ref {_t} wn = ref Unsafe.Add(ref wo, {stride});");
                Output(1, "c", "wn", declare: true);
            }

            _w.Line(step == 1 ? $"wo = ref Unsafe.Add(ref wo, {stride});" : $"wo = ref Unsafe.Add(ref wo, {step} * {stride});");
            _w.Line($"dO = ref Unsafe.Add(ref dO, {step});");
        }

        if (split && end < _spec.Outputs)
        {
            _w.Line("// The last, odd output (wo and dO point at it).");
            using (_w.Block())
            {
                Output(0, "a", "wo", declare: true);
            }
        }

        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < n; k++)
            {
                _w.Line(v.Store(split ? $"a{r}{k} + c{r}{k}" : $"a{r}{k}", $"dx{r}", offsets[k]));
            }
        }
    }
}
