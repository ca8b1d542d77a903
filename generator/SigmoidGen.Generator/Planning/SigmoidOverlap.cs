using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// Whether the full tiles of a packed Vector512 panel overlap σ with the multiply-adds (<see cref="PanelPlan.SigmoidStep"/>):
/// every full tile stores z, and the next full tile applies σ to it, one vector every <see cref="PanelPlan.SigmoidStep"/>
/// inputs of its own loop; the panel applies σ to its last full tile after the loop.
/// </summary>
/// <remarks>
/// Zen 5 runs 512-bit adds, subtractions, max, logic and <c>vscalefps</c> on its two FP-add pipes beside the two FMA pipes:
/// added to a loop of 16 FMAs per 8 cycles, 4–8 of them cost nothing (a scratch loop, issue 17, helper h14), while a
/// multiply costs an FMA slot and <c>vrcp14ps</c> about half of one. The Exact σ (26 operations a vector on AVX-512) has 13
/// multiplies and FMAs and <c>vrcp14ps</c>: overlapped, it costs about 14 FMA slots instead of 26. Run after the tile's
/// loop, its 24–28 vectors (≈ 700 operations) fill the out-of-order window, so the next tile's multiply-adds wait and the
/// adds of σ take the FMA pipes' time too. Interleaved one vector at a time, the window holds σ and the multiply-adds.
/// Tiles of 12 rows (24 accumulators) leave 5 of the 32 registers to σ; with 14 rows σ spilled most of its values and
/// the interleaved tile ran 1.5–6 % slower than the plain one. Measured (issue 17, helper h14, 2026-12-03 16:35–16:38 UTC,
/// 2-core Zen 5 VM, load 6–17, min of 30 interleaved rounds, against the base kernel copied into the same process, eight
/// runs, time old / new): (256, 512, 512) 0.98–1.02 (best minima 605 → 593 µs), (64, …) 0.96–1.01, (32, …)
/// 0.987–0.995 (one full tile: nothing overlaps). See docs/benchmarks.md, "Packed panels toward 95 %".
/// </remarks>
internal static class SigmoidOverlap
{
    /// <summary>Rows of the full tile of a packed Vector512 panel that overlaps σ: 12 × 2 accumulators, 5 registers left to σ.</summary>
    public const int TileRows512 = 12;

    /// <summary>
    /// The fewest inputs between two σ vectors (12 rows × 2 vectors × this: 192 inputs): fewer multiply-adds than a σ's
    /// latency (about 90 cycles) would leave it at the head of the window.
    /// </summary>
    public const int MinStep = 8;

    /// <summary>
    /// Inputs of a full tile's loop per σ vector of the tile before, spread over the whole loop (512 inputs: 21, the last 8
    /// without σ); 0 where σ is not overlapped: other widths, doubles (not measured), panels that are not two units, fewer
    /// than 192 inputs, and a fixed batch with fewer than two full tiles in the panel's loop.
    /// </summary>
    public static int Step(LayerShape shape, int bits, int vectors, int batch)
    {
        if (bits != 512 || vectors != 2 || shape.Element != ElementKind.Float || PackedLayout.Of(shape) is null)
        {
            return 0;
        }

        int step = shape.Inputs / (2 * TileRows512);
        return step < MinStep || (batch > 0 && FullTilesInLoop(batch) < 2) ? 0 : step;
    }

    /// <summary>The tiles a packed panel's loop of full tiles runs for a fixed batch: every full tile, but the last one when rows are left after it (it joins them as two balanced tiles).</summary>
    private static int FullTilesInLoop(int batch) =>
        batch % TileRows512 == 0 ? batch / TileRows512 : (batch / TileRows512) - 1;
}
