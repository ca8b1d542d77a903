namespace SigmoidGen.Generator.Planning;

/// <summary>
/// The forward kernel of one SIMD path for layers with one or two outputs and at least <see cref="MinBatch"/> rows
/// (a logistic regression, a network's last layer), chosen by <see cref="KernelPlanner.PlanNarrow"/>. Its tile is one
/// vector of <see cref="Lanes"/> consecutive outputs, that is <see cref="RowsPerTile"/> rows:
/// <list type="bullet">
/// <item><description><see cref="NarrowKind.RowSums"/>: one accumulator per output value of the tile (<see cref="Lanes"/>
/// in all) marches along that row's inputs (<see cref="Dot"/>, W's vectors loaded once per call when the dot product is
/// unrolled); the <see cref="Lanes"/> accumulators are then reduced together by a transpose-and-add tree
/// (<c>VectorOps.SumEach</c>) into one vector of sums, in output order, instead of one horizontal sum per row.</description></item>
/// <item><description><see cref="NarrowKind.Elementwise"/> (one input, one output): <c>y = σ(w·x + b)</c>, one vector of
/// rows at a time, like the sigmoid's own span sweep.</description></item>
/// </list>
/// Either way, bias and σ are applied to the vector in registers and stored once: no sweep over the batch afterwards.
/// The rows after the last full tile are covered by one more tile that ends at the last row and overlaps the one before
/// (its overlapped outputs are computed again, from the inputs, to the same values).
/// </summary>
/// <param name="Kind">Which of the two kernels.</param>
/// <param name="Bits">Width of the tile's vector (the dot product's width: narrower than the path when the inputs are few).</param>
/// <param name="Lanes">Values per tile: elements per vector of <see cref="Bits"/>.</param>
/// <param name="Outputs">Outputs per row (1 or 2, a divisor of <see cref="Lanes"/>).</param>
/// <param name="Dot">How each accumulator walks its row's inputs (<see cref="NarrowKind.RowSums"/>).</param>
/// <param name="MinBatch">Smallest batch that takes this kernel: one whole tile of rows. Smaller batches keep the dot-product tiles.</param>
/// <param name="HoistWeights">Whether W's vectors (and the tail mask) are loaded once per call into registers, rather than at every step.</param>
/// <param name="AlignedStores">
/// <see cref="NarrowKind.Elementwise"/>: the first tile stored unaligned, then the tiles from y's first aligned row on
/// (the first of them rewrites some of its values, computed again to the same bits), so that the loop's stores never
/// cross a cache line (see <see cref="KernelPlanner.PlanNarrow"/>).
/// </param>
internal sealed record NarrowPlan(NarrowKind Kind, int Bits, int Lanes, int Outputs, Sweep Dot, int MinBatch, bool HoistWeights, bool AlignedStores = false)
{
    /// <summary>Rows per tile: <see cref="Lanes"/> / <see cref="Outputs"/>.</summary>
    public int RowsPerTile => Lanes / Outputs;

    /// <summary>One sentence for the generated remarks.</summary>
    public string Describe()
    {
        string tile = $"tiles of {RowsPerTile} rows = one Vector{Bits} of outputs";
        string body = Kind == NarrowKind.Elementwise
            ? $"σ(w·x + b) over {tile}{(AlignedStores ? ", stored aligned after the first tile" : string.Empty)}"
            : $"{tile}, one accumulator per output value ({Lanes}), each dot product: {Dot.Describe()}" +
              (HoistWeights ? ", W's vectors loaded once per call" : string.Empty) +
              $"; the {Lanes} sums reduced together by a transpose-and-add tree, not one horizontal sum per row";
        return $"batches of {MinBatch} rows or more: {body}; bias and σ in registers, one store per tile, " +
               "the rows after the last full tile in one more tile that ends at the last row and overlaps the one before.";
    }
}

/// <summary>The two kernels of a <see cref="NarrowPlan"/>.</summary>
internal enum NarrowKind
{
    /// <summary>One accumulator per output value, reduced together (layers of 1 or 2 outputs with at least a vector of inputs).</summary>
    RowSums,

    /// <summary>One input, one output: σ(w·x + b) element by element, a vector at a time.</summary>
    Elementwise,
}
