using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SigmoidGen.Generator.Tests.Infrastructure;

namespace SigmoidGen.Generator.Tests;

/// <summary>
/// Declarations a hostile (or merely unusual) user wrote that once crashed the generator (CS8785, which drops every
/// generated file of the project) or produced errors inside generated code. Each must now either compile, or give one
/// SGEN diagnostic located on the user's code and nothing generated for that declaration.
/// </summary>
public class HostileInputTests
{
    private const string Signature = "(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);";

    [Theory]
    [InlineData("namespace @event { public static partial class S { [SigmoidLayer(30, 16)] public static partial void F" + Signature + " } }")]
    [InlineData("namespace @class { public static partial class S { [SigmoidLayer(3, 2)] public static partial void F" + Signature + " } }")]
    [InlineData("namespace @class { [SigmoidNetwork(3, 2, 1)] public partial class Net { } }")]
    [InlineData("namespace @class.@event.record { [SigmoidNetwork(3, 2, 1)] public partial class @async { } }")]
    [InlineData("namespace A { public static partial class @class { [SigmoidLayer(3, 2)] public static partial void @event" + Signature + " } }")]
    [InlineData("namespace A { public partial class @class<@event> { [SigmoidLayer(3, 2)] public static partial void F" + Signature + " } }")]
    [InlineData("namespace @namespace; public static partial class @static { public partial class @record { [SigmoidLayerBackward(3, 2)] public static partial void @void(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db); } }")]
    [InlineData("namespace Ünï.Çødé { public static partial class Ωmega { [SigmoidLayer(3, 2)] public static partial void Café\u0301" + Signature + " } }")]
    [InlineData("namespace A { public static partial class S\u0332 { [SigmoidLayer(3, 2)] public static partial void F\u00AD_\u203F" + Signature + " } }")]
    public void EscapedAndUnusualIdentifiersCompile(string declaration)
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run("using System;\nusing SigmoidGen;\n" + declaration);
        Assert.Null(result.Results[0].Exception);
        Assert.Empty(result.Diagnostics);
        Assert.NotEmpty(result.GeneratedTrees);
        Assert.Empty(GeneratorHarness.CompilationProblems(output));
    }

    [Fact]
    public void MethodsDifferingOnlyInCaseOrKindGetDistinctFiles()
    {
        // Roslyn compares hint names ignoring case: 'F' and 'f' once collided (CS8785), as did a forward and a backward
        // overload of one name and element type, and a method carrying two layer attributes.
        string source = $$"""
            using System;
            using SigmoidGen;

            public static partial class Layers
            {
                [SigmoidLayer(3, 2)] public static partial void F{{Signature}}
                [SigmoidLayer(3, 2)] public static partial void f{{Signature}}
                [SigmoidLayerBackward(3, 2)] public static partial void F(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db);
                [SigmoidLayerBackward(3, 2)] public static partial void F(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);
                [SigmoidLayerTrainStep(3, 2)] public static partial void F(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float rate);
            }

            public static partial class layers
            {
                [SigmoidLayer(3, 2)] public static partial void F{{Signature}}
            }

            namespace N { [SigmoidNetwork(3, 2)] public partial class Net { } }
            namespace n { [SigmoidNetwork(3, 2)] public partial class Net { } }
            """;
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(source);
        Assert.Null(result.Results[0].Exception);
        Assert.Empty(result.Diagnostics);
        string[] names = result.Results[0].GeneratedSources.Select(s => s.HintName).ToArray();
        // Six layer files, two network files, and the two networks' shared kernel classes (3 → 2: forward, training) once.
        Assert.Equal(8, names.Count(n => !n.StartsWith("SigmoidGen.Generated.Kernels_", StringComparison.Ordinal)));
        Assert.Equal(2, names.Count(n => n.StartsWith("SigmoidGen.Generated.Kernels_", StringComparison.Ordinal)));
        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        DiagnosticAssert.ErrorsOnlyInUserCode(result, output); // The user's 'layers' warns (CS8981); the generated one must not.
    }

    [Theory]
    [InlineData("[SigmoidNetwork(null)] public partial class Net { }", "null", "a null array of sizes")]
    [InlineData("[SigmoidNetwork((int[])null)] public partial class Net { }", "(int[])null", "a null array of sizes")]
    [InlineData("[SigmoidNetwork(null!)] public partial class Net { }", "null!", "a null array of sizes")]
    [InlineData("[SigmoidNetwork(new int[0])] public partial class Net { }", "SigmoidNetwork(new int[0])", "declares no sizes")]
    [InlineData("[SigmoidNetwork] public partial class Net { }", "SigmoidNetwork", "declares no sizes")]
    public void NullOrEmptySizesAreReportedOnTheAttribute(string declaration, string locationText, string messagePart) =>
        DiagnosticAssert.Single("using SigmoidGen;\n" + declaration, "SGEN015", locationText, messagePart);

    [Theory]
    [InlineData("[SigmoidNetwork(3, 2, ElementType = null)] public partial class Net { }", "ElementType = null", "Element type 'null' of network class 'Net' is not supported")]
    [InlineData("[SigmoidNetwork(3, 2, ElementType = typeof(int))] public partial class Net { }", "ElementType = typeof(int)", "Element type 'int' of network class 'Net' is not supported")]
    [InlineData("[SigmoidNetwork(3, 2, ElementType = typeof(float[]))] public partial class Net { }", "ElementType = typeof(float[])", "Element type 'float[]'")]
    [InlineData("[SigmoidNetwork(3, 2, ElementType = typeof(System.Half))] public partial class Net { }", "ElementType = typeof(System.Half)", "Element type 'System.Half'")]
    [InlineData("[SigmoidNetwork(3, 2, ElementType = typeof(System.Collections.Generic.List<>))] public partial class Net { }", "ElementType = typeof(System.Collections.Generic.List<>)", "Element type 'System.Collections.Generic.List<>'")]
    [InlineData("[SigmoidNetwork(3, 2, ElementType = (System.Type)null)] public partial class Net { }", "ElementType = (System.Type)null", "Element type 'null'")]
    public void ElementTypeOtherThanFloatOrDoubleIsReported(string declaration, string locationText, string messagePart) =>
        DiagnosticAssert.Single("using SigmoidGen;\n" + declaration, "SGEN007", locationText, messagePart);

    [Theory]
    [InlineData("[SigmoidNetwork(3, 2, Precision = (SigmoidPrecision)(-1))] public partial class Net { }", "SGEN011", "Precision = (SigmoidPrecision)(-1)", "Precision value -1 is not defined")]
    [InlineData("[SigmoidNetwork(3, -2)] public partial class Net { }", "SGEN010", "-2", "'sizes[1]' is -2")]
    [InlineData("[SigmoidNetwork(new[] { 3, 0 })] public partial class Net { }", "SGEN010", "0", "'sizes[1]' is 0")]
    [InlineData("[SigmoidNetwork((int)3.9, (short)2)] public partial class Net { }", null, null, null)]
    [InlineData("[SigmoidNetwork(3, 2, ElementType = typeof(double))] public partial record Net { }", null, null, null)]
    [InlineData("[SigmoidNetwork(3, 2)] public partial record struct Net { }", "SGEN014", "Net", "Network class 'Net' is a struct")]
    [InlineData("[SigmoidNetwork(3, 2)] file partial class Net { }", "SGEN014", "Net", "Network class 'Net' is file-local")]
    [InlineData("public partial class Outer { [SigmoidNetwork(3, 2)] public static partial class Net { } }", "SGEN014", "Net", "Network class 'Net' is static")]
    [InlineData("public class Outer { [SigmoidNetwork(3, 2)] public partial class Net { } }", "SGEN003", "Outer", "Type 'Outer', which contains network class 'Net', must be declared 'partial'")]
    [InlineData("public interface Outer { [SigmoidNetwork(3, 2)] public partial class Net { } }", "SGEN014", "Outer", "Network class 'Net' is declared in interface 'Outer'")]
    [InlineData("[SigmoidNetwork(3, 2)] public class Net { }", "SGEN003", "Net", "Network class 'Net' must be declared 'partial'")]
    [InlineData("[SigmoidNetwork(3, 2)] public static partial class Net { }", "SGEN014", "Net", "Network class 'Net' is static")]
    public void NetworkDeclarationsAreCheckedAndMessagesSpeakOfNetworks(string declaration, string? id, string? locationText, string? messagePart)
    {
        string source = "using SigmoidGen;\n" + declaration;
        if (id is null)
        {
            (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(source);
            Assert.Empty(result.Diagnostics);
            Assert.Single(GeneratorHarness.DeclarationFiles(result));
            Assert.Empty(GeneratorHarness.CompilationProblems(output));
            return;
        }

        DiagnosticAssert.Single(source, id, locationText!, messagePart!);
    }

    [Theory]
    [InlineData("[SigmoidLayer(null, 2)] public static partial void F" + Signature)]
    [InlineData("[SigmoidLayer(3, 2, Batch = null)] public static partial void F" + Signature)]
    [InlineData("[SigmoidLayer((int)(object)3, 2)] public static partial void F" + Signature)]
    [InlineData("[SigmoidLayer(3, 2, Precision = null)] public static partial void F" + Signature)]
    [InlineData("[SigmoidLayer(3, 2, Parallel = null)] public static partial void F" + Signature)]
    [InlineData("[SigmoidLayer(3, 2, Precision = (SigmoidPrecision)null)] public static partial void F" + Signature)]
    [InlineData("[SigmoidLayer(3L, 2)] public static partial void F" + Signature)]
    [InlineData("[SigmoidLayer(3.0, 2)] public static partial void F" + Signature)]
    [InlineData("[SigmoidLayer(typeof(int), 2)] public static partial void F" + Signature)]
    [InlineData("[SigmoidLayer(3, 2)] public static partial void F(__arglist);")]
    [InlineData("[SigmoidLayer(3, 2)] public static partial void F(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y, __arglist);")]
    [InlineData("[SigmoidLayer(3, 2)] public static partial void F(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, params Span<float> y);")]
    [InlineData("[SigmoidNetwork(3, 2)] public static partial void F" + Signature)]
    [InlineData("[SigmoidLayer(3, 2)] public partial class C { }")]
    public void WrongArgumentsAndTargetsNeverCrashAndAreReportedOnTheUsersCode(string member)
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run($$"""
            using System;
            using SigmoidGen;

            public static partial class Layers
            {
                {{member}}
            }
            """);
        Assert.Null(result.Results[0].Exception);
        Assert.Empty(result.GeneratedTrees);
        DiagnosticAssert.ErrorsOnlyInUserCode(result, output);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10, "[SigmoidLayer(3, 2)] public static partial void F" + Signature, "SigmoidLayer(3, 2)")]
    [InlineData(LanguageVersion.CSharp9, "[SigmoidLayerBackward(3, 2)] public static partial void F(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db);", "SigmoidLayerBackward(3, 2)")]
    [InlineData(LanguageVersion.CSharp10, "[SigmoidNetwork(3, 2)] public partial class Net { }", "SigmoidNetwork(3, 2)")]
    public void OldLanguageVersionGetsOneDiagnosticAndNoCode(LanguageVersion version, string member, string locationText)
    {
        string source = "using System;\nusing SigmoidGen;\npublic static partial class Layers\n{\n" + member + "\n}\n";
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(source, new CSharpParseOptions(version));
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SGEN016", diagnostic.Id);
        Assert.Contains($"C# 11 or later; this project uses C# {version.ToDisplayString()}", diagnostic.GetMessage());
        Assert.Equal(locationText, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Empty(result.GeneratedTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true));
    }

    [Fact]
    public void CSharp11IsEnough()
    {
        string source = "using System;\nusing SigmoidGen;\npublic static partial class Layers\n{\n[SigmoidLayer(3, 2)] public static partial void F" + Signature + "\n}\n[SigmoidNetwork(3, 2)] public partial class Net { }\n";
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(source, new CSharpParseOptions(LanguageVersion.CSharp11));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, GeneratorHarness.DeclarationFiles(result).Length);
        Assert.Empty(GeneratorHarness.CompilationProblems(output));
    }

    /// <summary>
    /// Found by the syntax fuzzer: NetworkEmitter declared locals with <c>var</c> (Initialize, Save, Load), so a type
    /// named <c>var</c> around the network class captured them (CS0029 in the generated file). Its locals are now
    /// declared with their types.
    /// </summary>
    [Fact]
    public void NetworkInsideATypeNamedVarCompiles()
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(
            "using SigmoidGen;\nnamespace N { public partial class var { [SigmoidNetwork(3, 2)] public partial class Net { } } }\n");
        Assert.Empty(result.Diagnostics);
        Assert.Single(GeneratorHarness.DeclarationFiles(result));
        DiagnosticAssert.ErrorsOnlyInUserCode(result, output);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>
    /// Found by the syntax fuzzer: the kernel namespace's using directives (LayerEmitter.KernelNamespace: <c>using
    /// System;</c>, <c>using SigmoidGen.Internal;</c>) bound inside <c>namespace SigmoidGen.Generated</c>, so a user
    /// namespace <c>SigmoidGen.System</c> or <c>SigmoidGen.SigmoidGen</c> captured them (CS0234 in the generated file).
    /// They are now <c>using global::…</c>.
    /// </summary>
    [Fact]
    public void NamespaceSigmoidGenSystemCompiles()
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(
            "using System;\nusing SigmoidGen;\nnamespace SigmoidGen.System { public static partial class S { [SigmoidLayer(3, 2)] public static partial void F" + Signature + " } }\n" +
            "namespace SigmoidGen.SigmoidGen { [SigmoidNetwork(3, 2)] public partial class Net { } }\n");
        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, GeneratorHarness.DeclarationFiles(result).Length);
        DiagnosticAssert.ErrorsOnlyInUserCode(result, output);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>
    /// Found by the syntax fuzzer: a float network whose declaration also names <c>ISigmoidNetwork&lt;double&gt;</c> made
    /// the generated SaveSafetensors/LoadSafetensors fail to infer their type argument (CS0411 in the generated file).
    /// They now name it; the user's declaration gets the compiler's own error for the members it lacks.
    /// </summary>
    [Fact]
    public void NetworkDeclaringAnotherElementTypesInterfaceFailsOnlyInUserCode()
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(
            "using SigmoidGen;\nnamespace N { [SigmoidNetwork(3, 2)] public partial class Net : ISigmoidNetwork<double> { } }\n");
        Assert.Single(GeneratorHarness.DeclarationFiles(result));
        DiagnosticAssert.ErrorsOnlyInUserCode(result, output);
        Assert.Contains(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }
}
