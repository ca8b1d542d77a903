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
    /// (mirrors <c>KernelPlanner.XPanelDotRestRows</c> and <c>PlanSwapped</c>: 5 eighths of a block of two vectors of rows
    /// on Vector512, less one; 3 on Vector256; none on Vector128 and scalar; batches up to half the outputs on Vector512, a
    /// quarter on Vector256).
    /// </summary>
    public static int Rows<T>(int batch, int inputs, int outputs)
        where T : struct
    {
        int lanes = Lanes<T>();
        if (lanes == 0 || inputs % lanes != 0 || outputs % Math.Max(lanes, 4) != 0)
        {
            return 0;
        }

        bool wide = Vector512.IsHardwareAccelerated;
        int columns = 2 * lanes, dots = (columns * (wide ? 5 : 3) / 8) - 1, rest = batch % columns;
        return batch >= columns && batch <= outputs / (wide ? 2 : 4) && rest <= dots ? rest : 0;
    }

    /// <summary>Lanes of the path's vectors where the dot products are planned (Vector512, Vector256), else 0.</summary>
    private static int Lanes<T>()
        where T : struct =>
        Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256.IsHardwareAccelerated ? Vector256<T>.Count : 0;
}
