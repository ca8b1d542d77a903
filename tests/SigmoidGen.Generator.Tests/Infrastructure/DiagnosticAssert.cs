using Microsoft.CodeAnalysis;

namespace SigmoidGen.Generator.Tests.Infrastructure;

/// <summary>Assertions about where diagnostics land: on the user's code, never in a generated file.</summary>
internal static class DiagnosticAssert
{
    /// <summary>
    /// The generator reports exactly one diagnostic, <paramref name="id"/>, whose message contains
    /// <paramref name="messagePart"/> and whose location covers exactly <paramref name="locationText"/> in the user's file;
    /// nothing the generator added fails to compile.
    /// </summary>
    public static void Single(string source, string id, string locationText, string messagePart)
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(source);
        Assert.Null(result.Results[0].Exception);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(messagePart, diagnostic.GetMessage());
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Equal("User.cs", diagnostic.Location.SourceTree!.FilePath);
        Assert.Equal(locationText, diagnostic.Location.SourceTree.GetText().ToString(diagnostic.Location.SourceSpan));
        ErrorsOnlyInUserCode(result, output);
    }

    /// <summary>
    /// No generator exception, no diagnostic of any severity in a generated file, and when the compilation has errors, at
    /// least one of them (the compiler's or the generator's) is on the user's code.
    /// </summary>
    public static void ErrorsOnlyInUserCode(GeneratorDriverRunResult result, Compilation output)
    {
        Assert.Null(result.Results[0].Exception);
        var generated = result.GeneratedTrees.ToHashSet();
        Diagnostic[] all = output.GetDiagnostics().Concat(result.Diagnostics).ToArray();
        Assert.DoesNotContain(all, d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generated.Contains(tree));
        Assert.DoesNotContain(all, d => d.Id is "CS8785" or "AD0001");
        if (all.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Assert.Contains(all, d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && !generated.Contains(tree));
        }
    }
}
