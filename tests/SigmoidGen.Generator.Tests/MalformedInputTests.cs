using Microsoft.CodeAnalysis;
using SigmoidGen.Generator.Tests.Infrastructure;

namespace SigmoidGen.Generator.Tests;

/// <summary>Half-typed and malformed declarations: the generator must never throw nor emit code that fails to compile.</summary>
public class MalformedInputTests
{
    private const string Good = "ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output";

    [Theory]
    [InlineData("[SigmoidLayer(] public static partial void F(" + Good + ");")]
    [InlineData("[SigmoidLayer(3)] public static partial void F(" + Good + ");")]
    [InlineData("[SigmoidLayer(\"3\", 2)] public static partial void F(" + Good + ");")]
    [InlineData("[SigmoidLayer(3, 2, Batch = )] public static partial void F(" + Good + ");")]
    [InlineData("[SigmoidLayer(3, 2, Nope = 1)] public static partial void F(" + Good + ");")]
    [InlineData("[SigmoidLayer(3, 2)] public static partial void F(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<Missing> output);")]
    [InlineData("[SigmoidLayer(3, 2)] public static partial void F(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float>);")]
    [InlineData("[SigmoidLayer(3, 2)] public static partial void F(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias,")]
    [InlineData("[SigmoidLayer(3, 2)] public static partial void (" + Good + ");")]
    [InlineData("[SigmoidLayer(3, 2)] public static partial Missing F(" + Good + ");")]
    [InlineData("[SigmoidLayer(3, 2)] public static partial void F(" + Good + ") => ;")]
    [InlineData("[SigmoidLayer(3, 2)] [SigmoidLayer(3, 2)] public static partial void F(" + Good + ");")]
    [InlineData("[SigmoidLayer(3, 2)] public static partial void F(this ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);")]
    [InlineData("[SigmoidLayer(3, 2)] public static partial void F(" + Good + ", int extra = 0);")]
    [InlineData("[SigmoidLayer(3, 2)] public static partial void F(params ReadOnlySpan<float>[] input);")]
    [InlineData("[SigmoidLayer(3, 2)] public static partial void F(scoped ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, scoped Span<float> output);")]
    [InlineData("[SigmoidLayer(int.MaxValue, int.MaxValue, Batch = int.MaxValue)] public static partial void F(" + Good + ");")]
    [InlineData("[SigmoidLayer(3, 2)] int x;")]
    [InlineData("[SigmoidLayer(3, 2)] public static partial void F(" + Good + ")")]
    [InlineData("[SigmoidLayer(3, 2)] public partial void Ünïcødé(ReadOnlySpan<float> входы, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);")]
    [InlineData("[SigmoidLayer(3, 2)] public static extern partial void F(" + Good + ");")]
    public void NeverThrowsAndNeverEmitsBrokenCode(string member)
    {
        string source = $$"""
            using System;
            using SigmoidGen;

            public static partial class Layers
            {
                {{member}}
            }
            """;
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(source);
        Assert.Null(result.Results[0].Exception);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true));
    }
}
