using System.Linq;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>The one-row kernel's one loop with W read and dW stored in aligned vectors (<see cref="BackwardOneRowPlan.AlignedWeightGradient"/>).</summary>
internal sealed partial class BackwardKernelEmitter
{
    /// <summary>
    /// As <see cref="EmitSingleRowOneLoop"/> for a row that is one chunk of two or more whole vectors and a dW that is
    /// stored (not added to). W and dW are the outputs' rows one after another: from W's first aligned element <c>q</c> on,
    /// every aligned vector of an output's row holds the inputs rotated by <c>q</c>, the last one wrapping into the next
    /// output's row, whose lanes take dz[o + 1] (mask <c>ownW</c>); dx's accumulators hold the inputs in that rotated
    /// order and are put back in place once at the end. dW's aligned vectors from its own boundary <c>p</c> on are x
    /// rotated by <c>p</c> times dz[o] and dz[o + 1] (mask <c>own</c>). Row 0's first weights (before <c>q</c>) start
    /// the chain of the wrapped lanes; the last output's last weights are read through a stack buffer (never past W);
    /// row 0's first vector and the last row's last vector of dW are stored unaligned over lanes the aligned ones write
    /// with the same products. Every dx sum takes its terms in the same order and the same accumulator sets as in the
    /// other loop (in the wrapped lanes the even and odd sets swap, and their final addition commutes): bit for bit.
    /// </summary>
    private void EmitSingleRowOneLoopAligned(BackwardPathPlan path, Chunking chunking)
    {
        var v = new VectorText(chunking.Bits, _t);
        int lanes = chunking.Lanes;
        int bytes = chunking.Bits / 8;
        int n = chunking.MainChunks == 1 ? chunking.VectorsPerChunk : chunking.TailOffsets.Count;
        string vector = $"Vector{chunking.Bits}";
        string indexType = _t == "float" ? "int" : "long";
        string asElement = _t == "float" ? "AsSingle" : "AsDouble";
        string[] offsets = Enumerable.Range(0, n).Select(k => (k * lanes).ToString()).ToArray();
        bool split = path.SplitsInputGradient(1, n);
        string[] sets = split ? new[] { "a", "c" } : new[] { "a" };
        string last = offsets[n - 1];
        _w.Line($"// In one loop over the outputs: the input gradient dx[:] = Σ_o dz[o]·W[o, :] into accumulators and dW[o, :] = dz[o]·x; along the inputs: {chunking.Describe()}.");
        _w.Line($"// W and dW ({_spec.Outputs} rows of {_spec.Inputs} one after another) are read and stored in aligned vectors from their first {bytes}-byte");
        _w.Line("// boundaries q and p on: each such vector of an output's row holds the inputs rotated by q (p), the last one wrapping into the");
        _w.Line("// next row, whose lanes take dz[o + 1] (masks ownW, own: the lanes of output o). dx's accumulators hold the inputs rotated by q,");
        _w.Line("// put back in place at the end; the wrapped lanes' chain starts with row 0's first q weights, the last output's last");
        _w.Line("// vector is read through the stack buffer (never past W). Row 0's first vector and the last row's last vector of dW are");
        _w.Line("// stored unaligned, over lanes the aligned ones write with the same products. The same sums, bit for bit.");
        _w.Line($"ref {_t} dx0 = ref dx;");
        using (_w.Block())
        {
            _w.Line($"int q = RowAlignment.ElementsToBoundary(ref w, {bytes}), p = RowAlignment.ElementsToBoundary(ref dw, {bytes});");
            _w.Line($"Span<{_t}> buffer = stackalloc {_t}[{6 * lanes}];");
            _w.Line($"ref {_t} buf = ref MemoryMarshal.GetReference(buffer);");
            _w.Line($"// The buffer: x's last and first vectors (x rotated by p), W's first vector (row 0's first q weights) and last vector.");
            _w.Line(v.Store(v.Load("x", last), "buf", "0"));
            _w.Line(v.Store(v.Load("x", "0"), "buf", lanes.ToString()));
            _w.Line(v.Store(v.Load("w", "0"), "buf", (3 * lanes).ToString()));
            _w.Line(v.Store(v.Load("w", (_spec.Outputs * _spec.Inputs - lanes).ToString()), "buf", (4 * lanes).ToString()));
            _w.Line($"ref {_t} xp = ref Unsafe.Add(ref x, p);");
            _w.Line($"ref {_t} bq = ref Unsafe.Add(ref buf, q);");
            string rotated = string.Join(", ", Enumerable.Range(0, n).Select(k => k < n - 1 ? $"x{k} = {v.Load("xp", offsets[k])}" : $"x{k} = {v.Load("Unsafe.Add(ref buf, p)", "0")}"));
            _w.Line($"{v.Type} {rotated};");
            _w.Line($"{v.Type} own = {vector}.LessThan({vector}<{indexType}>.Indices, {vector}.Create(({indexType})({lanes} - p))).{asElement}();");
            _w.Line($"{v.Type} ownW = {vector}.LessThan({vector}<{indexType}>.Indices, {vector}.Create(({indexType})({lanes} - q))).{asElement}();");
            _w.Line("// Row 0's first vector of dW, unaligned.");
            _w.Line(v.Store($"{v.Broadcast("d")} * {v.Load("x", "0")}", "dw", "0"));
            _w.Line($"{v.Type} {string.Join(", ", sets.SelectMany(set => Enumerable.Range(0, n).Select(k => $"{set}{k} = {v.Zero}")))};");
            string even = split ? "c" : "a";
            _w.Line($"// The wrapped lanes' chain starts with row 0's first q weights{(split ? " (there the even outputs' set is c: its outputs' next rows are odd)" : string.Empty)}.");
            _w.Line($"{even}{n - 1} = {vector}.ConditionalSelect(ownW, {v.Zero}, {v.MultiplyAdd(v.Broadcast("d"), v.Load("bq", (2 * lanes).ToString()), v.Zero)});");
            _w.Line($"ref {_t} wo = ref Unsafe.Add(ref w, q);");
            _w.Line($"ref {_t} t = ref Unsafe.Add(ref dw, p);");
            _w.Line($"ref {_t} dO = ref d;");

            // One output: its set's accumulators from W's aligned row (the last vector's wrapped lanes with the next
            // output's dz, or kept for the last output), then dW's aligned vectors (the last output's last unaligned).
            void Output(string set, string wRef, string tRef, string? next)
            {
                for (int k = 0; k < n - 1; k++)
                {
                    _w.Line($"{set}{k} = {v.MultiplyAdd($"{set}dz", v.Load(wRef, offsets[k]), $"{set}{k}")};");
                }

                if (next is null)
                {
                    _w.Line($"{set}{n - 1} = {vector}.ConditionalSelect(ownW, {v.MultiplyAdd($"{set}dz", v.Load("bq", (4 * lanes).ToString()), $"{set}{n - 1}")}, {set}{n - 1});");
                }
                else
                {
                    _w.Line($"{set}{n - 1} = {v.MultiplyAdd($"{vector}.ConditionalSelect(ownW, {set}dz, {next})", v.Load(wRef, last), $"{set}{n - 1}")};");
                }

                for (int k = 0; k < n - 1; k++)
                {
                    _w.Line(v.Store($"{set}dz * x{k}", tRef, offsets[k]));
                }

                _w.Line(next is null
                    ? v.Store($"{set}dz * {v.Load("x", last)}", "dw", (_spec.Outputs * _spec.Inputs - lanes).ToString())
                    : v.Store($"{vector}.ConditionalSelect(own, {set}dz, {next}) * x{n - 1}", tRef, last));
            }

            void Pair(bool lastPair)
            {
                _w.Line($"{v.Type} adz = {v.Broadcast("dO")};");
                _w.Line($"{v.Type} cdz = {v.Broadcast("Unsafe.Add(ref dO, 1)")};");
                Output("a", "wo", "t", "cdz");
                _w.Line($"ref {_t} wn = ref Unsafe.Add(ref wo, Inputs);");
                _w.Line($"ref {_t} tn = ref Unsafe.Add(ref t, Inputs);");
                if (lastPair)
                {
                    Output(split ? "c" : "a", "wn", "tn", null);
                    return;
                }

                _w.Line($"{v.Type} edz = {v.Broadcast("Unsafe.Add(ref dO, 2)")};");
                Output("c", "wn", "tn", "edz");
            }

            int step = split ? 2 : 1;
            int end = (_spec.Outputs - 1) / step * step;
            if (end > 0)
            {
                using (_w.Block($"for (int o = 0; o < {end}; o += {step})"))
                {
                    if (split)
                    {
                        Pair(lastPair: false);
                    }
                    else
                    {
                        _w.Line($"{v.Type} adz = {v.Broadcast("dO")};");
                        _w.Line($"{v.Type} cdz = {v.Broadcast("Unsafe.Add(ref dO, 1)")};");
                        Output("a", "wo", "t", "cdz");
                    }

                    _w.Line(step == 1 ? "wo = ref Unsafe.Add(ref wo, Inputs);" : $"wo = ref Unsafe.Add(ref wo, {step} * Inputs);");
                    _w.Line(step == 1 ? "t = ref Unsafe.Add(ref t, Inputs);" : $"t = ref Unsafe.Add(ref t, {step} * Inputs);");
                    _w.Line($"dO = ref Unsafe.Add(ref dO, {step});");
                }
            }

            int rest = _spec.Outputs - end;
            _w.Line(rest == 1 ? "// The last output (wo, t and dO point at it)." : "// The last two outputs (wo, t and dO point at the first).");
            using (_w.Block())
            {
                if (rest == 2)
                {
                    Pair(lastPair: true);
                }
                else
                {
                    _w.Line($"{v.Type} adz = {v.Broadcast("dO")};");
                    Output("a", "wo", "t", null);
                }
            }

            string Sum(int k) => split ? $"a{k} + c{k}" : $"a{k}";
            _w.Line("// dx back in place: the wrapped vector through the buffer first, its stale lanes then rewritten by the others.");
            _w.Line(v.Store(Sum(n - 1), "bq", "0"));
            _w.Line(v.Store(v.Load("buf", "0"), "dx0", last));
            _w.Line(v.Store(v.Load("buf", lanes.ToString()), "dx0", "0"));
            _w.Line($"ref {_t} dxq = ref Unsafe.Add(ref dx0, q);");
            for (int k = 0; k < n - 1; k++)
            {
                _w.Line(v.Store(Sum(k), "dxq", offsets[k]));
            }
        }
    }
}
