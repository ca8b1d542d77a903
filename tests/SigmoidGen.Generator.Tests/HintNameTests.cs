using Microsoft.CodeAnalysis;
using SigmoidGen.Generator.Tests.Infrastructure;

namespace SigmoidGen.Generator.Tests;

/// <summary>Generated file names never collide, and the output is the same on every run.</summary>
public class HintNameTests
{
    private const string Signature = "(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);";

    [Fact]
    public void SameNamesInOtherNamespacesNestedAndGenericTypesGetDistinctFiles()
    {
        string source = $$"""
            using System;
            using SigmoidGen;

            namespace A { public static partial class Layers { [SigmoidLayer(3, 2)] public static partial void F{{Signature}} } }
            namespace B { public static partial class Layers { [SigmoidLayer(3, 2)] public static partial void F{{Signature}} } }
            namespace A.Outer2 { public static partial class Inner { [SigmoidLayer(3, 2)] public static partial void F{{Signature}} } }
            namespace A { public static partial class Layers2 { public static partial class Inner { [SigmoidLayer(3, 2)] public static partial void F{{Signature}} } } }
            namespace A { public partial class Generic<T> { [SigmoidLayer(3, 2)] public static partial void F{{Signature}} } }
            namespace A { public partial class Generic { [SigmoidLayer(3, 2)] public static partial void F{{Signature}} } }
            namespace A { public partial class Generic<T, U> { [SigmoidLayer(3, 2)] public static partial void F{{Signature}} } }
            namespace A { public static partial class Layers { [SigmoidLayer(3, 2)] public static partial void F(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output); } }
            """;
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(source);
        Assert.Null(result.Results[0].Exception);
        Assert.Empty(GeneratorHarness.CompilationProblems(output));
        string[] names = result.Results[0].GeneratedSources.Select(s => s.HintName).ToArray();
        Assert.Equal(8, names.Length);
        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void OutputIsByteIdenticalAcrossRuns()
    {
        string source = $$"""
            using System;
            using SigmoidGen;

            public static partial class Layers { [SigmoidLayer(33, 17)] public static partial void F{{Signature}} }
            [SigmoidNetwork(8, 4, 2)] public partial class Net { }
            """;
        string First() => string.Join("\n", GeneratorHarness.Run(source).Result.Results[0].GeneratedSources.Select(s => s.HintName + "\n" + s.SourceText));
        Assert.Equal(First(), First());
    }
}
