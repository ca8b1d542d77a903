namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// C# text for operations on one vector width (or on scalars when <see cref="Bits"/> is 0), so that emitters print
/// the same kernel shape for every width.
/// </summary>
internal sealed class VectorText
{
    public VectorText(int bits, string element, bool generic = false)
    {
        Bits = bits;
        Element = element;
        IsGeneric = generic && bits != 0;
    }

    public int Bits { get; }

    public string Element { get; }

    public bool IsScalar => Bits == 0;

    /// <summary>
    /// Whether the text is for a body generic over the width (<c>&lt;K, V&gt; where K : struct, IKernelVector&lt;V, T&gt;</c>):
    /// <c>V</c> for the vector type and <c>K.Load</c>, <c>K.MultiplyAdd</c>, … for the operations, which the JIT inlines
    /// per instantiation (see <c>SigmoidGen.Internal.IKernelVector</c>).
    /// </summary>
    public bool IsGeneric { get; }

    public string Type => IsScalar ? Element : IsGeneric ? "V" : $"Vector{Bits}<{Element}>";

    public string Zero => IsScalar ? "0" : IsGeneric ? "K.Zero" : $"{Type}.Zero";

    public string One => IsScalar ? "1" : $"{Type}.One";

    /// <summary>The width struct of <see cref="Bits"/> and <see cref="Element"/>: <c>F256</c>, <c>D512</c>, …</summary>
    public string WidthStruct => $"{(Element == "float" ? "F" : "D")}{Bits}";

    /// <summary>The type arguments that instantiate a generic body for this width: <c>&lt;F256, Vector256&lt;float&gt;&gt;</c>.</summary>
    public string TypeArguments => $"<{WidthStruct}, Vector{Bits}<{Element}>>";

    /// <summary>The constraints of a body generic over the width of <paramref name="element"/>.</summary>
    public static string Constraints(string element) => $" where K : struct, IKernelVector<V, {element}> where V : struct";

    public string Load(string reference, string offset) =>
        IsScalar ? $"Unsafe.Add(ref {reference}, {offset})" : IsGeneric ? $"K.Load(ref {reference}, {offset})" : $"Vector{Bits}.LoadUnsafe(ref {reference}, {offset})";

    public string Store(string value, string reference, string offset) =>
        IsScalar ? $"Unsafe.Add(ref {reference}, {offset}) = {value};" : IsGeneric ? $"K.Store({value}, ref {reference}, {offset});" : $"({value}).StoreUnsafe(ref {reference}, {offset});";

    public string Broadcast(string scalar) => IsScalar ? scalar : IsGeneric ? $"K.Create({scalar})" : $"Vector{Bits}.Create({scalar})";

    public string MultiplyAdd(string a, string b, string c) => IsScalar ? $"({a} * {b}) + {c}" : IsGeneric ? $"K.MultiplyAdd({a}, {b}, {c})" : $"VectorOps.MultiplyAdd({a}, {b}, {c})";

    public string Add(string a, string b) => IsGeneric ? $"K.Add({a}, {b})" : $"{a} + {b}";

    /// <summary>The sigmoid of <paramref name="x"/>: <paramref name="sigmoid"/> (<c>SigmoidMath.Sigmoid</c> or <c>SigmoidMath.SigmoidFast</c>), or its width struct's member in a generic body.</summary>
    public string Sigmoid(string sigmoid, string x) => IsGeneric ? $"K.{sigmoid.Substring(sigmoid.LastIndexOf('.') + 1)}({x})" : $"{sigmoid}({x})";

    /// <summary>A constant mask whose last <paramref name="tailLanes"/> of <paramref name="lanes"/> lanes are all ones.</summary>
    public string Mask(int lanes, int tailLanes)
    {
        bool isFloat = Element == "float";
        var parts = new string[lanes];
        for (int i = 0; i < lanes; i++)
        {
            parts[i] = i >= lanes - tailLanes ? (isFloat ? "-1" : "-1L") : (isFloat ? "0" : "0L");
        }

        return $"Vector{Bits}.Create({string.Join(", ", parts)}).{(isFloat ? "AsSingle" : "AsDouble")}()";
    }
}
