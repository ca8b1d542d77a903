using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>The one-row kernel of a layer of four float inputs that reads W whole (<see cref="PathPlan.WholeRowsBits"/>).</summary>
internal sealed partial class ForwardKernelEmitter
{
    /// <summary>
    /// One row, W read a vector at a time (each the rows of <c>bits / 128</c> outputs) and multiplied by x repeated in
    /// every 128-bit lane; <c>VectorOps.SumEachLane</c> sums four such vectors' lanes into one vector of outputs, to which
    /// the bias and σ are applied in registers before one store. The rest of the outputs takes a group of two vectors,
    /// then one of one, each storing the half (the quarter) of that vector that holds its outputs.
    /// </summary>
    private void EmitWholeRows(RowKernel kernel)
    {
        int bits = kernel.WholeRowsBits;
        int perVector = bits / 128;
        int group = 4 * perVector;
        int whole = _shape.Outputs / group * group;
        string vector = $"Vector{bits}";
        _w.Line($"/// <summary>One row: W read whole, {perVector} outputs' rows per {vector}, then the sigmoid over the {_shape.Outputs} results in registers.</summary>");
        _w.Line(CodeWriter.OptimizeKernel);
        using (_w.Block($"private static void {kernel.Name}(ref float x0, ref float w, ref float b, ref float y0)"))
        {
            _w.Line($"// x in every 128-bit lane: a {vector} of W (the rows of {perVector} outputs, 4 inputs each) times it is {perVector} rows of products,");
            _w.Line("// which SumEachLane sums as the dot-product tiles do, (x0·w0 + x1·w1) + (x2·w2 + x3·w3): the same bits.");
            _w.Line(bits == 512
                ? "Vector512<float> xr = VectorOps.RepeatLane(Vector128.LoadUnsafe(ref x0));"
                : "Vector128<float> x = Vector128.LoadUnsafe(ref x0);");
            if (bits != 512)
            {
                _w.Line("Vector256<float> xr = Vector256.Create(x, x);");
            }

            if (whole > 0)
            {
                _w.Line(whole == group ? $"// Outputs 0..{whole - 1}: four vectors of W." : $"// Outputs 0..{whole - 1}, {group} at a time: four vectors of W.");
                using (whole == group ? _w.Block() : _w.Block($"for (int o = 0; o < {whole}; o += {group})"))
                {
                    if (whole == group)
                    {
                        _w.Line("const int o = 0;");
                    }

                    EmitWholeRowsGroup(bits, group, vectors: 4);
                }
            }

            // The rest: a group of two vectors, then one of one (the rest is a multiple of 4 outputs, KernelPlanner.WholeRows).
            int start = whole;
            foreach (int vectors in new[] { 2, 1 })
            {
                int outputs = vectors * perVector;
                if (_shape.Outputs - start < outputs || outputs < 4)
                {
                    continue;
                }

                _w.Line($"// Outputs {start}..{start + outputs - 1}: {(vectors == 1 ? "one vector" : "two vectors")} of W, summed as four (the sums of the first {outputs} lanes are theirs).");
                using (_w.Block())
                {
                    _w.Line($"const int o = {start};");
                    EmitWholeRowsGroup(bits, outputs, vectors);
                }

                start += outputs;
            }
        }
    }

    /// <summary>One group of <paramref name="vectors"/> vectors of W from output <c>o</c>: its <paramref name="outputs"/> sums, bias, σ, one store.</summary>
    private void EmitWholeRowsGroup(int bits, int outputs, int vectors)
    {
        string vector = $"Vector{bits}";
        int lanes = bits / 32;
        for (int k = 0; k < vectors; k++)
        {
            string offset = k == 0 ? "o * Inputs" : $"o * Inputs + {k * lanes}";
            _w.Line($"{vector}<float> p{k} = {vector}.LoadUnsafe(ref w, (nuint)({offset})) * xr;");
        }

        string[] p = vectors switch
        {
            4 => new[] { "p0", "p1", "p2", "p3" },
            2 => new[] { "p0", "p1", "p0", "p1" },
            _ => new[] { "p0", "p0", "p0", "p0" },
        };
        string sums = $"VectorOps.SumEachLane({string.Join(", ", p)})";
        string z = outputs == lanes ? sums : outputs * 2 == lanes ? $"{sums}.GetLower()" : $"{sums}.GetLower().GetLower()";
        string store = $"Vector{outputs * 32}";
        _w.Line($"{store}<float> z = {z} + {store}.LoadUnsafe(ref b, (nuint)o);");
        _w.Line($"{_sigmoid}(z).StoreUnsafe(ref y0, (nuint)o);");
    }
}
