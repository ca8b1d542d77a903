using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SigmoidGen.Generator.Parsing;

/// <summary>
/// The members the generator adds to a <c>[SigmoidNetwork]</c> class, and the rule that says when one of the user's
/// members (or inherited members, or the class's own name) takes one of their names (SGEN017; docs/diagnostics.md):
/// <list type="bullet">
/// <item>any member that is not a method, or any method, named like a generated constant or property;</item>
/// <item>any member that is not a method named like a generated method;</item>
/// <item>a non-generic method named like a generated method with the same parameter types, none ref/in/out;</item>
/// <item>any member whose name starts with <see cref="PrivatePrefix"/>, the prefix of every generated private member.</item>
/// </list>
/// Keep this table in step with NetworkEmitter: a generated member missing here gives CS0102 inside the generated file
/// instead of SGEN017 on the user's member.
/// </summary>
internal static class NetworkMemberNames
{
    /// <summary>Prefix of every private field and helper the generator adds.</summary>
    public const string PrivatePrefix = "_sg";

    /// <summary>
    /// Generated methods: name, then parameter types, where <c>T</c> is the network's element type and a type's
    /// namespace is implied (see <see cref="Canonical"/>).
    /// </summary>
    private static readonly string[][] Methods =
    {
        new[] { "Initialize", "int" },
        new[] { "Predict", "ReadOnlySpan<T>", "Span<T>" },
        new[] { "PredictClasses", "ReadOnlySpan<T>", "Span<int>" },
        new[] { "TrainStep", "ReadOnlySpan<T>", "ReadOnlySpan<T>", "T" },
        new[] { "TrainStep", "ReadOnlySpan<T>", "ReadOnlySpan<T>", "SigmoidSgd" },
        new[] { "TrainStep", "ReadOnlySpan<T>", "ReadOnlySpan<T>", "SigmoidAdam" },
        new[] { "Loss", "ReadOnlySpan<T>", "ReadOnlySpan<T>" },
        new[] { "Accuracy", "ReadOnlySpan<T>", "ReadOnlySpan<T>", "T" },
        new[] { "ClassAccuracy", "ReadOnlySpan<T>", "ReadOnlySpan<int>" },
        new[] { "Save", "Stream" },
        new[] { "Save", "string" },
        new[] { "Load", "Stream" },
        new[] { "Load", "string" },
        new[] { "SaveSafetensors", "Stream", "SafetensorsLayout?" },
        new[] { "SaveSafetensors", "string", "SafetensorsLayout?" },
        new[] { "LoadSafetensors", "Stream", "SafetensorsLayout?" },
        new[] { "LoadSafetensors", "string", "SafetensorsLayout?" },
    };

    /// <summary>The methods generated only on a network compiled from a model (<c>[SigmoidNetwork(Model = "…")]</c>).</summary>
    private static readonly string[][] CompiledMethods =
    {
        new[] { "Reset" },
    };

    /// <summary>Namespaces of the types the generated methods take, for <see cref="Canonical"/>.</summary>
    private static readonly Dictionary<string, string> Namespaces = new(StringComparer.Ordinal)
    {
        ["ReadOnlySpan"] = "System",
        ["Span"] = "System",
        ["Stream"] = "System.IO",
        ["SigmoidSgd"] = "SigmoidGen",
        ["SigmoidAdam"] = "SigmoidGen",
        ["SafetensorsLayout"] = "SigmoidGen",
    };

    /// <summary>How a parameter type of the user's is written for comparison: <c>System.ReadOnlySpan&lt;float&gt;</c>.</summary>
    private static readonly SymbolDisplayFormat TypeFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>The constants and properties: <c>InputCount</c>, …, <c>Layer{k}Weights</c>, <c>Layer{k}Bias</c>, <c>Sizes</c>, ….</summary>
    public static IEnumerable<string> NonMethods(int layerCount) =>
        new[] { "InputCount", "OutputCount", "LayerCount", "ParameterCount" }
            .Concat(Enumerable.Range(0, layerCount).SelectMany(k => new[] { $"Layer{k}Weights", $"Layer{k}Bias" }))
            .Concat(new[] { "Sizes", "LayerSizes", "Parameters" });

    /// <summary>Whether <paramref name="name"/> is the name of a generated member of any kind.</summary>
    /// <param name="compiled">Whether the network is compiled from a model, which adds <c>Reset()</c>.</param>
    public static bool IsGenerated(string name, int layerCount, bool compiled = false) =>
        name.StartsWith(PrivatePrefix, StringComparison.Ordinal) || NonMethods(layerCount).Contains(name) || AllMethods(compiled).Any(m => m[0] == name);

    /// <summary>The generated methods: every network's, plus <c>Reset()</c> on a compiled one.</summary>
    private static IEnumerable<string[]> AllMethods(bool compiled) => compiled ? Methods.Concat(CompiledMethods) : Methods;

    /// <summary>
    /// The generated member that <paramref name="member"/> clashes with, as the user should read it (e.g.
    /// <c>'Predict(ReadOnlySpan&lt;T&gt;, Span&lt;T&gt;)'</c>), or null when it does not.
    /// </summary>
    /// <param name="element">The network's element type keyword, <c>float</c> or <c>double</c>; null when unknown.</param>
    /// <param name="compiled">Whether the network is compiled from a model, which adds <c>Reset()</c>.</param>
    public static string? Clash(ISymbol member, string? element, int layerCount, bool compiled = false)
    {
        string[][] methods = AllMethods(compiled).ToArray();
        string name = member.Name;
        if (name.StartsWith(PrivatePrefix, StringComparison.Ordinal))
        {
            return $"the generated private members, whose names all start with '{PrivatePrefix}'";
        }

        if (NonMethods(layerCount).Contains(name))
        {
            return $"the generated member '{name}'";
        }

        if (member is not IMethodSymbol method)
        {
            string[]? generated = methods.FirstOrDefault(m => m[0] == name);
            return generated is null ? null : $"the generated method{(methods.Count(m => m[0] == name) > 1 ? "s" : string.Empty)} '{name}'";
        }

        if (method.MethodKind != MethodKind.Ordinary || method.Arity != 0 || element is null)
        {
            return null; // Accessors, operators, explicit implementations; a generic method is another signature.
        }

        string[]? same = methods.FirstOrDefault(m =>
            m[0] == name && m.Length - 1 == method.Parameters.Length &&
            method.Parameters.Select((p, i) => p.RefKind == RefKind.None && SameType(p.Type, Canonical(m[i + 1], element))).All(x => x));
        return same is null ? null : $"the generated method '{name}({string.Join(", ", same.Skip(1))})'";
    }

    /// <summary><c>ReadOnlySpan&lt;T&gt;</c> with T = float → <c>System.ReadOnlySpan&lt;float&gt;</c>; <c>int</c> stays.</summary>
    private static string Canonical(string type, string element)
    {
        string text = type == "T" ? element : type.Replace("<T>", "<" + element + ">");
        int end = text.IndexOfAny(new[] { '<', '?' });
        string simple = end < 0 ? text : text.Substring(0, end);
        return Namespaces.TryGetValue(simple, out string? ns) ? ns + "." + text : text;
    }

    /// <summary>
    /// Whether the user's parameter type is the generated one. A nullable annotation on a reference type does not make
    /// another signature (<c>SafetensorsLayout?</c> and <c>SafetensorsLayout</c> are the same class); on a struct it does.
    /// </summary>
    private static bool SameType(ITypeSymbol type, string canonical)
    {
        string text = type.ToDisplayString(TypeFormat);
        return text == canonical || (type.IsReferenceType && canonical.EndsWith("?", StringComparison.Ordinal) && text == canonical.TrimEnd('?'));
    }
}
