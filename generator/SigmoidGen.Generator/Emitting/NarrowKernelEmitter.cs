using System.Linq;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// Prints the kernel of a <see cref="NarrowPlan"/> (layers of one or two outputs over a tile of rows or more): tiles of
/// one vector of outputs, the sums of all its values reduced together (or, for one input and one output, σ(w·x + b)
/// element by element), bias and σ in registers, one store per tile. Every count comes from the plan.
/// </summary>
internal sealed class NarrowKernelEmitter
{
    private readonly CodeWriter _w;
    private readonly NarrowPlan _plan;
    private readonly string _t;
    private readonly string _sigmoid;
    private readonly RowCountText _rows;
    private readonly VectorText _v;

    public NarrowKernelEmitter(LayerShape shape, CodeWriter writer, NarrowPlan plan, string sigmoid, int rows)
    {
        _w = writer;
        _plan = plan;
        _t = shape.ElementName;
        _sigmoid = sigmoid;
        _rows = new RowCountText(rows);
        _v = new VectorText(plan.Bits, _t);
    }

    /// <summary>The kernel's name: one per path.</summary>
    public static string Name(int pathBits) => $"Narrow{pathBits}";

    /// <summary>The statement that calls the kernel of the path of <paramref name="pathBits"/> bits.</summary>
    public string Call(int pathBits) => $"{Name(pathBits)}(ref x, ref w, ref b, ref y{_rows.Argument});";

    /// <summary>Writes the kernel of the path of <paramref name="pathBits"/> bits.</summary>
    public void Emit(int pathBits)
    {
        NarrowPlan p = _plan;
        int step = p.RowsPerTile;
        string vector = _v.Type;
        string text = p.Describe();
        _w.Line($"/// <summary>{ForwardKernelEmitter.Xml(char.ToUpperInvariant(text[0]) + text.Substring(1))}</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {Name(pathBits)}(ref {_t} x, ref {_t} w, ref {_t} b, ref {_t} y{_rows.Parameter})"))
        {
            if (p.Kind == NarrowKind.Elementwise)
            {
                _w.Line($"{vector} w0 = {_v.Broadcast("w")};");
                _w.Line($"{vector} bias = {_v.Broadcast("b")};");
            }
            else
            {
                EmitInvariants();
            }

            _w.Line($"int last = {_rows.Bound} - {step};");
            if (p.AlignedStores)
            {
                _w.Line("// The first tile unaligned, then tiles from y's first aligned row on (the first overlaps it with the same values).");
                _w.Line($"{_sigmoid}({_v.MultiplyAdd(_v.Load("x", "0"), "w0", "bias")}).StoreUnsafe(ref y, 0);");
                _w.Line($"int row = RowAlignment.ElementsToBoundary(ref y, {p.Bits / 8});");
                _w.Line($"row = row == 0 ? {step} : row;");
                _w.Line("row = row <= last ? row : last;");
            }
            else
            {
                _w.Line("int row = 0;");
            }

            using (_w.Block("while (true)"))
            {
                if (p.Kind == NarrowKind.Elementwise)
                {
                    _w.Line($"{_sigmoid}({_v.MultiplyAdd(_v.Load("x", "(nuint)row"), "w0", "bias")}).StoreUnsafe(ref y, (nuint)row);");
                }
                else
                {
                    EmitTile();
                }

                using (_w.Block("if (row == last)"))
                {
                    _w.Line("return;");
                }

                _w.Line();
                _w.Line($"// The rows after the last full tile: one more tile ending at the last row, overlapping the one before.");
                _w.Line($"row = row + {step} <= last ? row + {step} : last;");
            }
        }
    }

    /// <summary>The bias vector and, when hoisted, W's vectors and the tail mask: loaded once per call.</summary>
    private void EmitInvariants()
    {
        NarrowPlan p = _plan;
        Sweep dot = p.Dot;
        string vector = _v.Type;
        string bias = p.Outputs == 1
            ? _v.Broadcast("b")
            : $"Vector{p.Bits}.Create({string.Join(", ", Enumerable.Range(0, p.Lanes).Select(j => $"Unsafe.Add(ref b, {j % p.Outputs})"))})";
        if (p.Outputs > 1)
        {
            _w.Line($"// Bias of each value of a tile: value j is row j / {p.Outputs}, output j % {p.Outputs}.");
        }

        _w.Line($"{vector} bias = {bias};");
        if (dot.TailLanes > 0)
        {
            _w.Line($"{vector} keep = {_v.Mask(dot.Lanes, dot.TailLanes)};");
        }

        if (!p.HoistWeights)
        {
            return;
        }

        _w.Line($"// W's vectors, loaded once for every tile (the last one masked to the inputs the step before has not summed).");
        for (int o = 0; o < p.Outputs; o++)
        {
            for (int s = 0; s < dot.FullSteps; s++)
            {
                _w.Line($"{vector} w{o}s{s} = {_v.Load("w", $"{(o * dot.Length) + (s * dot.Lanes)}")};");
            }

            if (dot.TailLanes > 0)
            {
                _w.Line($"{vector} w{o}t = {_v.Load("w", $"{(o * dot.Length) + dot.TailOffset}")} & keep;");
            }
        }
    }

    /// <summary>One tile: an accumulator per value, the dot products, the tree, bias, σ and the store.</summary>
    private void EmitTile()
    {
        NarrowPlan p = _plan;
        Sweep dot = p.Dot;
        string vector = _v.Type;
        int values = p.Lanes;
        _w.Line("ref " + _t + " xr = ref Unsafe.Add(ref x, row * Inputs);");
        _w.Line(p.Outputs == 1
            ? $"// {values} accumulators: value j is the dot product of row j with W."
            : $"// {values} accumulators: value j is the dot product of row j / {p.Outputs} with W's row j % {p.Outputs}.");

        string RowOffset(int j, string offset)
        {
            int start = (j / p.Outputs) * dot.Length;
            return int.TryParse(offset, out int constant) ? (start + constant).ToString() : start == 0 ? offset : $"{start} + {offset}";
        }

        string Weight(int o, string step, string offset) =>
            p.HoistWeights ? $"w{o}{step}" : _v.Load("w", o == 0 ? offset : $"{o * dot.Length} + {offset}");

        if (dot.Unrolled)
        {
            for (int s = 0; s < dot.FullSteps; s++)
            {
                int offset = s * dot.Lanes;
                _w.Line($"// Inputs {offset}..{offset + dot.Lanes - 1}.");
                for (int j = 0; j < values; j++)
                {
                    string x = _v.Load("xr", RowOffset(j, offset.ToString()));
                    string wv = Weight(j % p.Outputs, $"s{s}", offset.ToString());
                    _w.Line(s == 0 ? $"{vector} a{j} = {x} * {wv};" : $"a{j} = {_v.MultiplyAdd(x, wv, $"a{j}")};");
                }
            }
        }
        else
        {
            _w.Line($"{vector} {string.Join(", ", Enumerable.Range(0, values).Select(j => $"a{j} = {_v.Zero}"))};");
            int end = dot.FullSteps * dot.Lanes;
            using (_w.Block($"for (nuint i = 0; i < {end}; i += {dot.Lanes})"))
            {
                for (int o = 0; o < p.Outputs; o++)
                {
                    _w.Line($"{vector} w{o}i = {_v.Load("w", o == 0 ? "i" : $"{o * dot.Length} + i")};");
                }

                for (int j = 0; j < values; j++)
                {
                    _w.Line($"a{j} = {_v.MultiplyAdd(_v.Load("xr", RowOffset(j, "i")), $"w{j % p.Outputs}i", $"a{j}")};");
                }
            }
        }

        if (dot.TailLanes > 0)
        {
            int offset = dot.TailOffset;
            _w.Line($"// Inputs {dot.Length - dot.TailLanes}..{dot.Length - 1}: the vector ending at the last input, its lanes already summed zeroed in x and W.");
            if (!p.HoistWeights)
            {
                for (int o = 0; o < p.Outputs; o++)
                {
                    _w.Line($"{vector} w{o}t = {_v.Load("w", $"{(o * dot.Length) + offset}")} & keep;");
                }
            }

            for (int j = 0; j < values; j++)
            {
                _w.Line($"a{j} = {_v.MultiplyAdd($"({_v.Load("xr", RowOffset(j, offset.ToString()))} & keep)", $"w{j % p.Outputs}t", $"a{j}")};");
            }
        }

        _w.Line($"// The {values} sums reduced together, in order: one vector of outputs, then bias and σ in registers.");
        string sums = $"VectorOps.SumEach({string.Join(", ", Enumerable.Range(0, values).Select(j => $"a{j}"))})";
        string ofs = p.Outputs == 1 ? "(nuint)row" : $"(nuint)(row * {p.Outputs})";
        _w.Line($"{_sigmoid}({sums} + bias).StoreUnsafe(ref y, {ofs});");
    }
}
