using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// Names derived from where a declaration lives: hint names (the generated files' names) and kernel class names.
/// </summary>
/// <remarks>
/// A hint name may hold only a few characters (Roslyn rejects the whole generator run, CS8785, for any other, e.g. the
/// '@' of <c>namespace @event</c>), and Roslyn compares hint names ignoring case. So every name part goes through
/// <see cref="HintPart"/>, an injective encoding into letters, digits, '_' and '-', and
/// <see cref="MakeUnique"/> separates names that differ only in case.
/// </remarks>
internal static class GeneratedNames
{
    /// <summary>
    /// <c>Namespace.Outer+Inner{T}</c>: the namespace, then the nested type chain with '+' and type parameters in braces,
    /// so the same type name in two namespaces, nested types and generic arities never collide.
    /// </summary>
    public static string HintPrefix(string ns, EquatableArray<ContainingType> types)
    {
        string chain = string.Join("+", types.Select(t => TypeHintPart(t.Name)));
        return ns.Length == 0 ? chain : string.Join(".", ns.Split('.').Select(HintPart)) + "." + chain;
    }

    /// <summary>
    /// A layer's file: <c>Namespace.Type.Method.float.g.cs</c> for <c>[SigmoidLayer]</c>; a backward pass or training
    /// step adds its kind and parameter count, <c>Method(Backward,7)</c>, so overloads of one name never share a file.
    /// </summary>
    public static string HintName(LayerSpec spec)
    {
        LayerDeclaration declaration = spec.Declaration;
        string kind = spec.Shape.Kind switch
        {
            LayerKind.Forward => string.Empty,
            LayerKind.Backward => $"(Backward,{declaration.ParameterNames.Count})",
            _ => $"(TrainStep,{declaration.ParameterNames.Count})",
        };
        return $"{HintPrefix(declaration.Namespace, declaration.ContainingTypes)}.{HintPart(declaration.MethodName)}{kind}.{spec.Shape.ElementName}.g.cs";
    }

    /// <summary>A shared network kernel's file: <c>SigmoidGen.Generated.Kernels_float_30x16_Forward_1a2b3c4d5e6f7a8b.g.cs</c> (no user's file ends so: theirs end in <c>.Network.g.cs</c> or the element name).</summary>
    public static string HintName(Planning.SharedKernel kernel) => $"SigmoidGen.Generated.{kernel.ClassName}.g.cs";

    /// <summary>A network's file: <c>Namespace.Type.Network.g.cs</c>.</summary>
    public static string HintName(NetworkSpec spec) => HintPrefix(spec.Namespace, spec.ContainingTypes) + ".Network.g.cs";

    /// <summary>
    /// One identifier in a hint name: without its '@' escape (an identifier never holds '@' otherwise), ASCII letters,
    /// digits and '_' as they are, any other character (a non-ASCII letter, a combining mark, a connector) as
    /// <c>-XXXX</c>, its UTF-16 code in hexadecimal. Injective: '-' appears in no identifier.
    /// </summary>
    public static string HintPart(string identifier)
    {
        var text = new StringBuilder(identifier.Length);
        foreach (char ch in identifier.StartsWith("@", StringComparison.Ordinal) ? identifier.Substring(1) : identifier)
        {
            if (ch is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')
            {
                text.Append(ch);
            }
            else
            {
                text.Append('-').Append(((int)ch).ToString("X4"));
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The generated files with hint names unique ignoring case, in a stable order. A name shared (ignoring case) by
    /// several files gets, for each, a suffix made from the exact name (its case pattern), so it does not depend on
    /// which other files exist; files are sorted by their exact name first.
    /// </summary>
    public static IEnumerable<GeneratedFile> MakeUnique(IEnumerable<GeneratedFile> files)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (IGrouping<string, GeneratedFile> group in files
            .OrderBy(f => f.HintName, StringComparer.Ordinal)
            .GroupBy(f => f.HintName, StringComparer.OrdinalIgnoreCase))
        {
            bool shared = group.Skip(1).Any();
            foreach (GeneratedFile file in group)
            {
                string stem = file.HintName.Substring(0, file.HintName.Length - ".g.cs".Length);
                string name = shared ? $"{stem}.{CasePattern(file.HintName)}.g.cs" : file.HintName;
                for (int n = 2; !used.Add(name); n++)
                {
                    name = $"{stem}.{CasePattern(file.HintName)}-{n}.g.cs"; // The same exact name twice: numbered.
                }

                yield return name == file.HintName ? file : file with { HintName = name };
            }
        }
    }

    /// <summary><c>Outer_Inner</c>: the type chain as one identifier (unique within its file, where kernel classes live).</summary>
    public static string Identifier(EquatableArray<ContainingType> types) =>
        string.Join("_", types.Select(t => new string(t.Name.TakeWhile(ch => ch != '<').Where(ch => ch != '@').ToArray())));

    /// <summary><c>Cache&lt;@event, U&gt;</c> → <c>Cache{event,U}</c>.</summary>
    private static string TypeHintPart(string name)
    {
        int open = name.IndexOf('<');
        if (open < 0)
        {
            return HintPart(name);
        }

        IEnumerable<string> parameters = name.Substring(open + 1, name.Length - open - 2).Split(',').Select(p => HintPart(p.Trim()));
        return HintPart(name.Substring(0, open)) + "{" + string.Join(",", parameters) + "}";
    }

    /// <summary>Which letters of the name are upper case, as hexadecimal bits, e.g. "F" → "c1", "f" → "c0".</summary>
    private static string CasePattern(string name)
    {
        var bits = new StringBuilder("c");
        int nibble = 0, count = 0;
        foreach (char ch in name.Where(char.IsLetter))
        {
            nibble = (nibble << 1) | (char.IsUpper(ch) ? 1 : 0);
            if (++count == 4)
            {
                bits.Append(nibble.ToString("x"));
                nibble = count = 0;
            }
        }

        return count > 0 ? bits.Append(nibble.ToString("x")).ToString() : bits.ToString();
    }
}
