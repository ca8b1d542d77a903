namespace SigmoidGen.Generator.Planning;

/// <summary>
/// The backward kernel (or SGD training step) of one SIMD path for layers of one or two outputs whose inputs fit one
/// chunk of registers (a logistic regression, a network's last layer), chosen by <see cref="BackwardPlanner.PlanNarrow"/>.
/// One pass over the rows, in tiles of <see cref="RowsPerTile"/> rows = one vector of <see cref="Lanes"/> outputs:
/// <list type="bullet">
/// <item><description>dz for the tile's values in one vector (from one load of y and one of g), added to a vector of bias
/// sums; each row's value is spread to every lane by a permute in registers;</description></item>
/// <item><description>per row: the weight gradient <c>dW[o, :] += dz[r, o]·x[r, :]</c> into accumulators held in
/// registers for the whole call, in <see cref="Sets"/> sets that take the rows in turn (<see cref="Sets"/> ×
/// <see cref="Outputs"/> × the chunk's vectors independent chains, instead of the two-pass kernels' few chains along the
/// batch), and the input gradient <c>dx[r, :] = Σ_o dz[r, o]·W[o, :]</c> from W's vectors, stored at once.</description></item>
/// </list>
/// The rows after the last full tile take one row at a time (dz as a scalar, the first set). After the last row the sets
/// are added pairwise, ((s0 + s1) + (s2 + s3)), and written once: stored, added (<c>Accumulate</c>) or applied (W -= rate·dW).
/// </summary>
/// <param name="Lanes">Values per tile: elements per vector of the path.</param>
/// <param name="Outputs">Outputs per row (1 or 2, a divisor of <see cref="Lanes"/>).</param>
/// <param name="Inputs">The inputs as one chunk (<see cref="Chunking.TailOffsets"/> only), of the widest vector that fits them.</param>
/// <param name="Sets">Accumulator sets, rows in turn: a power of two dividing <see cref="RowsPerTile"/>.</param>
/// <param name="HoistWeights">Whether W's vectors are loaded once per call into registers, rather than at every row.</param>
internal sealed record BackwardNarrowPlan(int Lanes, int Outputs, Chunking Inputs, int Sets, bool HoistWeights)
{
    /// <summary>Rows per tile: <see cref="Lanes"/> / <see cref="Outputs"/>.</summary>
    public int RowsPerTile => Lanes / Outputs;

    /// <summary>Vectors of one row's inputs.</summary>
    public int Vectors => Inputs.TailOffsets.Count;

    /// <summary>One sentence for the generated remarks.</summary>
    public string Describe(bool inputGradient) =>
        $"one pass over the rows in tiles of {RowsPerTile} (one vector of dz, each row's value spread to every lane by a permute), " +
        $"the weight gradient in {Sets} set{(Sets == 1 ? string.Empty : "s")} of {Outputs * Vectors} accumulator{(Outputs * Vectors == 1 ? string.Empty : "s")} held for the whole call (the rows in turn, {Sets * Outputs * Vectors} chains), " +
        (inputGradient ? $"the input gradient of each row stored at once{(HoistWeights ? " from W's vectors in registers" : string.Empty)}, " : string.Empty) +
        $"along the inputs: {Inputs.Describe()}; " +
        "the rows after the last full tile one at a time";
}
