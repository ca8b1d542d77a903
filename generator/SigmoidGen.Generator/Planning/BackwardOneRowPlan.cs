using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// The kernel of a batch of one row (see <see cref="BackwardPathPlan.SingleRow"/>), decided by
/// <see cref="BackwardOneRowPlanner.Plan"/>: its walk along the inputs, whether the input and weight gradients share one
/// loop over the outputs, and where dz goes.
/// </summary>
/// <param name="Inputs">The inputs in chunks of up to <see cref="BackwardPlanner.SingleRowVectors"/> vectors.</param>
/// <param name="OneLoop">
/// With an input gradient and a plain update (a backward pass, plain SGD): for each chunk, one loop over the outputs
/// that adds dz[o]·W[o, chunk] into dx's accumulators and writes dW[o, chunk] (or W's update) from x's chunk, both held
/// in registers, instead of a loop for dx and another for dW. W's row is read once, for dx, before a training step
/// writes it. The fused optimizers' update (a call per row, across which no register survives) keeps dx in its own loop.
/// </param>
/// <param name="DzInBias">dz is written straight into the bias gradient (a backward pass that stores it: db = dz) and read back from there, instead of into a stack buffer then copied.</param>
/// <param name="Registers">The path's vector registers: 32 with AVX-512 (Vector512 path), else 16.</param>
/// <param name="Needed">
/// The registers one loop would fill (the largest chunk's): dx's accumulators (two sets when the chunk splits them), x's
/// vectors, dz's broadcasts, a product, a training step's rate, the mask of an overlapping last vector added to; beyond
/// <see cref="Registers"/>, some of x's vectors are reloaded at each output. 0 without an input gradient.
/// </param>
/// <param name="Reason">Why there are two loops (with an input gradient), or null.</param>
/// <param name="TrainStep">A training step: its kernel may serve the fused optimizers too, whose update keeps dx in a loop of its own.</param>
/// <param name="AlignedWeightGradient">
/// The one loop reads W and stores dW (the outputs' rows one after another) in vectors aligned to the vector's size
/// wherever the arrays lie: x and dx's accumulators rotated once per call to dW's and W's first boundaries, the vector
/// that straddles two rows taking dz[o] and dz[o + 1] by a lane mask (same products, same sums, same bits). See
/// <see cref="BackwardOneRowPlanner.AlignsWeightGradient"/>.
/// </param>
internal sealed record BackwardOneRowPlan(Chunking Inputs, bool OneLoop, bool DzInBias, int Registers, int Needed, string? Reason = null, bool TrainStep = false, bool AlignedWeightGradient = false)
{
    /// <summary>
    /// What the printed kernels depend on: the plan without the path's register count (paths whose kernels are equal share
    /// them; the remarks, printed per path, keep it).
    /// </summary>
    public BackwardOneRowPlan Body => this with { Registers = 0, Reason = null };

    /// <summary>A few words for the generated remarks.</summary>
    public string Describe(bool inputGradient)
    {
        string dz = DzInBias ? "dz into the bias gradient (db = dz)" : "dz";
        if (!inputGradient)
        {
            return $"{dz}, then {(DzInBias ? string.Empty : "the bias gradient as dz and ")}the weight gradient as dz[o]·x with x's chunk in registers, along the inputs: {Inputs.Describe()}";
        }

        string aligned = AlignedWeightGradient ? "; W read and dW stored in aligned vectors (x and dx's accumulators rotated to their first boundaries, the vector across two rows taking dz[o] and dz[o + 1] by a lane mask)" : string.Empty;
        string loops = OneLoop
            ? $"the input and weight gradients in one loop over the outputs per chunk (dx's accumulators and x's chunk in {Needed} registers{(Needed > Registers && Registers > 0 ? $", more than the path's {Registers}: {Needed - Registers} of x's vectors reloaded at each output" : string.Empty)}{(TrainStep ? "; the fused optimizers' update keeps dx in a loop of its own" : string.Empty)}{aligned})"
            : $"the input gradient with a chunk of dx in accumulators, then the weight gradient as dz[o]·x with x's chunk in registers ({Reason})";
        return $"{dz}, {(DzInBias ? string.Empty : "the bias gradient as dz, ")}{loops}; along the inputs: {Inputs.Describe()}";
    }
}

/// <summary>The rules of the kernel of a batch of one row (<see cref="BackwardOneRowPlan"/>).</summary>
internal static class BackwardOneRowPlanner
{
    /// <summary>
    /// The one-row kernel of the path of <paramref name="bits"/>: chunks of <see cref="BackwardPlanner.SingleRowVectors"/>
    /// vectors; dx and dW in one loop where dx's accumulators fit the path's registers (x's vectors beyond them are
    /// reloaded, see <see cref="Held"/>), and, for a training step, where W's update cannot reach a chunk already done: a
    /// tail that is a lone vector overlapping the last whole chunk would read for dx weights already updated. Measured at
    /// (1, 64, 32) float on Zen 5: docs/benchmarks.md, "The one-row backward in one loop".
    /// </summary>
    public static BackwardOneRowPlan Plan(LayerSpec spec, int bits, int elementBytes, int splitAccumulatorsUpTo)
    {
        Chunking inputs = Chunking.Plan(spec.Inputs, bits, elementBytes, BackwardPlanner.SingleRowVectors);
        bool dzInBias = spec.Kind == LayerKind.Backward && !spec.Accumulate;
        int registers = bits == 512 ? 32 : 16;
        if (!spec.HasInputGradient)
        {
            return new BackwardOneRowPlan(inputs, OneLoop: false, dzInBias, registers, Needed: 0);
        }

        bool train = spec.Kind == LayerKind.TrainStep;
        bool mask = (train || spec.Accumulate) && inputs.OverlapLanes > 0 && inputs.Bits > 0;
        int mainVectors = inputs.MainChunks > 0 ? inputs.VectorsPerChunk : 0;
        int tailVectors = inputs.TailOffsets.Count;
        int needed = System.Math.Max(
            mainVectors + Held(mainVectors, splitAccumulatorsUpTo, train, mask: false),
            tailVectors + Held(tailVectors, splitAccumulatorsUpTo, train, mask));
        int held = System.Math.Max(Held(mainVectors, splitAccumulatorsUpTo, train, mask: false), Held(tailVectors, splitAccumulatorsUpTo, train, mask));
        bool reachesBack = train && inputs is { MainChunks: > 0, OverlapLanes: > 0, Bits: > 0 } && tailVectors == 1;
        string? reason = reachesBack ? "the tail, one vector overlapping the last chunk, would read for dx weights already updated"
            : held > registers ? $"dx's accumulators, dz and the product alone would need {held} of the path's {registers} registers" : null;
        bool oneLoop = reason is null;
        return new BackwardOneRowPlan(inputs, oneLoop, dzInBias, registers, needed, reason, train, oneLoop && AlignsWeightGradient(spec, bits, inputs));
    }

    /// <summary>
    /// Whether the one loop reads W and stores dW in aligned vectors (<see cref="BackwardOneRowPlan.AlignedWeightGradient"/>):
    /// on the Vector512 path (arrays from <c>new float[]</c> are 8-byte aligned: every 512-bit load of W and store of dW
    /// crossed a cache line; at (1, 64, 32) the backward took 71–75 ns at every placement against 86–92 ns, 72 ns when W
    /// happened to be aligned; Vector256, where a 256-bit access crosses a line in 3 placements of 8, measured 95–97 ns
    /// against 84–109 ns and keeps the plain loop), a backward pass that stores dW (not <c>Accumulate</c>, not a training
    /// step: every lane is written once with its product, so the unaligned first and last vectors may rewrite lanes of
    /// the aligned ones), at least two outputs, and
    /// a row that is two or more whole vectors in one chunk (x's rotated vectors held like x's; a row of one vector, as
    /// (1, 4, 8)'s, lost more to the rotation's stack buffer than it won). Measured on Zen 5: docs/benchmarks.md,
    /// "The one-row backward's aligned W and dW".
    /// </summary>
    public static bool AlignsWeightGradient(LayerSpec spec, int bits, Chunking inputs) =>
        bits == 512 && inputs.Bits == 512 && spec.Kind == LayerKind.Backward && !spec.Accumulate && spec.Outputs >= 2
        && inputs.OverlapLanes == 0
        && ((inputs.MainChunks == 1 && inputs.TailOffsets.Count == 0) || (inputs.MainChunks == 0 && inputs.TailOffsets.Count >= 2));

    /// <summary>
    /// Registers one loop over a tile of <paramref name="vectors"/> must hold besides x's vectors: dx's accumulators (two
    /// sets where the tile splits them, <see cref="BackwardPathPlan.SplitsInputGradient"/>), one dz broadcast per set and
    /// the product on its way to dW; a training step adds the rate, and an overlapping last vector written by adding to
    /// it (a training step, <c>Accumulate</c>) the mask of its new lanes. x's vectors that do not fit beside them are
    /// reloaded from the stack at each output (one load beside each of dW's stores): at (1, 64, 32) on Vector256 (18
    /// registers of 16, two of x's vectors reloaded) the one loop's backward measured 0.86–0.92× the base's two loops in
    /// three of four processes, 1.07× in the fourth (docs/benchmarks.md), so only accumulators that do not fit keep two loops.
    /// </summary>
    private static int Held(int vectors, int splitAccumulatorsUpTo, bool train, bool mask)
    {
        if (vectors == 0)
        {
            return 0;
        }

        int sets = vectors <= splitAccumulatorsUpTo ? 2 : 1;
        return (sets * vectors) + sets + 1 + (train ? 1 : 0) + (mask ? 1 : 0);
    }
}
