using System.Collections.Generic;
using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>The kernel of a batch of one row (see <see cref="BackwardPathPlan.SingleRow"/>), with its optimizer epilogue.</summary>
internal sealed partial class BackwardKernelEmitter
{
    /// <summary>
    /// A batch of one row (see <see cref="BackwardPathPlan.SingleRow"/>, <see cref="BackwardOneRowPlan"/>): dz (into the
    /// bias gradient when it is dz itself), the input gradient with a whole chunk in accumulators, the bias gradient (dz
    /// itself), and the weight gradient dz[o]·x with x's chunk in registers; where the plan says so, the input and weight
    /// gradients in one loop over the outputs per chunk. Each value is computed with the same operations as the two-pass
    /// kernels give a single row; only dx's sums are split differently over accumulators.
    /// </summary>
    private void EmitSingleRow(BackwardPathPlan path, BackwardOneRowPlan plan)
    {
        Chunking chunking = plan.Inputs;
        var v = new VectorText(chunking.Bits, _t);
        Sweep dzSweep = path.RowGradient;
        _w.Line($"/// <summary>A batch of one row: dz, {(_dx ? "the input gradient, " : string.Empty)}the bias and weight {(_train ? "updates" : "gradients")}{(_dx && plan.OneLoop && (_opt is null || _both) ? $"; the input and weight gradients in one loop over the outputs{(_both ? " (plain SGD's; the fused optimizers' update keeps the input gradient in a loop of its own)" : string.Empty)}" : string.Empty)}.{Shared}</summary>");
        _w.Line(NotInlinedKernel);
        using (_w.Block(SingleRowSignature(path).Declaration))
        {
            EmitPlainRate();
            if (plan.DzInBias)
            {
                _w.Line($"// dz = {DzFormula} for the row's {_spec.Outputs} values, straight into the bias gradient (db = dz), read back from there: {dzSweep.Describe()}.");
                _w.Line($"ref {_t} d = ref db;");
            }
            else
            {
                _w.Line($"// dz = {DzFormula} for the row's {_spec.Outputs} values: {dzSweep.Describe()}.");
                _w.Line($"Span<{_t}> dzRow = stackalloc {_t}[Outputs];");
                _w.Line($"ref {_t} d = ref MemoryMarshal.GetReference(dzRow);");
            }

            _w.Line($"ref {_t} y0 = ref y;");
            _w.Line($"ref {_t} g0 = ref g;");
            EmitDzSweep(dzSweep);

            if (_dx && plan.OneLoop)
            {
                _w.Line();
                ByRule(() =>
                {
                    if (_opt is null)
                    {
                        if (EmitSingleRowBias(plan, dzSweep))
                        {
                            _w.Line();
                        }

                        if (plan.AlignedWeightGradient)
                        {
                            EmitSingleRowOneLoopAligned(path, chunking);
                        }
                        else
                        {
                            EmitSingleRowOneLoop(path, chunking);
                        }
                    }
                    else
                    {
                        EmitSingleRowInputGradient(path, chunking);
                        _w.Line();
                        EmitSingleRowUpdate(plan, v, dzSweep);
                    }
                });
                return;
            }

            if (_dx)
            {
                _w.Line();
                EmitSingleRowInputGradient(path, chunking);
            }

            _w.Line();
            ByRule(() => EmitSingleRowUpdate(plan, v, dzSweep));
        }
    }

    /// <summary>The one-row kernel's input gradient in a loop of its own, with the weights before any update.</summary>
    private void EmitSingleRowInputGradient(BackwardPathPlan path, Chunking chunking)
    {
        _w.Line($"// Input gradient dx[:] = Σ_o dz[o]·W[o, :]{(_train ? " (with the weights before the update)" : string.Empty)}, each vector of a chunk its own accumulator; along the inputs: {chunking.Describe()}.");
        _w.Line($"ref {_t} dx0 = ref dx;");
        EmitChunks(chunking, offsets => EmitInputGradientTile(path, chunking, 1, offsets));
    }

    /// <summary>
    /// The one-row kernel's attribute: never inlined. Inlined into the entry, its stackalloc gives the entry a stack
    /// cookie and makes the JIT shadow-copy every span parameter (8-byte halves stored, read back as 16 bytes, each a
    /// failed store-to-load forward): about 25 ns more per call at (1, 4, 8) whenever the entry is itself not inlined.
    /// </summary>
    private const string NotInlinedKernel = "[MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]";

    /// <summary>The one-row kernel's bias and weight gradients, or their update (plain SGD, or the fused optimizer's).</summary>
    private void EmitSingleRowUpdate(BackwardOneRowPlan plan, VectorText v, Sweep dzSweep)
    {
        Chunking chunking = plan.Inputs;
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

        if (EmitSingleRowBias(plan, dzSweep))
        {
            _w.Line();
        }

        string target = _train ? "w" : "dw";
        string rowRule = _train ? "W[o, :] -= rate · dz[o]·x" : _spec.Accumulate ? "dW[o, :] += dz[o]·x" : "dW[o, :] = dz[o]·x";
        _w.Line($"// {rowRule}, x's chunk in registers; along the inputs: {chunking.Describe()}.");
        EmitChunks(chunking, offsets =>
        {
            int n = offsets.Length;
            _w.Line($"{v.Type} {string.Join(", ", Enumerable.Range(0, n).Select(k => $"x{k} = {v.Load("x", offsets[k])}"))};");
            bool readModifyWrite = _train || _spec.Accumulate;
            bool overlap = EndsOverlapping(chunking, v, offsets);
            if (overlap && readModifyWrite)
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
                EmitSingleRowWrite(v, "t", "dz", offsets, overlap && readModifyWrite);
                _w.Line("t = ref Unsafe.Add(ref t, Inputs);");
                _w.Line("dO = ref Unsafe.Add(ref dO, 1);");
            }
        });
    }

    /// <summary>
    /// The one-row kernel's bias gradient (db = dz, db += dz) or plain SGD's update of the bias (b -= rate·dz), from dz
    /// at <c>d</c>; nothing where dz was written into db itself (<see cref="BackwardOneRowPlan.DzInBias"/>). Returns
    /// whether it printed anything.
    /// </summary>
    private bool EmitSingleRowBias(BackwardOneRowPlan plan, Sweep dzSweep)
    {
        if (plan.DzInBias)
        {
            return false;
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

        return true;
    }

    /// <summary>
    /// Writes dz·x for one output's row at <paramref name="target"/> (the chunk's vectors at <paramref name="offsets"/>):
    /// stored into dW, added to it (<c>Accumulate</c>), or applied to W (W -= rate·dz·x); an overlapping last vector
    /// written by adding to it keeps only its new lanes (<c>keep</c>).
    /// </summary>
    private void EmitSingleRowWrite(VectorText v, string target, string dz, string[] offsets, bool overlapReadModifyWrite)
    {
        int n = offsets.Length;
        EmitRowWrite(v, target, offsets, overlapReadModifyWrite, (k, current) =>
        {
            string product = overlapReadModifyWrite && k == n - 1 ? $"({dz} * x{k}) & keep" : $"{dz} * x{k}";
            return _train ? $"{current} - (rateV * ({product}))"
                : _spec.Accumulate ? $"{current} + ({product})"
                : product;
        });
    }

    /// <summary>
    /// The input and weight gradients in one loop over the outputs per chunk (<see cref="BackwardOneRowPlan.OneLoop"/>):
    /// x's chunk and dx's accumulators in registers; for each output, dz[o]·W[o, chunk] added to the accumulators (W's
    /// row read once, before a training step writes it), then dz[o]·x written to dW's row (or applied to W's). The
    /// accumulators take the outputs as the input gradient's own loop does (one set, or even and odd outputs in two
    /// sets added at the end), and each write is the weight gradient loop's: the same values, bit for bit.
    /// </summary>
    private void EmitSingleRowOneLoop(BackwardPathPlan path, Chunking chunking)
    {
        var v = new VectorText(chunking.Bits, _t);
        string rowRule = _train ? "W[o, :] -= rate · dz[o]·x (after dx has read W[o, :])" : _spec.Accumulate ? "dW[o, :] += dz[o]·x" : "dW[o, :] = dz[o]·x";
        _w.Line($"// In one loop over the outputs, chunk by chunk: the input gradient dx[:] = Σ_o dz[o]·W[o, :] into accumulators and {rowRule}, x's chunk in registers; along the inputs: {chunking.Describe()}.");
        _w.Line($"ref {_t} dx0 = ref dx;");
        EmitChunks(chunking, offsets =>
        {
            int n = offsets.Length;
            bool split = path.SplitsInputGradient(1, n);
            string[] sets = split ? new[] { "a", "c" } : new[] { "a" };
            _w.Line($"{v.Type} {string.Join(", ", Enumerable.Range(0, n).Select(k => $"x{k} = {v.Load("x", offsets[k])}"))};");
            _w.Line($"{v.Type} {string.Join(", ", sets.SelectMany(set => Enumerable.Range(0, n).Select(k => $"{set}{k} = {v.Zero}")))};");
            bool readModifyWrite = _train || _spec.Accumulate;
            bool overlap = EndsOverlapping(chunking, v, offsets) && readModifyWrite;
            if (overlap)
            {
                EmitKeepMask(chunking, v);
            }

            if (_train)
            {
                _w.Line($"{v.Type} rateV = {v.Broadcast("rate")};");
            }

            // A training step writes W's row itself: dx reads it through the same reference, just before.
            string row = _train ? "wo" : "t";
            _w.Line($"ref {_t} wo = ref w;");
            if (!_train)
            {
                _w.Line($"ref {_t} t = ref dw;");
            }

            _w.Line($"ref {_t} dO = ref d;");
            EmitOverlapWriteComment(overlap, n);

            void Output(string set, string dz, string wRef, string tRef)
            {
                _w.Line($"{v.Type} {set}dz = {v.Broadcast(dz)};");
                for (int k = 0; k < n; k++)
                {
                    _w.Line($"{set}{k} = {v.MultiplyAdd($"{set}dz", v.Load(wRef, offsets[k]), $"{set}{k}")};");
                }

                EmitSingleRowWrite(v, tRef, $"{set}dz", offsets, overlap);
            }

            int step = split ? 2 : 1;
            int end = split ? _spec.Outputs - (_spec.Outputs % 2) : _spec.Outputs;
            using (_w.Block($"for (int o = 0; o < {end}; o += {step})"))
            {
                Output("a", "dO", "wo", row);
                if (split)
                {
                    _w.Line($"ref {_t} wn = ref Unsafe.Add(ref wo, Inputs);");
                    if (!_train)
                    {
                        _w.Line($"ref {_t} tn = ref Unsafe.Add(ref t, Inputs);");
                    }

                    Output("c", "Unsafe.Add(ref dO, 1)", "wn", _train ? "wn" : "tn");
                }

                _w.Line(step == 1 ? "wo = ref Unsafe.Add(ref wo, Inputs);" : $"wo = ref Unsafe.Add(ref wo, {step} * Inputs);");
                if (!_train)
                {
                    _w.Line(step == 1 ? "t = ref Unsafe.Add(ref t, Inputs);" : $"t = ref Unsafe.Add(ref t, {step} * Inputs);");
                }

                _w.Line($"dO = ref Unsafe.Add(ref dO, {step});");
            }

            if (split && end < _spec.Outputs)
            {
                _w.Line("// The last, odd output (wo and dO point at it).");
                using (_w.Block())
                {
                    Output("a", "dO", "wo", row);
                }
            }

            for (int k = 0; k < n; k++)
            {
                _w.Line(v.Store(split ? $"a{k} + c{k}" : $"a{k}", "dx0", offsets[k]));
            }
        });
    }

    /// <summary>One chunk of a one-row optimizer step: for each output o, ∇W[o, chunk] = dz[o]·x into the stack buffer, then the update.</summary>
    private void EmitSingleRowOptimizerChunk(Chunking chunking, string[] offsets)
    {
        var v = new VectorText(chunking.Bits, _t);
        int n = offsets.Length;
        _w.Line($"{v.Type} {string.Join(", ", Enumerable.Range(0, n).Select(k => $"x{k} = {v.Load("x", offsets[k])}"))};");
        _w.Line($"ref {_t} t = ref w;");
        _w.Line($"ref {_t} dO = ref d;");
        foreach (string state in OptimizerEpilogue.States)
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
            foreach (string state in OptimizerEpilogue.States)
            {
                _w.Line($"{state}t = ref Unsafe.Add(ref {state}t, Inputs);");
            }

            _w.Line("dO = ref Unsafe.Add(ref dO, 1);");
        }
    }

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
}
