using System.Linq;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Emitting;

/// <summary>Names derived from where a declaration lives: hint names and kernel class names.</summary>
internal static class GeneratedNames
{
    /// <summary>
    /// <c>Namespace.Outer+Inner{T}</c>: the namespace, then the nested type chain with '+' and type parameters in braces,
    /// so the same type name in two namespaces, nested types and generic arities never collide.
    /// </summary>
    public static string HintPrefix(string ns, EquatableArray<ContainingType> types)
    {
        string chain = string.Join("+", types.Select(t => t.Name.Replace("@", string.Empty).Replace("<", "{").Replace(">", "}").Replace(", ", ",")));
        return ns.Length == 0 ? chain : ns + "." + chain;
    }

    /// <summary><c>Outer_Inner</c>: the type chain as one identifier (unique within its file, where kernel classes live).</summary>
    public static string Identifier(EquatableArray<ContainingType> types) =>
        string.Join("_", types.Select(t => new string(t.Name.TakeWhile(ch => ch != '<').Where(ch => ch != '@').ToArray())));
}
