using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SigmoidGen.Generator.Diagnostics;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Parsing;

/// <summary>
/// The C# version generated code needs: C# 11, for its file-local kernel classes (<c>file static class</c>) and, in
/// networks, the static abstract members of <c>ISigmoidNetwork&lt;T&gt;</c>. Below it the generated files would fail with
/// dozens of errors, so the declaration gets one diagnostic on its attribute and nothing is generated.
/// </summary>
internal static class LanguageRequirement
{
    public const LanguageVersion Minimum = LanguageVersion.CSharp11;

    /// <summary>The diagnostic to report for a declaration in <paramref name="tree"/>, or null when its C# is recent enough.</summary>
    public static DiagnosticInfo? Check(SyntaxTree tree, Location attributeLocation) =>
        tree.Options is CSharpParseOptions { LanguageVersion: var version } && version < Minimum
            ? DiagnosticInfo.Create(Descriptors.LanguageVersionTooOld, attributeLocation, new object?[] { version.ToDisplayString() })
            : null;
}
