using Microsoft.CodeAnalysis;
using SigmoidGen.Generator.Tests.Infrastructure;

namespace SigmoidGen.Generator.Tests;

/// <summary>One test per diagnostic ID: the ID, the message, and the location on the user's code at fault.</summary>
public class DiagnosticTests
{
    private const string Good = "ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output";

    [Theory]
    [InlineData("SGEN001", "[SigmoidLayer(3, 2)] public static void F(" + Good + ") { }", "F", "must be declared 'partial'")]
    [InlineData("SGEN002", "[SigmoidLayer(3, 2)] public static partial void F(" + Good + ");\n public static partial void F(" + Good + ") { }", "F", "already has an implementation")]
    [InlineData("SGEN004", "[SigmoidLayer(3, 2)] public static partial void F(ReadOnlySpan<float> input, Span<float> output);", "(ReadOnlySpan<float> input, Span<float> output)", "must take 4 parameters")]
    [InlineData("SGEN005", "[SigmoidLayer(3, 2)] public static partial void F(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, float[] bias, Span<float> output);", "float[] bias", "'bias' (bias) must be declared as 'ReadOnlySpan<float> or ReadOnlySpan<double>'")]
    [InlineData("SGEN005", "[SigmoidLayer(3, 2)] public static partial void F(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> output);", "ReadOnlySpan<float> output", "'Span<float> or Span<double>'")]
    [InlineData("SGEN005", "[SigmoidLayer(3, 2)] public static partial void F(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ref Span<float> output);", "ref Span<float> output", "no ref, out, in, params or this modifier")]
    [InlineData("SGEN006", "[SigmoidLayer(3, 2)] public static partial void F(ReadOnlySpan<float> input, ReadOnlySpan<double> weights, ReadOnlySpan<float> bias, Span<float> output);", "ReadOnlySpan<double> weights", "has element type 'double' but the first parameter has 'float'")]
    [InlineData("SGEN007", "[SigmoidLayer(3, 2)] public static partial void F(ReadOnlySpan<int> input, ReadOnlySpan<int> weights, ReadOnlySpan<int> bias, Span<int> output);", "ReadOnlySpan<int> input", "Element type 'int' of parameter 'input' is not supported")]
    [InlineData("SGEN008", "[SigmoidLayer(3, 2)] public static partial int F(" + Good + ");", "int", "must return void")]
    [InlineData("SGEN009", "[SigmoidLayer(3, 2)] public static partial void F<T>(" + Good + ");", "<T>", "cannot have type parameters")]
    [InlineData("SGEN010", "[SigmoidLayer(0, 2)] public static partial void F(" + Good + ");", "0", "'inputs' is 0; it must be a positive number")]
    [InlineData("SGEN010", "[SigmoidLayer(3, outputs: -2)] public static partial void F(" + Good + ");", "outputs: -2", "'outputs' is -2")]
    [InlineData("SGEN010", "[SigmoidLayer(3, 2, Batch = -1)] public static partial void F(" + Good + ");", "Batch = -1", "'Batch' is -1")]
    [InlineData("SGEN011", "[SigmoidLayer(3, 2, Precision = (SigmoidPrecision)7)] public static partial void F(" + Good + ");", "Precision = (SigmoidPrecision)7", "Precision value 7 is not defined")]
    [InlineData("SGEN012", "[SigmoidLayer(100000, 100000)] public static partial void F(" + Good + ");", "SigmoidLayer(100000, 100000)", "weights (outputs × inputs) would need 10000000000 elements")]
    [InlineData("SGEN012", "[SigmoidLayer(1, 2147483647, PackedWeights = true)] public static partial void F(" + Good + ");", "SigmoidLayer(1, 2147483647, PackedWeights = true)", "packedWeights (SigmoidPacking.PackedLength) would need 2147483648 elements")]
    [InlineData("SGEN012", "[SigmoidLayer(1000, 2, Batch = 3000000)] public static partial void F(" + Good + ");", "SigmoidLayer(1000, 2, Batch = 3000000)", "input (Batch × inputs) would need 3000000000 elements")]
    [InlineData("SGEN013", "[SigmoidLayer(5000, 4000)] public static partial void F(" + Good + ");", "SigmoidLayer(5000, 4000)", "generated a plain loop version")]
    [InlineData("SGEN004", "[SigmoidLayerBackward(3, 2)] public static partial void F(" + Good + ");", "(" + Good + ")", "must take 6 or 7 parameters (ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> weightsGradient, Span<T> biasGradient, optional Span<T> inputGradient) but has 4")]
    [InlineData("SGEN005", "[SigmoidLayerTrainStep(3, 2)] public static partial void F(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, ReadOnlySpan<float> rate);", "ReadOnlySpan<float> rate", "'rate' (learningRate) must be declared as 'float or double'")]
    [InlineData("SGEN005", "[SigmoidLayerTrainStep(3, 2)] public static partial void F(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float rate);", "ReadOnlySpan<float> w", "'w' (weights) must be declared as 'Span<float> or Span<double>'")]
    [InlineData("SGEN006", "[SigmoidLayerTrainStep(3, 2)] public static partial void F(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, double rate);", "double rate", "has element type 'double' but the first parameter has 'float'")]
    [InlineData("SGEN008", "[SigmoidLayerBackward(3, 2, Loss = SigmoidLoss.BinaryCrossEntropy)] public static partial void F(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> t, Span<float> dw, Span<float> db);", "void", "must return float, the loss")]
    [InlineData("SGEN008", "[SigmoidLayerTrainStep(3, 2)] public static partial float F(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float rate);", "float", "must return void")]
    [InlineData("SGEN011", "[SigmoidLayerBackward(3, 2, Loss = (SigmoidLoss)3)] public static partial void F(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> t, Span<float> dw, Span<float> db);", "Loss = (SigmoidLoss)3", "Loss value 3 is not defined")]
    [InlineData("SGEN013", "[SigmoidLayerBackward(3, 9000)] public static partial void F(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> t, Span<float> dw, Span<float> db);", "SigmoidLayerBackward(3, 9000)", "9000 outputs, more than the 8192")]
    [InlineData("SGEN026", "[SigmoidLayerTrainStep(3, 2, Optimizer = (SigmoidOptimizerKind)5)] public static partial void F(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float rate);", "Optimizer = (SigmoidOptimizerKind)5", "Optimizer value 5 is not defined")]
    [InlineData("SGEN027", "[SigmoidLayerTrainStep(3, 2, Optimizer = SigmoidOptimizerKind.Adam)] public static partial void F(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, SigmoidSgdStep o, Span<float> mom);", "SigmoidSgdStep o", "Parameter 'o' is declared as 'SigmoidGen.SigmoidSgdStep', but the attribute's Optimizer = SigmoidOptimizerKind.Adam takes 'SigmoidAdamStep' here; set Optimizer = SigmoidOptimizerKind.Sgd")]
    [InlineData("SGEN027", "[SigmoidLayerTrainStep(3, 2)] public static partial void F(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, SigmoidAdamStep o, Span<float> m, Span<float> v);", "SigmoidAdamStep o", "takes 'float or double' here; set Optimizer = SigmoidOptimizerKind.Adam")]
    [InlineData("SGEN027", "[SigmoidLayerTrainStep(3, 2, Optimizer = SigmoidOptimizerKind.Sgd)] public static partial void F(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float rate);", "float rate", "declare 'SigmoidSgdStep optimizer' followed by Span<T> momentumBuffer, or remove Optimizer for plain SGD")]
    [InlineData("SGEN005", "[SigmoidLayerTrainStep(3, 2, Optimizer = SigmoidOptimizerKind.Adam)] public static partial void F(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, in SigmoidAdamStep o, Span<float> m, Span<float> v);", "in SigmoidAdamStep o", "'o' (optimizer) must be declared as 'SigmoidAdamStep'")]
    [InlineData("SGEN005", "[SigmoidLayerTrainStep(3, 2, Optimizer = SigmoidOptimizerKind.Adam)] public static partial void F(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, SigmoidAdamStep o, Span<float> m, ReadOnlySpan<float> v);", "ReadOnlySpan<float> v", "'v' (secondMoment) must be declared as 'Span<float> or Span<double>'")]
    [InlineData("SGEN004", "[SigmoidLayerTrainStep(3, 2, Optimizer = SigmoidOptimizerKind.Adam)] public static partial void F(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, SigmoidAdamStep o, Span<float> m);", "(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, SigmoidAdamStep o, Span<float> m)", "must take 8 or 9 parameters (ReadOnlySpan<T> input, Span<T> weights, Span<T> bias, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, SigmoidAdamStep optimizer, Span<T> firstMoment, Span<T> secondMoment, optional Span<T> inputGradient) but has 7")]
    public void ReportsDiagnosticOnTheCodeAtFault(string id, string member, string locationText, string messagePart)
    {
        string source = $$"""
            using System;
            using SigmoidGen;

            public static partial class Layers
            {
                {{member}}
            }
            """;
        AssertSingle(source, id, locationText, messagePart);
    }

    [Theory]
    [InlineData("SGEN015", "[SigmoidNetwork(30)] public partial class Net { }", "SigmoidNetwork(30)", "Network class 'Net' declares 1 size; give the inputs")]
    [InlineData("SGEN010", "[SigmoidNetwork(30, 0, 1)] public partial class Net { }", "0", "'sizes[1]' is 0")]
    [InlineData("SGEN003", "[SigmoidNetwork(30, 16, 1)] public class Net { }", "Net", "Network class 'Net' must be declared 'partial'")]
    [InlineData("SGEN014", "[SigmoidNetwork(30, 16, 1)] public static partial class Net { }", "Net", "Network class 'Net' is static; a network holds its parameters in an instance")]
    [InlineData("SGEN007", "[SigmoidNetwork(30, 16, 1, ElementType = typeof(int))] public partial class Net { }", "ElementType = typeof(int)", "Element type 'int' of network class 'Net' is not supported; use ElementType = typeof(float) or typeof(double)")]
    [InlineData("SGEN012", "[SigmoidNetwork(50000, 50000, 1)] public partial class Net { }", "SigmoidNetwork(50000, 50000, 1)", "the parameters would need 2500100001 elements")]
    public void ReportsNetworkDiagnosticOnTheCodeAtFault(string id, string declaration, string locationText, string messagePart) =>
        AssertSingle("using SigmoidGen;\n" + declaration, id, locationText, messagePart);

    [Fact]
    public void SGEN003_ContainingTypeNotPartial() => AssertSingle("""
        using System;
        using SigmoidGen;

        public static partial class Outer
        {
            public static class Inner
            {
                [SigmoidLayer(3, 2)]
                public static partial void F(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);
            }
        }
        """, "SGEN003", "Inner", "Type 'Inner', which contains layer method 'F', must be declared 'partial'");

    [Fact]
    public void SGEN014_FileLocalContainingType() => AssertSingle("""
        using System;
        using SigmoidGen;

        file static partial class Local
        {
            [SigmoidLayer(3, 2)]
            public static partial void F(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);
        }
        """, "SGEN014", "Local", "file-local type 'Local'");

    [Fact]
    public void DiagnosticsAreLocatedInTheUsersFileSoPragmasApply()
    {
        const string source = """
            using System;
            using SigmoidGen;

            public static partial class Layers
            {
            #pragma warning disable SGEN013
                [SigmoidLayer(5000, 4000)]
                public static partial void F(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);
            #pragma warning restore SGEN013
            }
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).Result.Diagnostics);
        Assert.Equal("SGEN013", diagnostic.Id);
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Equal("User.cs", diagnostic.Location.SourceTree!.FilePath);
    }

    private static void AssertSingle(string source, string id, string locationText, string messagePart)
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains("docs/diagnostics.md, section " + id, diagnostic.Descriptor.Description.ToString());
        Assert.Contains(messagePart, diagnostic.GetMessage());
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Equal(locationText, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));

        // Whatever the user wrote, nothing the generator added may fail to compile.
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true));
    }
}
