namespace SigmoidGen.Generator.Model;

/// <summary>
/// Where and how the user declared a layer method: what the generated partial method must repeat, and what its
/// comments quote. The kernels never read it (see <see cref="LayerShape"/>).
/// </summary>
/// <param name="Namespace">The namespace, or empty for the global one.</param>
/// <param name="ContainingTypes">The types around the method, outermost first.</param>
/// <param name="MethodModifiers">The method's modifiers other than <c>partial</c>.</param>
/// <param name="MethodName">The method's name, escaped when it is a keyword.</param>
/// <param name="ParameterNames">The parameters' names, escaped when they are keywords.</param>
/// <param name="ParameterModifiers">Per parameter, <c>"scoped "</c> or empty.</param>
/// <param name="AttributeText">The attribute as written, on one line.</param>
internal sealed record LayerDeclaration(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string MethodModifiers,
    string MethodName,
    EquatableArray<string> ParameterNames,
    EquatableArray<string> ParameterModifiers,
    string AttributeText)
{
    /// <summary>Name of the type chain and method, e.g. <c>Outer.Scorer.Hidden</c>.</summary>
    public string DisplayName
    {
        get
        {
            var parts = new System.Collections.Generic.List<string>();
            foreach (ContainingType type in ContainingTypes)
            {
                parts.Add(type.Name);
            }

            parts.Add(MethodName);
            return string.Join(".", parts);
        }
    }
}
