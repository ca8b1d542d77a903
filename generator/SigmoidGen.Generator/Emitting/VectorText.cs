namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// C# text for operations on one vector width (or on scalars when <see cref="Bits"/> is 0), so that emitters print
/// the same kernel shape for every width.
/// </summary>
internal sealed class VectorText
{
    public VectorText(int bits, string element)
    {
        Bits = bits;
        Element = element;
    }

    public int Bits { get; }

    public string Element { get; }

    public bool IsScalar => Bits == 0;

    public string Type => IsScalar ? Element : $"Vector{Bits}<{Element}>";

    public string Zero => IsScalar ? "0" : $"{Type}.Zero";

    public string One => IsScalar ? "1" : $"{Type}.One";

    public string Load(string reference, string offset) =>
        IsScalar ? $"Unsafe.Add(ref {reference}, {offset})" : $"Vector{Bits}.LoadUnsafe(ref {reference}, {offset})";

    public string Store(string value, string reference, string offset) =>
        IsScalar ? $"Unsafe.Add(ref {reference}, {offset}) = {value};" : $"({value}).StoreUnsafe(ref {reference}, {offset});";

    public string Broadcast(string scalar) => IsScalar ? scalar : $"Vector{Bits}.Create({scalar})";

    public string MultiplyAdd(string a, string b, string c) => IsScalar ? $"({a} * {b}) + {c}" : $"VectorOps.MultiplyAdd({a}, {b}, {c})";

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
