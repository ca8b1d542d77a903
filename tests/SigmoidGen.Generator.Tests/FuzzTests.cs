using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SigmoidGen.Generator.Tests.Infrastructure;

namespace SigmoidGen.Generator.Tests;

/// <summary>
/// Thousands of mutated declarations (dropped tokens, swapped types, huge or negative sizes, missing arguments, wrong
/// attribute targets, modifiers, unicode names): the generator never throws, never emits code that fails to compile, and
/// whenever the result does not compile, an error on the user's own code says what is wrong.
/// </summary>
public class FuzzTests
{
    private const int Cases = 1500;

    private static readonly string[] Seeds =
    {
        "[SigmoidLayer(3, 2)] public static partial void F(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);",
        "[SigmoidLayer(5, 3, Batch = 2, Precision = SigmoidPrecision.Fast)] internal partial void F(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y);",
        "[SigmoidLayerBackward(3, 2)] public static partial void F(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dw, Span<float> db, Span<float> dx);",
        "[SigmoidLayerBackward(3, 2, Accumulate = true, Loss = SigmoidLoss.BinaryCrossEntropy)] public static partial float F(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> t, Span<float> dw, Span<float> db);",
        "[SigmoidLayerTrainStep(3, 2, Loss = SigmoidLoss.BinaryCrossEntropy)] public static partial double F(ReadOnlySpan<double> x, Span<double> w, Span<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> t, double rate, Span<double> dx);",
        "[SigmoidNetwork(4, 3, 2)] public partial class Net { }",
        "[SigmoidLayer(40, 20, Parallel = true, Batch = 2000)] public static partial void F(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);",
    };

    private static readonly string[] Replacements =
    {
        "0", "-1", "1", "2147483647", "-2147483648", "100000", "65536", "float", "double", "int", "decimal", "Missing",
        "Span<float>", "ReadOnlySpan<int>", "ref", "in", "out", "params", "this", "scoped", "static", "partial", "void",
        "float[]", "Ωmega", "名前", "@class", "_", ",", "(", ")", "{ }", ";", "[", "]", "=", "typeof(int)",
        "SigmoidLayer", "SigmoidNetwork", "SigmoidLayerBackward", "SigmoidLayerTrainStep", "Batch", "Loss", "Accumulate",
        "Precision", "Parallel", "(SigmoidPrecision)9", "SigmoidLoss.None", "true", "string", "unsafe", "extern", "readonly", "new",
    };

    [Fact]
    public void MutatedDeclarationsNeverCrashNorEmitBrokenCode()
    {
        var failures = new ConcurrentBag<string>();
        Parallel.For(0, Cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index =>
        {
            string member = Mutate(new Random(index), Seeds[index % Seeds.Length]);
            string source = $$"""
                using System;
                using SigmoidGen;

                public static partial class Layers
                {
                    {{member}}
                }

                public partial struct Holder
                {
                    {{member}}
                }
                """;
            string? problem = Check(source);
            if (problem is not null)
            {
                failures.Add($"case {index}: {problem}\n{member}");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of {Cases} cases failed:\n" + string.Join("\n\n", failures.Take(5)));
    }

    /// <summary>One to three random edits: drop a token, replace a token, or insert a token.</summary>
    private static string Mutate(Random random, string seed)
    {
        string text = seed;
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            var tokens = SyntaxFactory.ParseTokens(text).Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToList();
            if (tokens.Count == 0)
            {
                break;
            }

            SyntaxToken token = tokens[random.Next(tokens.Count)];
            string replacement = Replacements[random.Next(Replacements.Length)];
            text = random.Next(3) switch
            {
                0 => text.Remove(token.SpanStart, token.Span.Length),
                1 => text.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, replacement),
                _ => text.Insert(token.SpanStart, replacement + " "),
            };
        }

        return text;
    }

    /// <summary>Null when the case behaves; otherwise what went wrong.</summary>
    private static string? Check(string source)
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(source);
        if (result.Results[0].Exception is { } exception)
        {
            return "generator threw " + exception;
        }

        var generatedTrees = result.GeneratedTrees.ToHashSet();
        var errors = new List<Diagnostic>();
        foreach (SyntaxTree tree in output.SyntaxTrees)
        {
            errors.AddRange(output.GetSemanticModel(tree).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        Diagnostic? inGenerated = errors.FirstOrDefault(d => d.Location.SourceTree is { } t && generatedTrees.Contains(t));
        if (inGenerated is not null)
        {
            return "generated code does not compile: " + inGenerated;
        }

        bool generatorError = result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        bool userError = errors.Any(d => d.Location.SourceTree is { } t && !generatedTrees.Contains(t));
        return errors.Count == 0 || generatorError || userError ? null : "errors with nothing said on the user's code";
    }
}
