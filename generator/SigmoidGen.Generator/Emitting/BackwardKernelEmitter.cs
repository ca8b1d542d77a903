using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// Prints the backward kernels (and training steps) of a list of <see cref="BackwardPathPlan"/>s: per path, a pass over
/// row blocks (dz, input gradient) and a pass over output tiles (bias and weight gradients, or the SGD update). The loss,
/// when there is one, is summed by the entry method (<see cref="LayerEmitter"/>), not here.
/// It decides nothing: every count comes from the plan.
/// </summary>
internal sealed class BackwardKernelEmitter
{
    private readonly LayerSpec _spec;
    private readonly CodeWriter _w;
    private readonly string _t;
    private readonly bool _train;
    private readonly bool _bce;
    private readonly bool _dx;
    private readonly OptimizerEpilogue? _opt;

    public BackwardKernelEmitter(LayerSpec spec, CodeWriter writer)
    {
        _spec = spec;
        _w = writer;
        _t = spec.ElementName;
        _train = spec.Kind == LayerKind.TrainStep;
        _bce = spec.Loss == LossKind.BinaryCrossEntropy;
        _dx = spec.HasInputGradient;
        _opt = OptimizerEpilogue.For(spec);
    }

    /// <summary>The training step's last kernel parameters: plain SGD's rate, or the optimizer's state and constants.</summary>
    private string TrainParameters => !_train ? string.Empty : _opt?.ParameterText ?? $", {_t} rate";

    private string TrainArguments => !_train ? string.Empty : _opt?.ArgumentText ?? ", rate";

    private string BatchBound => new RowCountText(_spec.Batch).Bound;

    /// <summary>Pass 1 (row blocks) is needed for the input gradient only.</summary>
    private bool HasRowPass => _dx;

    /// <summary>Parameters of a path method; <see cref="PathArguments"/> passes them.</summary>
    private string PathParameters => Parameters(new RowCountText(_spec.Batch).Parameter);

    public string PathArguments => Arguments(new RowCountText(_spec.Batch).Argument);

    /// <summary>A kernel's parameters: the spans, then <paramref name="batch"/> (the batch parameter, or empty), then the scalars.</summary>
    private string Parameters(string batch) =>
        $"ref {_t} x, ref {_t} w, ref {_t} y, ref {_t} g" + (_train ? $", ref {_t} b" : $", ref {_t} dw, ref {_t} db") +
        (_dx ? $", ref {_t} dx" : string.Empty) + batch +
        (_bce ? $", {_t} scale" : string.Empty) + TrainParameters;

    /// <summary>The arguments for <see cref="Parameters"/>.</summary>
    private string Arguments(string batch) =>
        "ref x, ref w, ref y, ref g" + (_train ? ", ref b" : ", ref dw, ref db") + (_dx ? ", ref dx" : string.Empty) +
        batch + (_bce ? ", scale" : string.Empty) + TrainArguments;

    public static string MethodName(BackwardPathPlan path) => "Backward" + path.Name;

    /// <summary>
    /// The entry's dispatch for one path: the path method, and the one-row kernel for a batch of one row when the path has
    /// one (<see cref="BackwardPathPlan.SingleRow"/>): called directly for a batch fixed at one row, else when
    /// <c>batch == 1</c>, so that a single row skips the path method's frame.
    /// </summary>
    public (int Bits, string Call, string? OneRowCall) DispatchCall(BackwardPathPlan path)
    {
        if (path.SingleRow is null)
        {
            return (path.Bits, $"{MethodName(path)}({PathArguments});", null);
        }

        string oneRow = $"{SingleRowName(path)}({SingleRowArguments});";
        return _spec.Batch == 1 ? (path.Bits, oneRow, null) : (path.Bits, $"{MethodName(path)}({PathArguments});", oneRow);
    }

    public void EmitPaths(IEnumerable<BackwardPathPlan> paths)
    {
        foreach (BackwardPathPlan path in paths)
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
    }

    private void EmitVectorPath(BackwardPathPlan path)
    {
        if (path.SingleRow is not null && _spec.Batch == 1)
        {
            // A batch fixed at one row needs nothing else: the entry calls the one-row kernel (see DispatchCall).
            EmitSingleRow(path, path.SingleRow);
            return;
        }

        int rows = path.RowsPerBlock;
        _w.Line($"/// <summary>{path.Name} path: {ForwardKernelEmitter.Xml(path.Describe(_dx))}</summary>");
        _w.Line(CodeWriter.OptimizeKernel);

        using (_w.Block($"private static void {MethodName(path)}({PathParameters})"))
        {
            if (HasRowPass)
            {
                if (Grouped(path) && Ungrouped(path))
                {
                    using (_w.Block($"if (batch >= {2 * rows})"))
                    {
                        EmitGroupedRowPass(path);
                    }

                    using (_w.Block("else"))
                    {
                        EmitRowPass(path);
                    }
                }
                else if (Grouped(path))
                {
                    EmitGroupedRowPass(path);
                }
                else
                {
                    EmitRowPass(path);
                }

                _w.Line();
            }

            int tile = path.OutputsPerTile;
            _w.Line($"// Pass {(HasRowPass ? 2 : 1)}, by blocks of up to {path.BatchBlock} rows (their inputs stay in cache) and, within a block, by tiles of {tile} outputs: dz for those outputs, the bias gradient, the weight gradient{(_train ? ", applied to the weights and bias" : string.Empty)}.");
            _w.Line($"Span<{_t}> dzColumns = stackalloc {_t}[{BlockRows(path)} * {tile}]; // sized to the batch: stackalloc zeroes it");
            _w.Line($"ref {_t} dc = ref MemoryMarshal.GetReference(dzColumns);");
            if (path.OptimizerGroupOutputs > 0)
            {
                int groupRows = System.Math.Min(path.OptimizerGroupOutputs, _spec.Outputs);
                _w.Line($"// The optimizer needs each gradient complete: {(OptimizerGroups(path) ? $"by groups of {path.OptimizerGroupOutputs} outputs, " : string.Empty)}the gradient rows are summed over the blocks in a pooled");
                _w.Line("// buffer as the plain backward pass sums dW (same bits), and the tile that adds the last block updates its rows and bias.");
                _w.Line($"{_t}[] gradientPool = global::System.Buffers.ArrayPool<{_t}>.Shared.Rent(({groupRows} * Inputs) + Outputs);");
                using (_w.Block("try"))
                {
                    _w.Line($"ref {_t} gw = ref MemoryMarshal.GetArrayDataReference(gradientPool);");
                    _w.Line($"ref {_t} gb = ref Unsafe.Add(ref gw, {groupRows} * Inputs);");
                    EmitWeightGradientPass(path);
                }

                using (_w.Block("finally"))
                {
                    _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(gradientPool);");
                }
            }
            else
            {
                EmitWeightGradientPass(path);
            }
        }

        EmitVectorPathKernels(path);
    }

    /// <summary>Rows of pass 2's largest block: the batch, or its block size when smaller.</summary>
    private string BlockRows(BackwardPathPlan path) => $"Math.Min({BatchBound}, {path.BatchBlock})";

    /// <summary>Whether a fused optimizer's pass 2 runs in several groups of outputs (see <see cref="BackwardPathPlan.OptimizerGroupOutputs"/>).</summary>
    private bool OptimizerGroups(BackwardPathPlan path) => path.OptimizerGroupOutputs > 0 && path.OptimizerGroupOutputs < _spec.Outputs;

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

    /// <summary>The kernels a vector path's method calls: row blocks, group kernels, output tiles, the copy, one row.</summary>
    private void EmitVectorPathKernels(BackwardPathPlan path)
    {
        int rows = path.RowsPerBlock;
        if (HasRowPass && Ungrouped(path))
        {
            if (_spec.Batch == 0 || _spec.Batch >= rows)
            {
                _w.Line();
                EmitRowBlock(path, rows, rows == 1 ? path.RowGradient : path.BlockGradient);
            }

            if (rows > 1 && (_spec.Batch == 0 || _spec.Batch % rows != 0))
            {
                _w.Line();
                EmitRowBlock(path, 1, path.RowGradient);
            }
        }

        if (HasRowPass && Grouped(path))
        {
            EmitGroupKernels(path);
        }

        if (path.OutputTiles > 0)
        {
            _w.Line();
            EmitOutputTile(path, path.OutputsPerTile);
        }

        if (path.TailOutputs > 0)
        {
            _w.Line();
            EmitOutputTile(path, path.TailOutputs);
        }

        if (path.PackInputs)
        {
            _w.Line();
            EmitPackRows(path);
        }

        if (path.SingleRow is not null)
        {
            _w.Line();
            EmitSingleRow(path, path.SingleRow);
        }
    }

    private static string SingleRowName(BackwardPathPlan path) => $"OneRow{path.Bits}";

    /// <summary>The path's arguments without the batch, for <see cref="EmitSingleRow"/>.</summary>
    private string SingleRowArguments => Arguments(string.Empty);

    /// <summary>
    /// A batch of one row (see <see cref="BackwardPathPlan.SingleRow"/>): dz, the input gradient with a whole chunk in
    /// accumulators, the bias gradient (dz itself), and the weight gradient dz[o]·x with x's chunk in registers. Each
    /// value is computed with the same operations as the two-pass kernels give a single row; only dx's sums are split
    /// differently over accumulators.
    /// </summary>
    private void EmitSingleRow(BackwardPathPlan path, Chunking chunking)
    {
        var v = new VectorText(chunking.Bits, _t);
        Sweep dzSweep = path.RowGradient;
        _w.Line($"/// <summary>A batch of one row: dz, {(_dx ? "the input gradient, " : string.Empty)}the bias and weight {(_train ? "updates" : "gradients")}.</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {SingleRowName(path)}({Parameters(string.Empty)})"))
        {
            _w.Line($"// dz = {DzFormula} for the row's {_spec.Outputs} values: {dzSweep.Describe()}.");
            _w.Line($"Span<{_t}> dzRow = stackalloc {_t}[Outputs];");
            _w.Line($"ref {_t} d = ref MemoryMarshal.GetReference(dzRow);");
            _w.Line($"ref {_t} y0 = ref y;");
            _w.Line($"ref {_t} g0 = ref g;");
            EmitDzSweep(dzSweep);

            if (_dx)
            {
                _w.Line();
                _w.Line($"// Input gradient dx[:] = Σ_o dz[o]·W[o, :]{(_train ? " (with the weights before the update)" : string.Empty)}, each vector of a chunk its own accumulator; along the inputs: {chunking.Describe()}.");
                _w.Line($"ref {_t} dx0 = ref dx;");
                EmitChunks(chunking, offsets => EmitInputGradientTile(chunking, 1, offsets));
            }

            _w.Line();
            if (_opt is not null)
            {
                _w.Line("// Bias: the optimizer's update with ∇b = dz.");
                _w.Line(_opt.ApplyBiasRun("0", "Outputs", "d"));
                _w.Line();
                _w.Line($"// ∇W[o, :] = dz[o]·x, x's chunk in registers, into a stack buffer (L1) chunk by chunk, then the optimizer's update of W[o, :] and its state; along the inputs: {chunking.Describe()}.");
                EmitGradientBuffer(chunking.ChunkLength);
                EmitChunks(chunking, offsets => EmitSingleRowOptimizerChunk(chunking, offsets));
                return;
            }

            string biasTarget = _train ? "b" : "db";
            _w.Line(_train ? "// Bias: b -= rate·dz." : _spec.Accumulate ? "// Bias gradient: db += dz." : "// Bias gradient: db = dz.");
            int lanes = dzSweep.IsScalar ? 1 : dzSweep.Lanes;
            var bv = new VectorText(dzSweep.Bits, _t);
            _w.Line("int j = 0;");
            if (!dzSweep.IsScalar)
            {
                using (_w.Block($"for (; j + {lanes} <= Outputs; j += {lanes})"))
                {
                    _w.Line(WriteSum(bv, biasTarget, "(nuint)j", bv.Load("d", "(nuint)j"), onlyBlock: true));
                }
            }

            var scalar = new VectorText(0, _t);
            using (_w.Block("for (; j < Outputs; j++)"))
            {
                _w.Line(WriteSum(scalar, biasTarget, "j", scalar.Load("d", "j"), onlyBlock: true));
            }

            _w.Line();
            string target = _train ? "w" : "dw";
            string rowRule = _opt is not null ? "∇W[o, :] = dz[o]·x, then the optimizer's update of W[o, :] and its state"
                : _train ? "W[o, :] -= rate · dz[o]·x" : _spec.Accumulate ? "dW[o, :] += dz[o]·x" : "dW[o, :] = dz[o]·x";
            _w.Line($"// {rowRule}, x's chunk in registers; along the inputs: {chunking.Describe()}.");
            EmitChunks(chunking, offsets =>
            {
                int n = offsets.Length;
                _w.Line($"{v.Type} {string.Join(", ", Enumerable.Range(0, n).Select(k => $"x{k} = {v.Load("x", offsets[k])}"))};");
                bool readModifyWrite = _train || _spec.Accumulate;
                bool overlap = EndsOverlapping(chunking, v, offsets);
                if (overlap && readModifyWrite && _opt is null)
                {
                    EmitKeepMask(chunking, v);
                }

                if (_train)
                {
                    _w.Line($"{v.Type} rateV = {v.Broadcast("rate")};");
                }

                _w.Line($"ref {_t} t = ref {target};");
                _w.Line($"ref {_t} dO = ref d;");
                EmitOverlapWriteComment(overlap && readModifyWrite, n);
                using (_w.Block("for (int o = 0; o < Outputs; o++)"))
                {
                    _w.Line($"{v.Type} dz = {v.Broadcast("dO")};");
                    EmitRowWrite(v, "t", offsets, overlap && readModifyWrite, (k, current) =>
                    {
                        string product = overlap && k == n - 1 && readModifyWrite ? $"(dz * x{k}) & keep" : $"dz * x{k}";
                        return _train ? $"{current} - (rateV * ({product}))"
                            : _spec.Accumulate ? $"{current} + ({product})"
                            : product;
                    });

                    _w.Line("t = ref Unsafe.Add(ref t, Inputs);");
                    _w.Line("dO = ref Unsafe.Add(ref dO, 1);");
                }
            });
        }
    }

    /// <summary>One chunk of a one-row optimizer step: for each output o, ∇W[o, chunk] = dz[o]·x into the stack buffer, then the update.</summary>
    private void EmitSingleRowOptimizerChunk(Chunking chunking, string[] offsets)
    {
        var v = new VectorText(chunking.Bits, _t);
        int n = offsets.Length;
        _w.Line($"{v.Type} {string.Join(", ", Enumerable.Range(0, n).Select(k => $"x{k} = {v.Load("x", offsets[k])}"))};");
        _w.Line($"ref {_t} t = ref w;");
        _w.Line($"ref {_t} dO = ref d;");
        foreach (string state in _opt!.States)
        {
            _w.Line($"ref {_t} {state}t = ref {state};");
        }

        int[] relative = RelativeOffsets(chunking, offsets);
        using (_w.Block("for (int o = 0; o < Outputs; o++)"))
        {
            _w.Line($"{v.Type} dz = {v.Broadcast("dO")};");
            for (int k = 0; k < n; k++)
            {
                _w.Line(v.Store($"dz * x{k}", "gs", relative[k].ToString()));
            }

            _w.Line(OptimizerRun(chunking, offsets, relative[n - 1] + chunking.Lanes, "t", "t", 1, "0"));
            _w.Line("t = ref Unsafe.Add(ref t, Inputs);");
            foreach (string state in _opt.States)
            {
                _w.Line($"{state}t = ref Unsafe.Add(ref {state}t, Inputs);");
            }

            _w.Line("dO = ref Unsafe.Add(ref dO, 1);");
        }
    }

    private static string RowsName(BackwardPathPlan path, int rows) => $"Rows{path.Bits}x{rows}";

    private static string PackRowsName(BackwardPathPlan path) => $"PackInputs{path.Bits}";

    /// <summary>Pass 2's loop over blocks of rows and, within a block, over tiles of outputs.</summary>
    private void EmitWeightGradientBlocks(BackwardPathPlan path, bool packed)
    {
        int tile = path.OutputsPerTile;
        int fullEnd = path.OutputTiles * tile;
        bool groups = OptimizerGroups(path);
        using (groups ? _w.Block($"for (int group = 0; group < Outputs; group += {path.OptimizerGroupOutputs})") : (System.IDisposable?)null)
        using (_w.Block($"for (int first = 0; first < {BatchBound}; first += {path.BatchBlock})"))
        {
            _w.Line($"int rows = Math.Min({path.BatchBlock}, {BatchBound} - first);");
            if (_opt is not null)
            {
                _w.Line($"bool lastBlock = first + rows == {BatchBound};");
            }

            if (packed)
            {
                _w.Line($"{PackRowsName(path)}(ref Unsafe.Add(ref x, first * Inputs), ref xp, rows);");
            }

            if (path.OutputTiles > 0)
            {
                string from = groups ? "group" : "0";
                string to = groups ? $"Math.Min(group + {path.OptimizerGroupOutputs}, {fullEnd})" : fullEnd.ToString();
                using (_w.Block($"for (int o = {from}; o < {to}; o += {tile})"))
                {
                    _w.Line($"{OutputsName(path, tile)}({OutputsArguments(path, "o", groups)});");
                }
            }

            if (path.TailOutputs > 0)
            {
                string call = $"{OutputsName(path, path.TailOutputs)}({OutputsArguments(path, fullEnd.ToString(), groups)});";
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
        _w.Line($"/// <summary>x[r, i..i+{c - 1}] for r &lt; rows and every whole chunk i, into xp[i·rows + r·{c}..]: each chunk of the block contiguous.</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {PackRowsName(path)}(ref {_t} x, ref {_t} xp, int rows)"))
        {
            using (_w.Block("for (int r = 0; r < rows; r++)"))
            {
                _w.Line($"ref {_t} xr = ref Unsafe.Add(ref x, r * Inputs);");
                _w.Line($"ref {_t} pr = ref Unsafe.Add(ref xp, r * {c});");
                using (_w.Block($"for (int i = 0; i < {chunking.MainLength}; i += {c})"))
                {
                    _w.Line($"ref {_t} source = ref Unsafe.Add(ref xr, i);");
                    _w.Line($"ref {_t} target = ref Unsafe.Add(ref pr, i * rows);");
                    _w.Line(CopyChunk(chunking, "source", "target"));
                }
            }
        }
    }

    /// <summary>Whether pass 1 runs in groups with copied column chunks for some batch (see <see cref="BackwardPathPlan.InputGradientGroup"/>).</summary>
    private bool Grouped(BackwardPathPlan path) =>
        path.InputGradientGroup > 0 && (_spec.Batch == 0 || _spec.Batch >= 2 * path.RowsPerBlock);

    /// <summary>Whether pass 1 runs block by block, reading W in place, for some batch.</summary>
    private bool Ungrouped(BackwardPathPlan path) =>
        path.InputGradientGroup == 0 || _spec.Batch == 0 || _spec.Batch < 2 * path.RowsPerBlock;

    /// <summary>Pass 1 block by block: dz of each block of rows into a stack buffer, then its input gradient from W in place.</summary>
    private void EmitRowPass(BackwardPathPlan path)
    {
        int rows = path.RowsPerBlock;
        _w.Line($"// Pass 1, by blocks of {rows} row{S(rows)}: dz = ∂L/∂z into a stack buffer, the input gradient{(_train ? " (with the weights before the update)" : string.Empty)}.");
        _w.Line($"Span<{_t}> dzRows = stackalloc {_t}[{rows} * Outputs];");
        _w.Line($"ref {_t} d = ref MemoryMarshal.GetReference(dzRows);");
        _w.Line("int row = 0;");
        if (_spec.Batch == 0 || _spec.Batch >= rows)
        {
            using (_w.Block($"for (; row + {rows} <= {BatchBound}; row += {rows})"))
            {
                _w.Line($"{RowsName(path, rows)}({RowsArguments()});");
            }
        }

        if (rows > 1 && (_spec.Batch == 0 || _spec.Batch % rows != 0))
        {
            using (_w.Block($"for (; row < {BatchBound}; row++)"))
            {
                _w.Line($"{RowsName(path, 1)}({RowsArguments()});");
            }
        }
    }

    /// <summary>Pass 1 in groups of rows sharing copied chunks of W's columns (see <see cref="BackwardPathPlan.InputGradientGroup"/>).</summary>
    private void EmitGroupedRowPass(BackwardPathPlan path)
    {
        int group = path.InputGradientGroup;
        int rows = path.RowsPerBlock;
        Chunking chunking = path.Inputs;
        int c = chunking.ChunkLength;
        string scale = _bce ? ", scale" : string.Empty;
        _w.Line($"// Pass 1, by groups of up to {group} rows: dz = ∂L/∂z for the group into a pooled buffer; then, for each chunk of {c} inputs,");
        _w.Line($"// W's columns for the chunk copied into a contiguous {_spec.Outputs} × {c} buffer (in place, its rows are {_spec.Inputs} elements apart),");
        _w.Line($"// which every block of {rows} row{S(rows)} of the group reads: the input gradient{(_train ? " (with the weights before the update)" : string.Empty)}.");
        _w.Line($"int groupRows = Math.Min({BatchBound}, {group});");
        _w.Line($"{_t}[] buffer = global::System.Buffers.ArrayPool<{_t}>.Shared.Rent((groupRows * Outputs) + (Outputs * {c}));");
        using (_w.Block("try"))
        {
            _w.Line($"ref {_t} dzg = ref MemoryMarshal.GetArrayDataReference(buffer);");
            _w.Line($"ref {_t} wc = ref Unsafe.Add(ref dzg, groupRows * Outputs);");
            using (_w.Block($"for (int first = 0; first < {BatchBound}; first += {group})"))
            {
                _w.Line($"int rows = Math.Min({group}, {BatchBound} - first);");
                _w.Line($"{DzName(path)}(ref Unsafe.Add(ref y, first * Outputs), ref Unsafe.Add(ref g, first * Outputs), ref dzg, rows * Outputs{scale});");
                using (_w.Block($"for (int i = 0; i < {chunking.MainLength}; i += {c})"))
                {
                    _w.Line($"{CopyName(path)}(ref Unsafe.Add(ref w, i), ref wc);");
                    EmitGroupBlocks(path, "wc", "(first + r) * Inputs + i", chunk: true);
                }

                if (chunking.TailOffsets.Count > 0)
                {
                    _w.Line("// The tail of the inputs, from W in place.");
                    using (_w.Block())
                    {
                        EmitGroupBlocks(path, "w", "(first + r) * Inputs", chunk: false);
                    }
                }
            }
        }

        using (_w.Block("finally"))
        {
            _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(buffer);");
        }
    }

    private void EmitGroupBlocks(BackwardPathPlan path, string weights, string dxOffset, bool chunk)
    {
        int rows = path.RowsPerBlock;
        _w.Line("int r = 0;");
        using (_w.Block($"for (; r + {rows} <= rows; r += {rows})"))
        {
            _w.Line($"{GroupTileName(path, rows, chunk)}(ref {weights}, ref Unsafe.Add(ref dzg, r * Outputs), ref Unsafe.Add(ref dx, {dxOffset}));");
        }

        if (rows > 1)
        {
            using (_w.Block("for (; r < rows; r++)"))
            {
                _w.Line($"{GroupTileName(path, 1, chunk)}(ref {weights}, ref Unsafe.Add(ref dzg, r * Outputs), ref Unsafe.Add(ref dx, {dxOffset}));");
            }
        }
    }

    private static string DzName(BackwardPathPlan path) => $"OutputGradient{path.Bits}";

    private static string CopyName(BackwardPathPlan path) => $"CopyColumns{path.Bits}";

    private static string GroupTileName(BackwardPathPlan path, int rows, bool chunk) => $"InputGradient{(chunk ? string.Empty : "Tail")}{path.Bits}x{rows}";

    /// <summary>The kernels of the grouped pass 1: dz over a run of values, the chunk copy, and the input-gradient tiles.</summary>
    private void EmitGroupKernels(BackwardPathPlan path)
    {
        Chunking chunking = path.Inputs;
        var v = new VectorText(chunking.Bits, _t);
        int lanes = chunking.Lanes;
        _w.Line();
        _w.Line($"/// <summary>dz = {DzFormula} for <c>count</c> consecutive values.</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {DzName(path)}(ref {_t} y0, ref {_t} g0, ref {_t} d, int count{(_bce ? $", {_t} scale" : string.Empty)})"))
        {
            if (_bce)
            {
                _w.Line($"{v.Type} scaleV = {v.Broadcast("scale")};");
            }

            _w.Line("int k = 0;");
            using (_w.Block($"for (; k + {lanes} <= count; k += {lanes})"))
            {
                _w.Line($"{v.Type} yv = {v.Load("y0", "(nuint)k")};");
                _w.Line(v.Store(Dz(v, "yv", v.Load("g0", "(nuint)k"), "scaleV"), "d", "(nuint)k"));
            }

            using (_w.Block("for (; k < count; k++)"))
            {
                _w.Line($"{_t} yk = Unsafe.Add(ref y0, k);");
                _w.Line($"Unsafe.Add(ref d, k) = {ScalarDz("yk", "Unsafe.Add(ref g0, k)")};");
            }
        }

        int c = chunking.ChunkLength;
        _w.Line();
        _w.Line($"/// <summary>W[o, i..i+{c - 1}] for every output o, from w = W[0, i], into c[o·{c}..]: the chunk's columns, contiguous.</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {CopyName(path)}(ref {_t} w, ref {_t} c)"))
        {
            using (_w.Block("for (int o = 0; o < Outputs; o++)"))
            {
                _w.Line(CopyChunk(chunking, "w", "c"));
                _w.Line("w = ref Unsafe.Add(ref w, Inputs);");
                _w.Line($"c = ref Unsafe.Add(ref c, {c});");
            }
        }

        string[] chunkOffsets = Enumerable.Range(0, chunking.VectorsPerChunk).Select(k => (k * lanes).ToString()).ToArray();
        foreach (int rows in path.RowsPerBlock > 1 ? new[] { path.RowsPerBlock, 1 } : new[] { 1 })
        {
            _w.Line();
            _w.Line($"/// <summary>{(rows == 1 ? "One row" : $"{rows} rows")} × {c} inputs of the input gradient, from a copied chunk of W's columns (rows {c} apart).</summary>");
            _w.Line(CodeWriter.OptimizeKernel);
            using (_w.Block($"private static void {GroupTileName(path, rows, chunk: true)}(ref {_t} w, ref {_t} d, ref {_t} dx0)"))
            {
                DxRowReferences(rows);
                EmitInputGradientTile(chunking, rows, chunkOffsets, c.ToString());
            }

            if (chunking.TailOffsets.Count > 0)
            {
                _w.Line();
                _w.Line($"/// <summary>{(rows == 1 ? "One row" : $"{rows} rows")} × the tail of the inputs of the input gradient, from W in place.</summary>");
                _w.Line(CodeWriter.OptimizeKernel);
                using (_w.Block($"private static void {GroupTileName(path, rows, chunk: false)}(ref {_t} w, ref {_t} d, ref {_t} dx0)"))
                {
                    DxRowReferences(rows);
                    EmitInputGradientTile(chunking, rows, chunking.TailOffsets.Select(o => o.ToString()).ToArray(), "Inputs");
                }
            }
        }
    }

    /// <summary>One chunk of inputs (its vectors), copied from <paramref name="source"/> to <paramref name="target"/>.</summary>
    private string CopyChunk(Chunking chunking, string source, string target)
    {
        var v = new VectorText(chunking.Bits, _t);
        return string.Join(" ", Enumerable.Range(0, chunking.VectorsPerChunk)
            .Select(k => (k * chunking.Lanes).ToString())
            .Select(offset => v.Store(v.Load(source, offset), target, offset)));
    }

    private void DxRowReferences(int rows)
    {
        for (int r = 1; r < rows; r++)
        {
            _w.Line($"ref {_t} dx{r} = ref Unsafe.Add(ref dx{r - 1}, Inputs);");
        }
    }

    private static string OutputsName(BackwardPathPlan path, int outputs) => $"Outputs{path.Bits}x{outputs}";

    private string RowsArguments() =>
        "ref w, ref Unsafe.Add(ref y, row * Outputs), ref Unsafe.Add(ref g, row * Outputs)" +
        ", ref Unsafe.Add(ref dx, row * Inputs), ref d" + (_bce ? ", scale" : string.Empty);

    private string OutputsArguments(BackwardPathPlan path, string o, bool groups)
    {
        // A fused optimizer's tile sums its gradient rows into the group's buffer, from row (o - group).
        string gradients = _opt is null ? string.Empty
            : ", ref " + (groups ? $"Unsafe.Add(ref gw, ({o} - group) * Inputs)" : o == "0" ? "gw" : $"Unsafe.Add(ref gw, {o} * Inputs)") + ", ref gb";
        return $"{o}, first, rows{(_opt is null ? string.Empty : ", lastBlock")}, ref x, {(path.PackInputs ? "ref xp, " : string.Empty)}ref y, ref g" + (_train ? ", ref w, ref b" : ", ref dw, ref db") +
               gradients + ", ref dc" + (_bce ? ", scale" : string.Empty) + TrainArguments;
    }

    /// <summary>Pass 1 for a block of rows (only when there is an input gradient): dz into <c>d</c>, then the input gradient.</summary>
    private void EmitRowBlock(BackwardPathPlan path, int rows, Sweep dzSweep)
    {
        int count = rows * _spec.Outputs;
        string parameters = $"ref {_t} w, ref {_t} y0, ref {_t} g0, ref {_t} dx0, ref {_t} d" + (_bce ? $", {_t} scale" : string.Empty);
        _w.Line($"/// <summary>{(rows == 1 ? "One row" : $"{rows} consecutive rows")}: dz, the input gradient.</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {RowsName(path, rows)}({parameters})"))
        {
            _w.Line($"// dz = {DzFormula} for the {count} values of {(rows == 1 ? "this row" : "these rows")}: {dzSweep.Describe()}.");
            EmitDzSweep(dzSweep);
            _w.Line();
            DxRowReferences(rows);

            _w.Line($"// Input gradient dx[r, :] = Σ_o dz[r, o]·W[o, :], along the inputs: {path.Inputs.Describe()}.");
            EmitChunks(path.Inputs, offsets => EmitInputGradientTile(path.Inputs, rows, offsets));
        }
    }

    private string DzFormula => _bce ? "(y − target)·scale" : "outputGradient·y·(1 − y)";

    /// <summary>
    /// dz from y and the target or output gradient, on scalars or vectors (per <paramref name="v"/>): the same operations
    /// in the same order. <paramref name="scale"/> names a broadcast of the loss scale already made, if any.
    /// </summary>
    private string Dz(VectorText v, string y, string g, string? scale = null) =>
        _bce ? $"({y} - {g}) * {scale ?? v.Broadcast("scale")}" : $"{g} * {y} * ({v.One} - {y})";

    private string ScalarDz(string y, string g) => Dz(new VectorText(0, _t), y, g);

    private void EmitDzSweep(Sweep sweep)
    {
        var v = new VectorText(sweep.Bits, _t);
        if (sweep.IsScalar)
        {
            using (_w.Block($"for (int k = 0; k < {sweep.Length}; k++)"))
            {
                _w.Line($"{_t} yk = Unsafe.Add(ref y0, k);");
                _w.Line($"Unsafe.Add(ref d, k) = {ScalarDz("yk", "Unsafe.Add(ref g0, k)")};");
            }

            return;
        }

        if (_bce)
        {
            _w.Line($"{v.Type} scaleV = {v.Broadcast("scale")};");
        }

        void Step(string offset)
        {
            _w.Line($"{v.Type} yv = {v.Load("y0", offset)};");
            _w.Line(v.Store(Dz(v, "yv", v.Load("g0", offset), "scaleV"), "d", offset));
        }

        if (sweep.Unrolled)
        {
            for (int s = 0; s < sweep.FullSteps; s++)
            {
                using (_w.Block())
                {
                    Step((s * sweep.Lanes).ToString());
                }
            }
        }
        else
        {
            using (_w.Block($"for (nuint k = 0; k < {sweep.FullSteps * sweep.Lanes}; k += {sweep.Lanes})"))
            {
                Step("k");
            }
        }

        if (sweep.TailLanes > 0)
        {
            _w.Line("// The last vector overlaps the previous one; it writes the same values there.");
            using (_w.Block())
            {
                Step(sweep.TailOffset.ToString());
            }
        }
    }

    /// <summary>Writes the main chunk loop and the tail chunk of a <see cref="Chunking"/>; the callback prints one tile.</summary>
    private void EmitChunks(Chunking chunking, System.Action<string[]> tile) => EmitChunks(chunking, (offsets, whole) => tile(offsets));

    /// <summary>As above; the callback also learns whether its tile is a whole chunk (true) or the tail (false).</summary>
    private void EmitChunks(Chunking chunking, System.Action<string[], bool> tile)
    {
        if (chunking.MainChunks == 1 && chunking.TailOffsets.Count == 0)
        {
            using (_w.Block())
            {
                tile(Enumerable.Range(0, chunking.VectorsPerChunk).Select(v => (v * chunking.Lanes).ToString()).ToArray(), true);
            }
        }
        else if (chunking.MainChunks > 0)
        {
            using (_w.Block($"for (nuint i = 0; i < {chunking.MainLength}; i += {chunking.ChunkLength})"))
            {
                tile(Enumerable.Range(0, chunking.VectorsPerChunk).Select(v => v == 0 ? "i" : $"i + {v * chunking.Lanes}").ToArray(), true);
            }
        }

        if (chunking.TailOffsets.Count > 0)
        {
            _w.Line($"// Tail of the inputs: {string.Join(", ", chunking.TailOffsets.Select(o => $"{o}..{o + chunking.Lanes - 1}"))}" +
                    (chunking.OverlapLanes > 0 ? $"; the last vector overlaps the one before, only its last {chunking.OverlapLanes} lane{S(chunking.OverlapLanes)} {(chunking.OverlapLanes == 1 ? "is" : "are")} new." : "."));
            using (_w.Block())
            {
                tile(chunking.TailOffsets.Select(o => o.ToString()).ToArray(), false);
            }
        }
    }

    /// <summary>One input-gradient tile; W's rows are <paramref name="stride"/> elements apart.</summary>
    private void EmitInputGradientTile(Chunking chunking, int rows, string[] offsets, string stride = "Inputs")
    {
        var v = new VectorText(chunking.Bits, _t);
        int n = offsets.Length;

        // With few accumulators the FMAs of one accumulator form a dependent chain as long as the outputs; two sets
        // (even and odd outputs), added at the end, halve it.
        bool split = rows * n <= 4 && _spec.Outputs >= 2;
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

    /// <summary>Pass 2 for a tile of outputs: dz columns, bias gradient, weight gradient (or the SGD update).</summary>
    private void EmitOutputTile(BackwardPathPlan path, int outputs)
    {
        string parameters = $"int o, int first, int rows{(_opt is null ? string.Empty : ", bool lastBlock")}, ref {_t} x, {(path.PackInputs ? $"ref {_t} xp, " : string.Empty)}ref {_t} y, ref {_t} g" + (_train ? $", ref {_t} w, ref {_t} b" : $", ref {_t} dw, ref {_t} db") +
                            (_opt is null ? string.Empty : $", ref {_t} gs, ref {_t} gb") + $", ref {_t} dc" + (_bce ? $", {_t} scale" : string.Empty) + TrainParameters;
        string what = _opt is not null ? "gradients summed into gs (rows) and gb (bias), then, after the last block, the optimizer's update"
            : _train ? "weights and bias updated in place" : "bias and weight gradients";
        _w.Line($"/// <summary>Output{S(outputs)} o..o+{outputs - 1} over the rows first..first+rows-1: dz, then the {what}.</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {OutputsName(path, outputs)}({parameters})"))
        {
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

            string biasTarget = _opt is not null ? "gb" : _train ? "b" : "db";
            for (int j = 0; j < groups; j++)
            {
                _w.Line(WriteSum(v, biasTarget, j == 0 ? "(nuint)o" : $"(nuint)(o + {j * lanes})", $"sv{j}"));
            }

            for (int c = groups * lanes; c < outputs; c++)
            {
                _w.Line(WriteSum(scalar, biasTarget, $"o + {c}", $"s{c}"));
            }

            _w.Line();
            string rule = _opt is not null ? "∇W[o, :] = Σ_b dz[b, o]·x[b, :] into the gradient rows gs"
                : _train ? "W[o, :] -= rate · Σ_b dz[b, o]·x[b, :]" : "dW[o, :] = Σ_b dz[b, o]·x[b, :]";
            _w.Line($"// {rule}, accumulated in registers over the block; along the inputs: {path.Inputs.Describe()}.");
            _w.Line($"ref {_t} xb = ref Unsafe.Add(ref x, first * Inputs);");
            for (int c = 0; c < outputs; c++)
            {
                string target = _opt is not null ? "gs" : _train ? "Unsafe.Add(ref w, o * Inputs)" : "Unsafe.Add(ref dw, o * Inputs)";
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
                using (_w.Block("if (lastBlock)"))
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

    /// <summary>Whether the vectors at <paramref name="offsets"/> end with the chunking's overlapping last vector.</summary>
    private static bool EndsOverlapping(Chunking chunking, VectorText v, string[] offsets) =>
        chunking.OverlapLanes > 0 && !v.IsScalar && offsets[offsets.Length - 1] == (chunking.Length - chunking.Lanes).ToString();

    /// <summary>Declares <c>keep</c>, the lanes of the overlapping last vector that the vector before has not written.</summary>
    private void EmitKeepMask(Chunking chunking, VectorText v) =>
        _w.Line($"{v.Type} keep = {v.Mask(chunking.Lanes, chunking.OverlapLanes)}; // lanes the previous vector has not written");

    /// <summary>Whether <see cref="EmitRowWrite"/> writes its last two vectors as a pair (see there).</summary>
    private static bool WritesOverlappingPair(bool overlapReadModifyWrite, int vectors) => overlapReadModifyWrite && vectors >= 2;

    /// <summary>The comment for the rows that <see cref="EmitRowWrite"/> will write as a pair, once before them.</summary>
    private void EmitOverlapWriteComment(bool overlapReadModifyWrite, int vectors)
    {
        if (!WritesOverlappingPair(overlapReadModifyWrite, vectors))
        {
            return;
        }

        _w.Line("// The last vector overlaps the one before: both are loaded first (a load over part of a store just made would wait for");
        _w.Line("// it to reach the cache), and the last is stored first (the one before then rewrites the lanes they share).");
    }

    /// <summary>
    /// Writes one row's vectors at <paramref name="offsets"/> of <paramref name="target"/>, each the
    /// <paramref name="value"/> of its index and of the expression that loads its current contents. When the last vector
    /// overlaps the one before and the values read what they replace (<paramref name="overlapReadModifyWrite"/>), those
    /// two are both loaded before either is stored, and the last is stored first: a load over part of a store just made
    /// cannot take its data from the store and waits for it to reach the cache, once per row of W; the vector before then
    /// rewrites the lanes they share (the last one's are masked out of its sum). Same bits as storing in order. Measured on
    /// Zen 3 (min of 300 alternating runs): a 30-16-1 network's training step on one row 283 → 175 ns, on 32 rows
    /// 1.91 → 1.79 µs; an accumulating (30, 16) backward 166 → 56 ns on one row, 1.05 → 0.93 µs on 32.
    /// </summary>
    private void EmitRowWrite(VectorText v, string target, string[] offsets, bool overlapReadModifyWrite, System.Func<int, string, string> value)
    {
        // The caller explains the overlapping pair once (EmitOverlapWriteComment).
        int n = offsets.Length;
        int inOrder = WritesOverlappingPair(overlapReadModifyWrite, n) ? n - 2 : n;
        for (int k = 0; k < inOrder; k++)
        {
            _w.Line(v.Store(value(k, v.Load(target, offsets[k])), target, offsets[k]));
        }

        if (inOrder == n)
        {
            return;
        }

        using (_w.Block())
        {
            _w.Line($"{v.Type} before = {v.Load(target, offsets[n - 2])}, last = {v.Load(target, offsets[n - 1])};");
            _w.Line(v.Store(value(n - 1, "last"), target, offsets[n - 1]));
            _w.Line(v.Store(value(n - 2, "before"), target, offsets[n - 2]));
        }
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
    }

    private void EmitScalarPath(BackwardPathPlan path)
    {
        _w.Line($"/// <summary>Scalar path: {ForwardKernelEmitter.Xml(path.Describe(_dx))}</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {MethodName(path)}({PathParameters})"))
        {
            if (HasRowPass)
            {
                _w.Line("// Input gradient (with the weights before any update), row by row.");
                using (_w.Block($"for (int row = 0; row < {BatchBound}; row++)"))
                {
                    _w.Line($"ref {_t} dxr = ref Unsafe.Add(ref dx, row * Inputs);");
                    using (_w.Block("for (int i = 0; i < Inputs; i++)"))
                    {
                        _w.Line("Unsafe.Add(ref dxr, i) = 0;");
                    }

                    using (_w.Block("for (int o = 0; o < Outputs; o++)"))
                    {
                        _w.Line("int at = (row * Outputs) + o;");
                        _w.Line($"{_t} yo = Unsafe.Add(ref y, at);");
                        _w.Line($"{_t} dz = {ScalarDz("yo", "Unsafe.Add(ref g, at)")};");
                        _w.Line($"ref {_t} wo = ref Unsafe.Add(ref w, o * Inputs);");
                        using (_w.Block("for (int i = 0; i < Inputs; i++)"))
                        {
                            _w.Line("Unsafe.Add(ref dxr, i) += dz * Unsafe.Add(ref wo, i);");
                        }
                    }
                }

                _w.Line();
            }

            _w.Line(_train ? "// Bias and weights updated, output by output." : "// Bias and weight gradients, output by output.");
            using (_w.Block("for (int o = 0; o < Outputs; o++)"))
            {
                _w.Line($"{_t} s = 0;");
                using (_w.Block($"for (int row = 0; row < {BatchBound}; row++)"))
                {
                    _w.Line("int at = (row * Outputs) + o;");
                    _w.Line($"{_t} yo = Unsafe.Add(ref y, at);");
                    _w.Line($"s += {ScalarDz("yo", "Unsafe.Add(ref g, at)")};");
                }

                _w.Line(_opt is not null ? _opt.ApplyBias("b", "(nuint)o", "s") : ScalarWrite(_train ? "Unsafe.Add(ref b, o)" : "Unsafe.Add(ref db, o)", "s"));
                _w.Line($"ref {_t} to = ref Unsafe.Add(ref {(_train ? "w" : "dw")}, o * Inputs);");
                foreach (string line in _opt?.RowReferences("o", string.Empty, "o * Inputs") ?? Enumerable.Empty<string>())
                {
                    _w.Line(line);
                }

                using (_w.Block("for (int i = 0; i < Inputs; i++)"))
                {
                    _w.Line($"{_t} sum = 0;");
                    using (_w.Block($"for (int row = 0; row < {BatchBound}; row++)"))
                    {
                        _w.Line("int at = (row * Outputs) + o;");
                        _w.Line($"{_t} yo = Unsafe.Add(ref y, at);");
                        _w.Line($"sum += {ScalarDz("yo", "Unsafe.Add(ref g, at)")} * Unsafe.Add(ref x, (row * Inputs) + i);");
                    }

                    _w.Line(_opt is not null ? _opt.Apply("to", "o", "(nuint)i", "sum") : ScalarWrite("Unsafe.Add(ref to, i)", "sum"));
                }
            }
        }
    }

    /// <summary>
    /// The optimizer's update of one row's vectors at <paramref name="offsets"/> of <paramref name="target"/> (state rows
    /// <c>{state}{stateSuffix}</c>), their gradients given by index. In order; an overlapping last vector updates only its
    /// new lanes (<c>keep</c>), since the one before has already updated the lanes they share.
    /// </summary>
    /// <summary>
    /// The optimizer's call for a run of <paramref name="run"/> gradients in <c>gs</c> from <paramref name="offsets"/>[0].
    /// A tail chunk made of the overlapping last vector alone starts inside the chunk before, already updated: its run then
    /// starts at the first new element.
    /// </summary>
    private string OptimizerRun(Chunking chunking, string[] offsets, int run, string target, string stateSuffix, int rows, string rowStride)
    {
        int skip = int.TryParse(offsets[0], out int first) ? System.Math.Max(0, chunking.MainLength - first) : 0;
        string start = skip == 0 ? offsets[0] : (first + skip).ToString();
        string gradients = skip == 0 ? "gs" : $"Unsafe.Add(ref gs, {skip})";
        return _opt!.ApplyRows(target, stateSuffix, start, (run - skip).ToString(), rows, rowStride, gradients, run.ToString());
    }

    private static int[] RelativeOffsets(Chunking chunking, string[] offsets) =>
        int.TryParse(offsets[0], out int first)
            ? offsets.Select(o => int.Parse(o) - first).ToArray()
            : Enumerable.Range(0, offsets.Length).Select(k => k * chunking.Lanes).ToArray();

    /// <summary>The stack buffer for a tile's gradients on their way to the optimizer (see <see cref="OptimizerEpilogue"/>).</summary>
    private void EmitGradientBuffer(int elements)
    {
        _w.Line($"Span<{_t}> gradientBuffer = stackalloc {_t}[{elements}];");
        _w.Line($"ref {_t} gs = ref MemoryMarshal.GetReference(gradientBuffer);");
    }

    private string ScalarWrite(string target, string value) =>
        _train ? $"{target} -= rate * {value};" : _spec.Accumulate ? $"{target} += {value};" : $"{target} = {value};";

    private static string S(int count) => count == 1 ? string.Empty : "s";
}
