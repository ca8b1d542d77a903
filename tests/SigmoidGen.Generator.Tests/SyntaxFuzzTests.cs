using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SigmoidGen.Generator;
using SigmoidGen.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SigmoidGen.Generator.Tests;

/// <summary>
/// Syntax-level fuzzing: whole source files assembled at random from the places a SigmoidGen declaration can sit and
/// the things a user can write in it, then mutated token by token. For every input the generator must not throw
/// (no CS8785, no AD0001), no diagnostic of warning or error severity may be located in a generated file, and when
/// the compilation has errors, one of them (the compiler's or SigmoidGen's) must be on the user's code.
/// </summary>
/// <remarks>
/// <para>What is mixed: namespaces (none, block, file-scoped, nested, dotted; escaped and contextual-keyword names such as
/// <c>@event</c>, <c>@class</c>, <c>record</c>, <c>var</c>, <c>async</c>, non-ASCII names); containing types (classes,
/// structs, records, record structs, interfaces, static, generic, nested, not partial, file-local); the four attributes
/// with constructor and named arguments (constants, casts, null, out of range, wrong types, <c>typeof</c>, named
/// arguments that do not exist); parameter lists (wrong count, types, modifiers, names); members of network classes
/// named like generated ones; two declarations whose names differ only in case; C# 10 and 11 as well as the latest;
/// and one to three random token deletions, insertions or replacements in a third of the inputs.</para>
/// <para>CI runs <see cref="DefaultCount"/> inputs from seed <see cref="DefaultSeed"/> (about two minutes on two cores).
/// A long run: <c>SIGMOIDGEN_FUZZ_COUNT=1000000 SIGMOIDGEN_FUZZ_SEED=7 dotnet test tests/SigmoidGen.Generator.Tests
/// --filter SyntaxFuzzTests</c>. Input <c>i</c> is generated from <c>seed + i</c> alone, so a failure names the seed and
/// index that reproduce it.</para>
/// </remarks>
public class SyntaxFuzzTests
{
    public const int DefaultCount = 10_000;
    public const int DefaultSeed = 20261202;

    private static readonly CSharpParseOptions Latest = new(LanguageVersion.Latest);

    private readonly ITestOutputHelper _output;

    public SyntaxFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void RandomDeclarationsNeverCrashNorBreakGeneratedCode()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("SIGMOIDGEN_FUZZ_COUNT"), out int c) ? c : DefaultCount;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("SIGMOIDGEN_FUZZ_SEED"), out int s) ? s : DefaultSeed;

        // One base compilation (references, options), reused: each input only adds its own syntax tree. It references
        // the few assemblies user and generated code need, not the whole framework: every name lookup walks them all.
        CSharpCompilation baseCompilation = GeneratorHarness.CreateCompilation(string.Empty).RemoveAllSyntaxTrees();
        baseCompilation = baseCompilation.WithReferences(baseCompilation.References.Where(r =>
            Path.GetFileNameWithoutExtension(r.Display) is "System.Private.CoreLib" or "System.Runtime" or "System.Runtime.Intrinsics"
                or "System.Runtime.InteropServices" or "System.Memory" or "System.Collections" or "System.Threading"
                or "System.Threading.Tasks.Parallel" or "System.Numerics.Vectors" or "System.Runtime.CompilerServices.Unsafe"
                or "SigmoidGen"));
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var failures = new ConcurrentBag<string>();
        int generatedFiles = 0, withErrors = 0, withSgen = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index =>
        {
            var random = new Random(unchecked(seed + index));
            (string source, CSharpParseOptions options) = SourceFuzzer.Next(random);
            (string? problem, int files, bool errors, bool sgen) = Check(baseCompilation, source, options);
            Interlocked.Add(ref generatedFiles, files);
            Interlocked.Add(ref withErrors, errors ? 1 : 0);
            Interlocked.Add(ref withSgen, sgen ? 1 : 0);
            if (problem is not null)
            {
                failures.Add($"seed {seed}, input {index} (C# {options.LanguageVersion.ToDisplayString()}): {problem}\n{source}");
            }
        });

        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        _output.WriteLine($"{count} inputs (seed {seed}) in {clock.Elapsed.TotalSeconds:F1} s ({cpu:F1} s of CPU, {baseCompilation.References.Count()} references): {generatedFiles} files generated, " +
                          $"{withErrors} inputs with syntax errors, {withSgen} with SGEN diagnostics, {failures.Count} failures.");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {count} inputs failed:\n\n" + string.Join("\n\n", failures.OrderBy(f => f).Take(5)));
    }

    /// <summary>Null when the input behaves; otherwise what went wrong.</summary>
    private static (string? Problem, int Files, bool Errors, bool Sgen) Check(CSharpCompilation baseCompilation, string source, CSharpParseOptions options)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, options, path: "User.cs");
        CSharpCompilation compilation = baseCompilation.AddSyntaxTrees(tree);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new SigmoidLayerGenerator().AsSourceGenerator() }, parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        GeneratorDriverRunResult result = driver.GetRunResult();
        if (result.Results[0].Exception is { } exception)
        {
            return ("generator threw " + exception.GetType().Name + ": " + exception.Message, 0, false, false);
        }

        // The generated files are bound (below); the user's file is not: an error is either in a generated file, which
        // fails the input, or on the user's code (the only other file), which is what the user must see. So "every
        // error on the user's code" needs no binding of the user's file, which halves the cost of an input.
        var all = new List<Diagnostic>(result.Diagnostics);
        foreach (SyntaxTree generatedTree in result.GeneratedTrees)
        {
            all.AddRange(GeneratedDiagnostics(output, generatedTree));
        }

        var generated = result.GeneratedTrees.ToHashSet();
        bool sgen = result.Diagnostics.Any(d => d.Id.StartsWith("SGEN", StringComparison.Ordinal));
        bool errors = tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        if (all.FirstOrDefault(d => d.Id is "CS8785" or "AD0001") is { } crash)
        {
            return ("generator failed: " + crash, generated.Count, errors, sgen);
        }

        if (all.FirstOrDefault(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } t && generated.Contains(t)) is { } inGenerated)
        {
            return ("diagnostic in generated code: " + inGenerated, generated.Count, errors, sgen);
        }

        return (null, generated.Count, errors, sgen);
    }

    /// <summary>Kernel texts already bound without a diagnostic, with the user's types that could have changed their meaning.</summary>
    private static readonly ConcurrentDictionary<string, bool> CleanKernels = new();

    /// <summary>
    /// The diagnostics of a generated file: its syntax, then the part in the user's namespace and types (the partial
    /// method, or the network class), bound every time. The kernel classes after it, in <c>namespace
    /// SigmoidGen.Generated</c>, are the bulk of the file and depend only on the spec and on the types they can see:
    /// they are bound once per distinct text (comments dropped, the file-local class names, made from the user's names,
    /// replaced by placeholders) and set of such user types (declared in the global namespace or in a System or
    /// SigmoidGen namespace). Without this, ten thousand inputs would take ten minutes.
    /// </summary>
    private static IEnumerable<Diagnostic> GeneratedDiagnostics(Compilation output, SyntaxTree generated)
    {
        SemanticModel model = output.GetSemanticModel(generated);
        string text = generated.GetText().ToString();
        int kernels = text.IndexOf("\nnamespace SigmoidGen.Generated", StringComparison.Ordinal) + 1;
        if (kernels == 0)
        {
            return model.GetDiagnostics();
        }

        var diagnostics = generated.GetDiagnostics().ToList();
        diagnostics.AddRange(model.GetDiagnostics(new TextSpan(0, kernels)));

        // Binding looks names up by their text: only user types named like an identifier of the kernels can matter.
        string code = NormalizeKernels(text.Substring(kernels));
        var identifiers = Regex.Matches(code, @"[A-Za-z_]\w*").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        string visibleUserTypes = string.Join(",", output.GetSymbolsWithName(identifiers.Contains, SymbolFilter.Type)
            .Where(t => t.Locations.Any(l => l.SourceTree?.FilePath == "User.cs"))
            .Where(t => t.ContainingNamespace is { } ns && (ns.IsGlobalNamespace || ns.ToDisplayString() is var name && (name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("SigmoidGen", StringComparison.Ordinal))))
            .Select(t => t.ToDisplayString()).Order(StringComparer.Ordinal));
        string key = visibleUserTypes + "\n" + code;
        if (!CleanKernels.ContainsKey(key))
        {
            var kernelDiagnostics = model.GetDiagnostics(new TextSpan(kernels, text.Length - kernels)).ToList();
            diagnostics.AddRange(kernelDiagnostics);
            if (!kernelDiagnostics.Any(d => d.Severity >= DiagnosticSeverity.Warning))
            {
                CleanKernels.TryAdd(key, true);
            }
        }

        return diagnostics;
    }

    /// <summary>The kernel text without comments, its file-local class names replaced by K0, K1, ….</summary>
    private static string NormalizeKernels(string text)
    {
        string code = string.Join("\n", text.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        string[] names = Regex.Matches(code, @"file static class (\S+)").Select(m => m.Groups[1].Value).Distinct().ToArray();
        for (int i = 0; i < names.Length; i++)
        {
            code = Regex.Replace(code, @"(?<![\w@])" + Regex.Escape(names[i]) + @"(?!\w)", "K" + i);
        }

        return code;
    }
}
