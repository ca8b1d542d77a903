using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Planning;

/// <summary>
/// When a layer is too large to specialise (SGEN013) and gets the plain loop version instead, and the length of its
/// packed weights: one rule, used by both parsers (layer methods and networks) to report and by the planners through
/// the shape's <see cref="LayerShape.PlainReason"/>.
/// </summary>
internal static class SizeLimits
{
    /// <summary>Above this many weights the layer is memory-bound and gets the plain loop version (SGEN013).</summary>
    public const long MaxSpecialisedWeights = 1L << 24;

    /// <summary>
    /// The backward kernels keep the output gradients of a few rows on the stack; above this many outputs they would not
    /// fit, and the backward pass gets the plain loop version (SGEN013).
    /// </summary>
    public const int MaxBackwardOutputs = 8192;

    /// <summary>
    /// Why a layer of <paramref name="inputs"/> → <paramref name="outputs"/> is too large to specialise, as the end of a
    /// sentence ("… has " or the subject goes before it), or null when it is not.
    /// </summary>
    /// <param name="inputs">Inputs of the layer.</param>
    /// <param name="outputs">Outputs of the layer.</param>
    /// <param name="backward">Whether a backward pass is generated for it (the outputs limit applies then).</param>
    public static string? PlainReason(int inputs, int outputs, bool backward)
    {
        long weights = (long)inputs * outputs;
        return weights > MaxSpecialisedWeights
            ? $"{weights} weights, more than {MaxSpecialisedWeights}, so streaming them from memory dominates"
            : backward && outputs > MaxBackwardOutputs
                ? $"{outputs} outputs, more than the {MaxBackwardOutputs} whose gradients the backward kernels keep on the stack"
                : null;
    }

    /// <summary>
    /// Elements of the weights of a layer declared with <c>PackedWeights = true</c> as <c>SigmoidPacking.Pack</c> returns
    /// them (<see cref="PackedLayout"/>), or null when they are not packed (fewer outputs than a unit).
    /// </summary>
    public static long? PackedLength(int inputs, int outputs, ElementKind element) =>
        PackedLayout.For(inputs, outputs, element)?.Length;
}
