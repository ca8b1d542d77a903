using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SigmoidGen.Generator;

namespace SigmoidGen.Generator.Tests.Infrastructure;

/// <summary>Runs the generator in memory over a source text, the way the compiler does.</summary>
internal static class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Where(path => Path.GetFileName(path) is { } name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll"))
            .Append(typeof(SigmoidLayerAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    public static CSharpCompilation CreateCompilation(string source, string assemblyName = "UserCode", CSharpParseOptions? parseOptions = null) =>
        CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source, parseOptions ?? ParseOptions, path: "User.cs") },
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release));

    public static GeneratorDriver CreateDriver(CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new SigmoidLayerGenerator().AsSourceGenerator() },
            parseOptions: parseOptions ?? ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns its result and the compilation with the generated files added.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(string source, CSharpParseOptions? parseOptions = null)
    {
        CSharpCompilation compilation = CreateCompilation(source, parseOptions: parseOptions);
        GeneratorDriver driver = CreateDriver(parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>Whether a generated file is a shared network kernel class (one per layer shape and role in a compilation), not a network's or a layer's own file.</summary>
    public static bool IsSharedKernel(SyntaxTree tree) => Path.GetFileName(tree.FilePath).StartsWith("SigmoidGen.Generated.Kernels_", StringComparison.Ordinal);

    /// <summary>The generated files of the declarations themselves: every file but the shared network kernels.</summary>
    public static SyntaxTree[] DeclarationFiles(GeneratorDriverRunResult result) => result.GeneratedTrees.Where(tree => !IsSharedKernel(tree)).ToArray();

    /// <summary>The generator's own diagnostics.</summary>
    public static ImmutableArray<Diagnostic> GeneratorDiagnostics(string source) => Run(source).Result.Diagnostics;

    /// <summary>Errors and warnings of the final compilation (user code plus generated code).</summary>
    public static ImmutableArray<Diagnostic> CompilationProblems(Compilation output) =>
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    /// <summary>
    /// Generates, optionally rewrites the generated text (e.g. to force a SIMD path), compiles with warnings as errors and
    /// loads the assembly.
    /// </summary>
    public static Assembly CompileAndLoad(string source, Func<string, string>? rewriteGenerated = null)
    {
        CSharpCompilation compilation = CreateCompilation(source, "UserCode" + Guid.NewGuid().ToString("N"));
        GeneratorDriverRunResult result = CreateDriver().RunGenerators(compilation).GetRunResult();
        Assert.Empty(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        IEnumerable<SyntaxTree> generated = result.GeneratedTrees.Select(tree =>
            rewriteGenerated is null ? tree : CSharpSyntaxTree.ParseText(rewriteGenerated(tree.GetText().ToString()), ParseOptions, tree.FilePath));
        CSharpCompilation full = compilation.AddSyntaxTrees(generated);
        using var stream = new MemoryStream();
        var emit = full.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        Assert.Empty(emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return Assembly.Load(stream.ToArray());
    }
}
