using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// Prints the backward kernels (and training steps) of a list of <see cref="BackwardPathPlan"/>s: per path, a method
/// that runs pass 1 over row blocks (dz, the input gradient: <c>BackwardInputGradientPass.cs</c>, dz itself in
/// <c>BackwardOutputGradient.cs</c>) and pass 2 over output tiles (the bias and weight gradients, or their update:
/// <c>BackwardWeightGradientPass.cs</c>), the kernels it calls, the one-row kernel (<c>BackwardSingleRowKernel.cs</c>) and
/// the scalar path (<c>BackwardScalarPath.cs</c>); layers of one or two outputs with few inputs take one pass instead
/// (<c>BackwardNarrowKernel.cs</c>). Every kernel's parameters are declared once
/// (<c>BackwardKernelParameters.cs</c>), and its declaration and calls printed from them. The loss, when there is one,
/// is summed by the entry method (<see cref="LayerEmitter"/>), not here.
/// It decides nothing: every count, tile and choice of kernel comes from the plan.
/// </summary>
internal sealed partial class BackwardKernelEmitter
{
    private readonly LayerSpec _spec;
    private CodeWriter _w;
    private readonly string _t;
    private readonly bool _train;
    private readonly bool _bce;
    private readonly bool _dx;
    /// <summary>The kernels' update parameters (signatures): the fused optimizers', or null (plain SGD alone, backward passes).</summary>
    private readonly OptimizerEpilogue? _sig;

    /// <summary>Whether the kernels serve plain SGD and the fused optimizers both: their bodies branch on <c>TRule.Fused</c>.</summary>
    private readonly bool _both;

    /// <summary>The update the body being printed applies: the fused optimizer's, or null for plain SGD (a branch of <see cref="_both"/>).</summary>
    private OptimizerEpilogue? _opt;

    /// <summary>
    /// An emitter for <paramref name="spec"/>'s kernels; <paramref name="withPlainSgd"/>: the class serves plain SGD and
    /// the fused optimizers with one set of kernels, generic over the update (<see cref="OptimizerEpilogue"/>), whose
    /// bodies print both rules where they differ (<see cref="ByRule"/>). Either spec of such a class may be given: the
    /// kernels are printed from the optimizer's, the plain entry's calls from its own.
    /// </summary>
    public BackwardKernelEmitter(LayerSpec spec, CodeWriter writer, bool withPlainSgd = false)
    {
        _spec = spec;
        _w = writer;
        _t = spec.ElementName;
        _train = spec.Kind == LayerKind.TrainStep;
        _bce = spec.Loss == LossKind.BinaryCrossEntropy;
        _dx = spec.HasInputGradient;
        _both = withPlainSgd;
        _sig = withPlainSgd ? OptimizerEpilogue.Rule(spec) : OptimizerEpilogue.For(spec);
        _opt = withPlainSgd ? OptimizerEpilogue.Rule(spec) : OptimizerEpilogue.For(spec);
    }

    /// <summary>
    /// Prints <paramref name="body"/> for the update at hand; in kernels serving both plain SGD and the fused optimizers,
    /// twice: <c>if (TRule.Fused) { fused } else { plain SGD }</c>, a constant to the JIT, so that each instantiation
    /// keeps one branch. <paramref name="fusedOnly"/>: the plain branch is empty (not printed).
    /// </summary>
    private void ByRule(System.Action body, bool fusedOnly = false)
    {
        if (!_both)
        {
            body();
            return;
        }

        using (_w.Block($"if ({OptimizerEpilogue.UpdateType}.Fused)"))
        {
            body();
        }

        if (fusedOnly)
        {
            return;
        }

        OptimizerEpilogue? fused = _opt;
        _opt = null;
        try
        {
            using (_w.Block("else"))
            {
                body();
            }
        }
        finally
        {
            _opt = fused;
        }
    }

    /// <summary>What a path's summary adds in kernels serving plain SGD too (the plan describes the fused optimizers').</summary>
    private string PlainSgdNote => _both ? "; with plain SGD (TRule.Fused false), no gradient buffer: each block's gradients are applied to the weights and bias in place" : string.Empty;

    /// <summary>In kernels serving plain SGD too: its rate, read once from the update (unused by the fused optimizers' branch).</summary>
    private void EmitPlainRate()
    {
        if (_both)
        {
            _w.Line($"{_t} rate = opt.Rate; // plain SGD's learning rate (the fused updates' branch does not read it)");
        }
    }

    private string BatchBound => new RowCountText(_spec.Batch).Bound;

    /// <summary>Pass 1 (row blocks) is needed for the input gradient only.</summary>
    private bool HasRowPass => _dx;

    /// <summary>
    /// The entry's dispatch for one path: the path method, and the one-row kernel for a batch of one row when the path has
    /// one (<see cref="BackwardPathPlan.SingleRow"/>): called directly for a batch fixed at one row, else when
    /// <c>batch == 1</c>, so that a single row skips the path method's frame.
    /// </summary>
    public (int Bits, string Call, string? OneRowCall) DispatchCall(BackwardPathPlan path)
    {
        if (path.SingleRow is null)
        {
            return (path.Bits, PathSignature(path).Call(), null);
        }

        string oneRow = SingleRowSignature(path).Call();
        return path.OnlySingleRow ? (path.Bits, oneRow, null) : (path.Bits, PathSignature(path).Call(), oneRow);
    }

    /// <summary>The entry's dispatch for every path (see <see cref="DispatchCall"/>), each calling the methods the plan names.</summary>
    public List<(int Bits, string Call, string? OneRowCall)> DispatchCalls(IEnumerable<BackwardPathPlan> plans) => plans.Select(DispatchCall).ToList();

    /// <summary>
    /// Prints every path's methods in the plan's order (<see cref="BackwardPathPlan.Kernels"/>): those the path prints
    /// itself; a kernel the planner gave to an earlier path (equal bodies, <see cref="BackwardKernelBody"/>) is called by
    /// that path's name instead, and its summary names the paths that call it.
    /// </summary>
    public void EmitPaths(IEnumerable<BackwardPathPlan> paths)
    {
        foreach (BackwardPathPlan path in paths)
        {
            foreach (BackwardSharedKernel kernel in path.Kernels.Where(k => k.PrintedBy == path.Bits))
            {
                _w.Line();
                _callers = kernel.CalledBy;
                EmitKernel(path, kernel.Kind, kernel.Size);
            }
        }

        _callers = EquatableArray<int>.Empty;
    }

    /// <summary>The other paths that call the kernel being printed (from the plan), named in its summary (<see cref="Shared"/>).</summary>
    private EquatableArray<int> _callers = EquatableArray<int>.Empty;

    /// <summary>What a shared kernel's summary adds: the other paths that call it.</summary>
    private string Shared
    {
        get
        {
            List<int> widths = _callers.Distinct().ToList();
            if (widths.Count == 0)
            {
                return string.Empty;
            }

            string paths = string.Join(" and ", widths.Select(b => b == 0 ? "scalar" : $"Vector{b}"));
            return widths.Count == 1 ? $" The {paths} path calls it too: its kernel is the same." : $" The {paths} paths call it too: their kernel is the same.";
        }
    }

    /// <summary>One method of a path: the path method, or one of the kernels it calls.</summary>
    private void EmitKernel(BackwardPathPlan path, BackwardKernelKind kind, int size)
    {
        switch (kind)
        {
            case BackwardKernelKind.Path when path.IsScalar:
                EmitScalarPath(path);
                break;
            case BackwardKernelKind.Path when path.Narrow is { } narrow:
                // One or two outputs with few inputs: one pass over the rows (BackwardNarrowKernel.cs).
                EmitNarrowPath(path, narrow);
                break;
            case BackwardKernelKind.Path:
                EmitVectorPath(path);
                break;
            case BackwardKernelKind.RowBlock:
                EmitRowBlock(path, size, size == 1 ? path.RowGradient : path.BlockGradient);
                break;
            case BackwardKernelKind.GroupKernels:
                EmitGroupKernels(path);
                break;
            case BackwardKernelKind.OutputTile:
                EmitOutputTile(path, size);
                break;
            case BackwardKernelKind.PackInputs:
                EmitPackRows(path);
                break;
            case BackwardKernelKind.OneRow:
                // A batch fixed at one row has this kernel alone, called directly by the entry (see DispatchCall).
                EmitSingleRow(path, path.SingleRow!);
                break;
        }
    }

    /// <summary>A vector path's method: pass 1 (with an input gradient), then pass 2.</summary>
    private void EmitVectorPath(BackwardPathPlan path)
    {
        int rows = path.RowsPerBlock;
        _w.Line($"/// <summary>{path.Name} path: {ForwardKernelEmitter.Xml(path.Describe(_dx))}{PlainSgdNote}{Shared}</summary>");
        _w.Line(CodeWriter.OptimizeKernel);

        using (_w.Block(PathSignature(path).Declaration))
        {
            if (HasRowPass)
            {
                if (path.GroupedRowPass && path.UngroupedRowPass)
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
                else if (path.GroupedRowPass)
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
            _w.Line($"// Pass {(HasRowPass ? 2 : 1)}, by blocks of up to {path.BatchBlock} rows (their inputs stay in cache) and, within a block, by tiles of {tile} output{S(tile)}: dz for those outputs, the bias gradient, the weight gradient{(_train ? ", applied to the weights and bias" : string.Empty)}.");
            _w.Line($"Span<{_t}> dzColumns = stackalloc {_t}[{BlockRows(path)} * {tile}]; // sized to the batch: stackalloc zeroes it");
            _w.Line($"ref {_t} dc = ref MemoryMarshal.GetReference(dzColumns);");
            ByRule(() => EmitPassTwo(path));
        }
    }

    /// <summary>Pass 2's blocks, within the fused optimizer's gradient buffer when it has one.</summary>
    private void EmitPassTwo(BackwardPathPlan path)
    {
        if (_opt is not null && path.OptimizerGroupOutputs > 0)
        {
            int groupRows = path.OptimizerBufferRows;
            _w.Line($"// The optimizer needs each gradient complete: {(path.SeveralOptimizerGroups ? $"by groups of {path.OptimizerGroupOutputs} outputs, " : string.Empty)}the gradient rows are summed over the blocks in a pooled");
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

    /// <summary>Rows of pass 2's largest block: the batch, or its block size when smaller.</summary>
    private string BlockRows(BackwardPathPlan path) => $"Math.Min({BatchBound}, {path.BatchBlock})";

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

    /// <summary>One chunk of inputs (its vectors), copied from <paramref name="source"/> to <paramref name="target"/>.</summary>
    private string CopyChunk(Chunking chunking, string source, string target)
    {
        var v = new VectorText(chunking.Bits, _t);
        return string.Join(" ", Enumerable.Range(0, chunking.VectorsPerChunk)
            .Select(k => (k * chunking.Lanes).ToString())
            .Select(offset => v.Store(v.Load(source, offset), target, offset)));
    }

    private static string S(int count) => count == 1 ? string.Empty : "s";
}
