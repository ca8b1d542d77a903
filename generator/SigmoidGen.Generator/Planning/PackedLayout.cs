using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// The packed weight layout of a layer declared with <c>PackedWeights = true</c>, as <c>SigmoidPacking.Pack</c> writes
/// it: units of <see cref="Unit"/> consecutive outputs (a cache line: 16 floats, 8 doubles), each stored input-major,
/// <c>packed[(p·inputs + i)·Unit + c] = W[(start(p) + c)·inputs + i]</c>, with <c>start(p) = min(p·Unit, outputs −
/// Unit)</c>: the last unit ends at the last output and overlaps the previous one when the outputs are not a multiple of
/// the unit. The same layout on every SIMD path: a Vector256 panel of <c>Columns</c> outputs is one unit, whose weights
/// for one input are one cache line; a Vector128 panel is half a unit (row stride <see cref="Unit"/>); a Vector512
/// panel is two consecutive units, read <see cref="UnitLength"/> apart. Layers with fewer outputs than a unit are not
/// packed at all: their packed form is the weights unchanged.
/// </summary>
/// <param name="Unit">Outputs per unit.</param>
/// <param name="Inputs">Inputs of the layer.</param>
/// <param name="Outputs">Outputs of the layer (at least <see cref="Unit"/>).</param>
internal sealed record PackedLayout(int Unit, int Inputs, int Outputs)
{
    /// <summary>Bytes per unit row: one cache line.</summary>
    public const int UnitBytes = 64;

    /// <summary>The layout of a packed layer, or null when its weights stay as they are (fewer outputs than a unit).</summary>
    public static PackedLayout? For(int inputs, int outputs, ElementKind element)
    {
        int unit = UnitBytes / (element == ElementKind.Float ? 4 : 8);
        return outputs < unit ? null : new PackedLayout(unit, inputs, outputs);
    }

    /// <summary>The layout of the weights of <paramref name="shape"/>, or null when they are row-major (not declared
    /// <c>PackedWeights</c>, or too few outputs to pack: then the packed form is the weights unchanged).</summary>
    public static PackedLayout? Of(LayerShape shape) =>
        shape.PackedWeights ? For(shape.Inputs, shape.Outputs, shape.Element) : null;

    /// <summary>Units starting at 0, Unit, 2·Unit…</summary>
    public int FullUnits => Outputs / Unit;

    /// <summary>Whether one more unit ends at the last output, overlapping the previous one.</summary>
    public bool TailUnit => Outputs % Unit != 0;

    public int Units => FullUnits + (TailUnit ? 1 : 0);

    /// <summary>Elements of the packed weights.</summary>
    public long Length => (long)Units * Unit * Inputs;

    /// <summary>Elements between the starts of two units.</summary>
    public int UnitLength => Unit * Inputs;
}
