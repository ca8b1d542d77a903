namespace SigmoidGen.Generator.Planning;

/// <summary>
/// A dot-product row kernel without its path (see <see cref="PathPlan.BlockBody"/>, <see cref="PathPlan.SingleRowBody"/>,
/// <see cref="PathPlan.OneRowBody"/>): <see cref="Rows"/> consecutive rows, every output tile, then σ over their values
/// or not. Its vectors are those of its sweeps, which follow the inputs and the outputs as much as the path: a layer of 5
/// inputs steps with <c>Vector128</c> on every path. Paths whose kernels are equal call one printed method, named
/// <see cref="Name"/> (issue 16: the 5-3-1 network printed nine row kernels per layer, three of each kind).
/// </summary>
/// <param name="Rows">Rows per call.</param>
/// <param name="OutputsPerTile">Outputs summed together into one <c>Vector128</c> (NR).</param>
/// <param name="OutputTiles">Full output tiles per row.</param>
/// <param name="TailOutputs">Outputs after the last full tile, reduced one by one.</param>
/// <param name="Dot">How each dot product walks the inputs.</param>
/// <param name="Sigmoid">How σ walks the <c>Rows × outputs</c> values in place, or null when the kernel stores z only
/// (σ is then applied by one sweep over the whole batch, <see cref="PathPlan.SigmoidAfterAllRows"/>).</param>
/// <param name="TileGroup">Output tiles of one row joined into one store of <see cref="Sigmoid"/>'s width (<see cref="PathPlan.RowTileGroup"/>).</param>
/// <param name="WholeRowsBits">For one row of a layer of four float inputs: the width of the vectors that read W whole,
/// each holding the rows of <c>WholeRowsBits / 128</c> outputs (<see cref="PathPlan.WholeRowsBits"/>); 0 for the tiles.</param>
internal sealed record RowKernel(int Rows, int OutputsPerTile, int OutputTiles, int TailOutputs, Sweep Dot, Sweep? Sigmoid, int TileGroup, int WholeRowsBits = 0)
{
    /// <summary>
    /// The printed method's name, from what tells kernels of one layer apart: rows, the dot product's vector, σ's vector
    /// (or <c>Z</c>: z only), e.g. <c>Rows3_V128_S256</c>, <c>Rows1_V128_S1</c> (σ one value at a time), <c>Rows4_V128_Z</c>;
    /// a row that reads W whole, <c>Rows1_V512_WholeRows</c>.
    /// Within a layer the rest follows from these (the unrolling from the rows and the widths, the tile group from σ's
    /// width), so equal names are equal kernels.
    /// </summary>
    public string Name => WholeRowsBits > 0
        ? $"Rows1_V{WholeRowsBits}_WholeRows"
        : $"Rows{Rows}_{Width(Dot)}_{(Sigmoid is null ? "Z" : "S" + (Sigmoid.IsScalar ? "1" : Sigmoid.Bits.ToString()))}";

    private static string Width(Sweep sweep) => sweep.IsScalar ? "Scalar" : $"V{sweep.Bits}";
}
