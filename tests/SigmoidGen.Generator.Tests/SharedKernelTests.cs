using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SigmoidGen.Generator.Tests.Infrastructure;

namespace SigmoidGen.Generator.Tests;

/// <summary>
/// Network kernel classes are shared within a compilation: one class per layer shape and role (issue 16), named from
/// that key alone, in a namespace of the assembly's own so that two assemblies seeing each other's internals never clash.
/// </summary>
public class SharedKernelTests
{
    private const string Two = """
        using SigmoidGen;

        [SigmoidNetwork(30, 16, 1)]
        public partial class Cancer { }

        [SigmoidNetwork(30, 16, 2)]
        public partial class Pair { }
        """;

    [Fact]
    public void TwoNetworksSharingALayerShapeEmitItsKernelsOnce()
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(Two);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilationProblems(output));
        string[] names = result.Results[0].GeneratedSources.Select(s => s.HintName).ToArray();

        // 30 → 16 forward and training once; 16 → 1 and 16 → 2 each their own forward class, and (plain SGD taking the
        // narrow kernel there) a plain SGD class and an optimizers' class: eight kernel files, two network files.
        Assert.Single(names, n => n.StartsWith("SigmoidGen.Generated.Kernels_float_30x16_Forward_", StringComparison.Ordinal));
        Assert.Single(names, n => n.StartsWith("SigmoidGen.Generated.Kernels_float_30x16_Train_", StringComparison.Ordinal));
        Assert.Equal(2, GeneratorHarness.DeclarationFiles(result).Length);
        Assert.Equal(8, names.Length - 2);

        // Both networks call the one class, by the same name.
        string forward = names.Single(n => n.StartsWith("SigmoidGen.Generated.Kernels_float_30x16_Forward_", StringComparison.Ordinal));
        string className = forward.Substring("SigmoidGen.Generated.".Length, forward.Length - "SigmoidGen.Generated.".Length - ".g.cs".Length);
        foreach (string network in new[] { "Cancer", "Pair" })
        {
            string text = result.Results[0].GeneratedSources.Single(s => s.HintName == network + ".Network.g.cs").SourceText.ToString();
            Assert.Contains("." + className + ".Forward(ref x, ref p, Layer0Weights", text);
        }
    }

    [Fact]
    public void ANetworkComputesTheSameNumbersBesideAnotherSharingItsKernels()
    {
        // Cancer alone, then beside Pair (which shares its first layer's classes and trains first): bit-identical.
        const string alone = "using SigmoidGen;\n[SigmoidNetwork(30, 16, 1)] public partial class Cancer { }\n";
        Assert.Equal(Probe(alone + ProbeSource(withPair: false)), Probe(Two + ProbeSource(withPair: true)));
    }

    [Fact]
    public void TwoAssembliesSeeingEachOthersInternalsCompileWithoutWarnings()
    {
        // Both declare a 5-3-1 network, so both generate kernels of the same shapes; the library lets the app see its
        // internals. Kernel classes in a namespace common to both would clash (CS0436, an error under TreatWarningsAsErrors).
        const string library = """
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("App")]
            [SigmoidGen.SigmoidNetwork(5, 3, 1)] public partial class LibraryNet { }
            public static class LibraryUse { public static int Size() => new LibraryNet().Parameters.Length; }
            """;
        CSharpCompilation libraryCompilation = GeneratorHarness.CreateCompilation(library, "Library");
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(libraryCompilation, out Compilation libraryOutput, out _);
        Assert.Empty(GeneratorHarness.CompilationProblems(libraryOutput));
        using var image = new MemoryStream();
        Assert.True(libraryOutput.Emit(image).Success);

        const string app = """
            [SigmoidGen.SigmoidNetwork(5, 3, 1)] public partial class AppNet { }
            public static class AppUse { public static int Size() => new AppNet().Parameters.Length + LibraryUse.Size(); }
            """;
        CSharpCompilation appCompilation = GeneratorHarness.CreateCompilation(app, "App")
            .AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        GeneratorDriverRunResult result = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(appCompilation, out Compilation appOutput, out _).GetRunResult();
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilationProblems(appOutput));
        Assert.NotEmpty(result.GeneratedTrees.Where(GeneratorHarness.IsSharedKernel));
    }

    /// <summary>A static method training and running Cancer (after Pair, if present) with plain SGD and Adam.</summary>
    private static string ProbeSource(bool withPair) => $$"""

        public static class Probe
        {
            public static float[] Run()
            {
                var random = new System.Random(5);
                float[] x = new float[4 * 30], t = new float[4], t2 = new float[8];
                for (int i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
                for (int i = 0; i < t.Length; i++) t[i] = i % 2;
                {{(withPair ? "var pair = new Pair(); pair.Initialize(3); pair.TrainStep(x, t2, 0.5f); pair.TrainStep(x, t2, new SigmoidAdam(0.01));" : string.Empty)}}
                var net = new Cancer();
                net.Initialize(11);
                var result = new System.Collections.Generic.List<float>();
                result.Add(net.TrainStep(x, t, 0.5f));
                var adam = new SigmoidAdam(0.01);
                result.Add(net.TrainStep(x, t, adam));
                result.Add(net.TrainStep(x, t, adam));
                float[] y = new float[4];
                net.Predict(x, y);
                result.AddRange(y);
                result.AddRange(net.Parameters.ToArray());
                return result.ToArray();
            }
        }
        """;

    private static float[] Probe(string source)
    {
        Assembly assembly = GeneratorHarness.CompileAndLoad(source);
        return (float[])assembly.GetType("Probe")!.GetMethod("Run")!.Invoke(null, null)!;
    }
}
