using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// Pass 2: by blocks of rows and, within a block, by tiles of outputs: dz for the tile's outputs, the bias gradient, and
/// the weight gradient <c>dW[o, :] = Σ_b dz[b, o]·x[b, :]</c> accumulated in registers, then stored, added, applied as an
/// SGD step, or (fused optimizer) summed into gradient rows that the optimizer updates after the last block.
/// </summary>
internal sealed partial class BackwardKernelEmitter
{
    /// <summary>Pass 2 after its dz buffer <c>dc</c>: the blocks, with the block's inputs copied first when the plan packs them.</summary>
    private void EmitWeightGradientPass(BackwardPathPlan path)
    {
        if (path.PackInputs)
        {
            _w.Line($"// Each block's inputs, chunk by chunk of {path.Inputs.ChunkLength}: xp[(chunk · rows + r) · {path.Inputs.ChunkLength} + k] = x[first + r, chunk · {path.Inputs.ChunkLength} + k].");
            _w.Line($"{_t}[] packedInputs = global::System.Buffers.ArrayPool<{_t}>.Shared.Rent({BlockRows(path)} * {path.Inputs.MainLength});");
            using (_w.Block("try"))
            {
                _w.Line($"ref {_t} xp = ref MemoryMarshal.GetArrayDataReference(packedInputs);");
                EmitWeightGradientBlocks(path, packed: true);
            }

            using (_w.Block("finally"))
            {
                _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(packedInputs);");
            }
        }
        else
        {
            EmitWeightGradientBlocks(path, packed: false);
        }
    }

    /// <summary>Pass 2's loop over blocks of rows and, within a block, over tiles of outputs.</summary>
    private void EmitWeightGradientBlocks(BackwardPathPlan path, bool packed)
    {
        int tile = path.OutputsPerTile;
        int fullEnd = path.OutputTiles * tile;
        bool groups = _opt is not null && path.SeveralOptimizerGroups;
        _w.Line($"// Equal blocks of at most {path.BatchBlock} rows (a short last block would rewrite all of dW for a few rows).");
        _w.Line($"int blocks = ({BatchBound} + {path.BatchBlock - 1}) / {path.BatchBlock};");
        _w.Line($"int blockRows = ({BatchBound} + blocks - 1) / blocks;");
        using (groups ? _w.Block($"for (int group = 0; group < Outputs; group += {path.OptimizerGroupOutputs})") : (System.IDisposable?)null)
        using (_w.Block($"for (int first = 0; first < {BatchBound}; first += blockRows)"))
        {
            _w.Line($"int rows = Math.Min(blockRows, {BatchBound} - first);");
            if (_opt is not null)
            {
                _w.Line($"bool lastBlock = first + rows == {BatchBound};");
            }

            if (packed)
            {
                _w.Line(PackSignature(path).Call(("x", "Unsafe.Add(ref x, first * Inputs)")));
            }

            if (path.OutputTiles == 1 && !groups)
            {
                _w.Line(OutputTileCall(path, tile, "0", groups));
            }
            else if (path.OutputTiles > 0)
            {
                string from = groups ? "group" : "0";
                string to = groups ? $"Math.Min(group + {path.OptimizerGroupOutputs}, {fullEnd})" : fullEnd.ToString();
                using (_w.Block($"for (int o = {from}; o < {to}; o += {tile})"))
                {
                    _w.Line(OutputTileCall(path, tile, "o", groups));
                }
            }

            if (path.TailOutputs > 0)
            {
                string call = OutputTileCall(path, path.TailOutputs, fullEnd.ToString(), groups);
                if (groups)
                {
                    using (_w.Block($"if (group + {path.OptimizerGroupOutputs} >= Outputs)"))
                    {
                        _w.Line(call);
                    }
                }
                else
                {
                    _w.Line(call);
                }
            }
        }
    }

    /// <summary>The copy of a block's inputs, chunk by chunk, for pass 2.</summary>
    private void EmitPackRows(BackwardPathPlan path)
    {
        Chunking chunking = path.Inputs;
        int c = chunking.ChunkLength;
        _w.Line($"/// <summary>x[r, i..i+{c - 1}] for r &lt; rows and every whole chunk i, into xp[i·rows + r·{c}..]: each chunk of the block contiguous.{Shared}</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block(PackSignature(path).Declaration))
        {
            // Chunk by chunk, so that the writes run in order: row by row, they went to every chunk in turn, rows · {c}
            // elements apart, which at 64 rows of 16 floats is 4 KB: every write of a row in one L1 set.
            using (_w.Block($"for (int i = 0; i < {chunking.MainLength}; i += {c})"))
            {
                _w.Line($"ref {_t} xi = ref Unsafe.Add(ref x, i);");
                _w.Line($"ref {_t} pi = ref Unsafe.Add(ref xp, i * rows);");
                using (_w.Block("for (int r = 0; r < rows; r++)"))
                {
                    _w.Line($"ref {_t} source = ref Unsafe.Add(ref xi, r * Inputs);");
                    _w.Line($"ref {_t} target = ref Unsafe.Add(ref pi, r * {c});");
                    _w.Line(CopyChunk(chunking, "source", "target"));
                }
            }
        }
    }

    /// <summary>Pass 2 for a tile of outputs: dz columns, bias gradient, weight gradient (or the SGD update).</summary>
    private void EmitOutputTile(BackwardPathPlan path, int outputs)
    {
        string what = _both ? "gradients summed into gs (rows) and gb (bias), then, after the last block, the optimizer's update (fused optimizers); or the weights and bias updated in place (plain SGD)"
            : _opt is not null ? "gradients summed into gs (rows) and gb (bias), then, after the last block, the optimizer's update"
            : _train ? "weights and bias updated in place" : "bias and weight gradients";
        _w.Line($"/// <summary>Output{S(outputs)} o..o+{outputs - 1} over the rows first..first+rows-1: dz, then the {what}.{Shared}</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block(OutputTileSignature(path, outputs).Declaration))
        {
            EmitPlainRate();
            // Whole Vector128s of the tile's outputs (same operations in the same order as the scalar form, lane by lane),
            // then the outputs left over one by one.
            int lanes = path.SumLanes;
            int groups = outputs / lanes;
            var v = new VectorText(128, _t);
            var scalar = new VectorText(0, _t);
            _w.Line($"// dz = {DzFormula} for these rows × {outputs} output{S(outputs)}, and its column sums (the bias gradient)" +
                    (groups > 0 ? $": {groups} × {v.Type} per row{(outputs % lanes == 0 ? string.Empty : $" + {outputs % lanes} scalar{S(outputs % lanes)}")}." : "."));
            for (int j = 0; j < groups; j++)
            {
                _w.Line($"{v.Type} sv{j} = {v.Zero};");
            }

            if (outputs % lanes != 0)
            {
                _w.Line($"{_t} {string.Join(", ", Enumerable.Range(groups * lanes, outputs % lanes).Select(c => $"s{c} = 0"))};");
            }

            using (_w.Block("for (int r = 0; r < rows; r++)"))
            {
                _w.Line($"int at = ((first + r) * Outputs) + o;");
                for (int j = 0; j < groups; j++)
                {
                    string at = j == 0 ? "(nuint)at" : $"(nuint)(at + {j * lanes})";
                    _w.Line($"{v.Type} yv{j} = {v.Load("y", at)};");
                    _w.Line($"{v.Type} dv{j} = {Dz(v, $"yv{j}", v.Load("g", at))};");
                    _w.Line(v.Store($"dv{j}", "dc", $"(nuint)((r * {outputs}) + {j * lanes})"));
                    _w.Line($"sv{j} += dv{j};");
                }

                for (int c = groups * lanes; c < outputs; c++)
                {
                    string at = c == 0 ? "at" : $"at + {c}";
                    _w.Line($"{_t} y{c} = Unsafe.Add(ref y, {at});");
                    _w.Line($"{_t} d{c} = {Dz(scalar, $"y{c}", scalar.Load("g", at))};");
                    _w.Line($"Unsafe.Add(ref dc, (r * {outputs}) + {c}) = d{c};");
                    _w.Line($"s{c} += d{c};");
                }
            }

            ByRule(() =>
            {
                string biasTarget = _opt is not null ? "gb" : _train ? "b" : "db";
                for (int j = 0; j < groups; j++)
                {
                    _w.Line(WriteSum(v, biasTarget, j == 0 ? "(nuint)o" : $"(nuint)(o + {j * lanes})", $"sv{j}"));
                }

                for (int c = groups * lanes; c < outputs; c++)
                {
                    _w.Line(WriteSum(scalar, biasTarget, $"o + {c}", $"s{c}"));
                }
            });

            _w.Line();
            string rule = _both ? "∇W[o, :] = Σ_b dz[b, o]·x[b, :] into the gradient rows gs (fused optimizers), or W[o, :] -= rate · that sum (plain SGD)"
                : _opt is not null ? "∇W[o, :] = Σ_b dz[b, o]·x[b, :] into the gradient rows gs"
                : _train ? "W[o, :] -= rate · Σ_b dz[b, o]·x[b, :]" : "dW[o, :] = Σ_b dz[b, o]·x[b, :]";
            _w.Line($"// {rule}, accumulated in registers over the block; along the inputs: {path.Inputs.Describe()}.");
            _w.Line($"ref {_t} xb = ref Unsafe.Add(ref x, first * Inputs);");
            for (int c = 0; c < outputs; c++)
            {
                string target = _both ? $"{OptimizerEpilogue.UpdateType}.Fused ? ref gs : ref Unsafe.Add(ref w, o * Inputs)"
                    : _opt is not null ? "gs" : _train ? "Unsafe.Add(ref w, o * Inputs)" : "Unsafe.Add(ref dw, o * Inputs)";
                _w.Line(c == 0 ? $"ref {_t} t0 = ref {target};" : $"ref {_t} t{c} = ref Unsafe.Add(ref t{c - 1}, Inputs);");
            }

            Chunking chunking = path.Inputs;
            if (path.PackInputs)
            {
                int c = chunking.ChunkLength;
                _w.Line($"// Whole chunks from the block's copied inputs (xp: chunk i/{c} starts at i·rows, its rows {c} apart){(chunking.TailOffsets.Count > 0 ? "; the tail from x in place" : string.Empty)}.");
            }

            string[] within = Enumerable.Range(0, chunking.VectorsPerChunk).Select(k => (k * chunking.Lanes).ToString()).ToArray();
            EmitChunks(chunking, (offsets, whole) =>
            {
                if (path.PackInputs && whole)
                {
                    string xBase = offsets[0] == "0" ? "xp" : $"Unsafe.Add(ref xp, (int){offsets[0]} * rows)";
                    EmitWeightGradientTile(chunking, outputs, offsets, xBase, within, chunking.ChunkLength.ToString());
                }
                else
                {
                    EmitWeightGradientTile(chunking, outputs, offsets, "xb", offsets, "Inputs");
                }
            });

            if (_opt is not null)
            {
                _w.Line();
                using (_w.Block(_both ? $"if ({OptimizerEpilogue.UpdateType}.Fused && lastBlock)" : "if (lastBlock)"))
                {
                    _w.Line($"// The gradients are complete: the optimizer's update of b[o..o+{outputs - 1}], then of the tile's {outputs} row{S(outputs)} of W, and their state.");
                    _w.Line(_opt.ApplyBiasRun("(nuint)o", outputs.ToString(), "Unsafe.Add(ref gb, o)"));
                    _w.Line($"ref {_t} p0 = ref Unsafe.Add(ref w, o * Inputs);");
                    foreach (string line in _opt.RowReferences("0", string.Empty, "o * Inputs"))
                    {
                        _w.Line(line);
                    }

                    _w.Line(_opt.ApplyRows("p0", "0", "0", "Inputs", outputs, "Inputs", "gs", "Inputs"));
                }
            }
        }
    }

    /// <summary>
    /// How bias-gradient sums (a scalar or a vector of them, per <paramref name="v"/>) are written at
    /// <paramref name="target"/>[offset]: stored (first block of rows, or the <paramref name="onlyBlock"/> of a one-row
    /// kernel), added, or applied as an SGD step.
    /// </summary>
    private string WriteSum(VectorText v, string target, string offset, string value, bool onlyBlock = false)
    {
        string current = v.Load(target, offset);
        string written = _train && _opt is null ? $"{current} - ({v.Broadcast("rate")} * {value})"
            : _spec.Accumulate ? $"{current} + {value}"
            : onlyBlock ? value
            : $"first == 0 ? {value} : {current} + {value}";
        return v.Store(written, target, offset);
    }

    /// <summary>
    /// One weight-gradient tile: x rows from <paramref name="xBase"/>, <paramref name="xStride"/> elements apart, its
    /// vectors at <paramref name="xOffsets"/>; the sums go to the weights (or gradient) rows at <paramref name="offsets"/>.
    /// </summary>
    private void EmitWeightGradientTile(Chunking chunking, int outputs, string[] offsets, string xBase, string[] xOffsets, string xStride)
    {
        var v = new VectorText(chunking.Bits, _t);
        int n = offsets.Length;
        for (int c = 0; c < outputs; c++)
        {
            _w.Line($"{v.Type} {string.Join(", ", Enumerable.Range(0, n).Select(k => $"a{c}{k} = {v.Zero}"))};");
        }

        // xr and dr walk the rows of the block (x and the dz columns): constant offsets, no index arithmetic per load.
        _w.Line($"ref {_t} xr = ref {xBase};");
        _w.Line($"ref {_t} dr = ref dc;");
        using (_w.Block("for (int r = 0; r < rows; r++)"))
        {
            _w.Line($"{v.Type} {string.Join(", ", Enumerable.Range(0, n).Select(k => $"x{k} = {v.Load("xr", xOffsets[k])}"))};");
            for (int c = 0; c < outputs; c++)
            {
                _w.Line($"{(c == 0 ? v.Type + " " : string.Empty)}dz = {v.Broadcast(c == 0 ? "dr" : $"Unsafe.Add(ref dr, {c})")};");
                for (int k = 0; k < n; k++)
                {
                    _w.Line($"a{c}{k} = {v.MultiplyAdd("dz", $"x{k}", $"a{c}{k}")};");
                }
            }

            _w.Line($"xr = ref Unsafe.Add(ref xr, {xStride});");
            _w.Line($"dr = ref Unsafe.Add(ref dr, {outputs});");
        }

        bool overlap = EndsOverlapping(chunking, v, offsets);
        if (overlap)
        {
            EmitKeepMask(chunking, v);
        }

        // Each sum goes to its row of the weights (training step: W -= rate·sum) or of the gradient.
        void Write(bool readModifyWrite, System.Func<int, int, string, string, string> value)
        {
            EmitOverlapWriteComment(overlap && readModifyWrite, n);
            for (int c = 0; c < outputs; c++)
            {
                int row = c;
                EmitRowWrite(v, $"t{c}", offsets, overlap && readModifyWrite, (k, current) =>
                    value(row, k, overlap && k == n - 1 ? $"(a{row}{k} & keep)" : $"a{row}{k}", current));
            }
        }

        ByRule(() =>
        {
            if (_train && _opt is null)
            {
                string rate = v.IsScalar ? "rate" : v.Broadcast("rate");
                Write(true, (c, k, acc, current) => $"{current} - ({rate} * {acc})");
            }
            else if (_spec.Accumulate && _opt is null)
            {
                Write(true, (c, k, acc, current) => $"{current} + {acc}");
            }
            else
            {
                // One branch per tile rather than one per store: the first block stores, later blocks add (a fused optimizer's
                // gradient rows too, so that they equal the plain backward pass's dW bit for bit).
                using (_w.Block("if (first == 0)"))
                {
                    _w.Line("// An overlapping vector stores the same values twice.");
                    Write(false, (c, k, acc, current) => $"a{c}{k}");
                }

                using (_w.Block("else"))
                {
                    Write(true, (c, k, acc, current) => $"{current} + {acc}");
                }
            }
        });
    }
}
