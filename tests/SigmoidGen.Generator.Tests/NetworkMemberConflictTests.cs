using Microsoft.CodeAnalysis;
using SigmoidGen.Generator.Tests.Infrastructure;

namespace SigmoidGen.Generator.Tests;

/// <summary>
/// A network class that already has a member the generator would add (docs/diagnostics.md, SGEN017): one diagnostic on
/// the user's member instead of CS0102/CS0111 inside the generated file; members that merely share a name with a
/// generated method, with other parameters, are overloads and compile.
/// </summary>
public class NetworkMemberConflictTests
{
    [Theory]
    [InlineData("public int Parameters;", "Parameters", "'Parameters'")]
    [InlineData("public int InputCount => 3;", "InputCount", "'InputCount'")]
    [InlineData("public const int Layer1Bias = 0;", "Layer1Bias", "'Layer1Bias'")]
    [InlineData("public static int Sizes { get; set; }", "Sizes", "'Sizes'")]
    [InlineData("public class LayerSizes { }", "LayerSizes", "'LayerSizes'")]
    [InlineData("public event System.Action? Predict;", "Predict", "'Predict'")]
    [InlineData("public void InputCount() { }", "InputCount", "'InputCount'")]
    [InlineData("public void Predict(System.ReadOnlySpan<float> a, System.Span<float> b) { }", "Predict", "'Predict(ReadOnlySpan<T>, Span<T>)'")]
    [InlineData("public static int Initialize(int s) => s;", "Initialize", "'Initialize(int)'")]
    [InlineData("public void Save(string file) { }", "Save", "'Save(string)'")]
    [InlineData("public void Load(System.IO.Stream s) { }", "Load", "'Load(Stream)'")]
    [InlineData("public float TrainStep(System.ReadOnlySpan<float> a, System.ReadOnlySpan<float> b, float c) => c;", "TrainStep", "'TrainStep(ReadOnlySpan<T>, ReadOnlySpan<T>, T)'")]
    [InlineData("private int _sgCache;", "_sgCache", "'_sg'")]
    [InlineData("private void _sgHelper() { }", "_sgHelper", "'_sg'")]
    public void DeclaredMemberWithAGeneratedNameIsReportedOnTheMember(string member, string locationText, string messagePart) =>
        DiagnosticAssert.Single(
            "using SigmoidGen;\n[SigmoidNetwork(3, 4, 2)] public partial class Net\n{\n    " + member + "\n}\n",
            "SGEN017", locationText, messagePart);

    [Fact]
    public void RecordParameterWithAGeneratedNameIsReportedOnTheParameter() => DiagnosticAssert.Single(
        "using SigmoidGen;\n[SigmoidNetwork(3, 2)] public partial record Net(int OutputCount);\n",
        "SGEN017", "OutputCount", "'OutputCount'");

    [Fact]
    public void ClassNamedLikeAGeneratedMemberIsReportedOnItsName() => DiagnosticAssert.Single(
        "using SigmoidGen;\nnamespace N { [SigmoidNetwork(3, 2)] public partial class Parameters { } }\n",
        "SGEN017", "Parameters", "network class 'Parameters' has the name of a member SigmoidGen generates");

    [Fact]
    public void InheritedMemberWithAGeneratedNameIsReportedOnTheBaseType() => DiagnosticAssert.Single(
        "using SigmoidGen;\npublic class Base { public int LayerCount; }\n[SigmoidNetwork(3, 2)] public partial class Net : Base { }\n",
        "SGEN017", "Base", "inherits 'LayerCount'");

    [Theory]
    [InlineData("public void Predict(float[] a) { }")]
    [InlineData("public void Predict(System.ReadOnlySpan<double> a, System.Span<double> b) { }")]
    [InlineData("public void Predict(System.ReadOnlySpan<float> a, ref System.Span<float> b) { }")]
    [InlineData("public void Predict<U>(System.ReadOnlySpan<float> a, System.Span<float> b) { }")]
    [InlineData("public void Save(string a, bool b) { }")]
    [InlineData("public void Initialize() { }")]
    [InlineData("public int Layer9Weights;")]
    [InlineData("private int sgCache;")]
    [InlineData("public override string ToString() => \"net\";")]
    [InlineData("void ISigmoidNetwork<float>.Predict(System.ReadOnlySpan<float> a, System.Span<float> b) { }")]
    public void OverloadsAndOtherNamesCompile(string member)
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(
            "using SigmoidGen;\n[SigmoidNetwork(3, 4, 2)] public partial class Net : ISigmoidNetwork<float>\n{\n    " + member + "\n}\n");
        Assert.Empty(result.Diagnostics);
        Assert.Single(GeneratorHarness.DeclarationFiles(result));
        // Overloads compile; only a call ambiguity could arise, at the caller's site.
        DiagnosticAssert.ErrorsOnlyInUserCode(result, output);
    }
}
