using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SigmoidGen.Tests.Layers;

/// <summary>
/// Which rows of a batch the x-panel kernel computes as dot products over W's rows (issue 17): the same products as W's
/// panels added in another order, so those rows are checked against the double reference, not bit for bit against
/// another batch (<see cref="XPanelLayerTests"/>, <see cref="PanelRestRowsTests"/>).
/// </summary>
internal static class XPanelDotRest
{
    /// <summary>
    /// The rows at the end of a batch that the x panel computes as dot products on the SIMD path this process takes
    /// (mirrors <c>KernelPlanner.XPanelDotRestRows</c> and <c>PlanSwapped</c>: on Vector512 blocks of 2–4 vectors of rows,
    /// the rows after the whole vectors up to <c>XPanelTallDotSixteenths</c>; on Vector256 3 eighths of a block of two vectors of rows, less one; none on
    /// Vector128 and scalar; batches up to 3/4 of the outputs on Vector512 where W's 4+ panels halve evenly, else half, a quarter on Vector256).
    /// </summary>
    public static int Rows<T>(int batch, int inputs, int outputs)
        where T : struct
    {
        int lanes = Lanes<T>();
        if (lanes == 0 || inputs % lanes != 0 || outputs % Math.Max(lanes, 4) != 0)
        {
            return 0;
        }

        if (Vector512.IsHardwareAccelerated)
        {
            // Blocks of 2–4 vectors: the rest after the whole vectors by dot products up to 10 sixteenths of a vector where
            // W is at least 512 KB, else 6; any rest at two whole vectors; at three whole vectors (W at least 512 KB) any rest
            // that two blocks of two would compute with more than 1/8 of a vector in vain; but (float) a rest of 13 sixteenths
            // or more at two whole vectors, or at three where W is at least 512 KB (blocks of four), takes a padded last
            // block instead (KernelPlanner.XPanelPaddedFromSixteenths).
            bool large = inputs * outputs * Unsafe.SizeOf<T>() >= 512 * 1024;
            int dots = lanes * (large ? 10 : 6) / 16, tail = batch % lanes, vain = lanes / 8;
            int padded = typeof(T) == typeof(float) ? lanes * 13 / 16 : int.MaxValue;
            bool pads = tail >= padded && (batch / lanes == 2 || (large && batch / lanes == 3));
            bool byDots = !pads && (tail <= dots || batch < 3 * lanes || (large && batch < 4 * lanes && lanes - tail > vain));
            // Up to 3/4 of the outputs where W has 4 or more panels (two vectors of outputs each) that halve evenly, else half.
            int columns512 = 2 * lanes, panels = (outputs / columns512) + (outputs % columns512 != 0 ? 1 : 0);
            int units = outputs % columns512 != 0 ? panels - 1 : panels;
            bool halve = outputs / columns512 >= 4 && units >= 2 && (panels - (panels / 2)) * 32 <= 17 * panels;
            return batch >= 2 * lanes && batch <= (halve ? outputs * 3 / 4 : outputs / 2) && byDots ? tail : 0;
        }

        int columns = 2 * lanes, rest = batch % columns;
        return batch >= columns && batch <= outputs / 4 && rest <= (columns * 3 / 8) - 1 ? rest : 0;
    }

    /// <summary>Lanes of the path's vectors where the dot products are planned (Vector512, Vector256), else 0.</summary>
    private static int Lanes<T>()
        where T : struct =>
        Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256.IsHardwareAccelerated ? Vector256<T>.Count : 0;
}
