using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SigmoidGen.Generator.Planning;
using SigmoidGen.Generator.Tests.Infrastructure;

namespace SigmoidGen.Generator.Tests;

/// <summary>The pipeline caches: a second run and edits that do not change a layer regenerate nothing.</summary>
public class IncrementalityTests
{
    private const string Source = """
        using System;
        using SigmoidGen;

        namespace MyApp;

        public static partial class Scorer
        {
            [SigmoidLayer(inputs: 30, outputs: 16)]
            public static partial void Hidden(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

            [SigmoidLayer(inputs: 0, outputs: 16)]
            public static partial void Broken(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);
        }
        """;

    [Fact]
    public void SecondRunIsAllCachedAndHoldsNoCompilationObjects()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Incrementality.AssertNoForbiddenObjects(driver.GetRunResult());

        GeneratorDriverRunResult second = driver.RunGenerators(compilation.Clone()).GetRunResult();
        // The attribute step re-runs its transform on a new compilation, but every output equals the previous one...
        foreach (string step in Incrementality.TrackedSteps)
        {
            Assert.All(Incrementality.OutputReasons(second, step), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        // ...so no source is emitted again.
        Assert.All(Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));

        Assert.NotEmpty(Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source));
    }

    [Fact]
    public void UnrelatedFileAddedRegeneratesNothing()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", new CSharpParseOptions(LanguageVersion.Latest)));

        GeneratorDriverRunResult second = driver.RunGenerators(edited).GetRunResult();
        Assert.All(Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void CommentAddedInTheSameFileRegeneratesNothing()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxTree edited = tree.WithChangedText(tree.GetText().WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new(0, 0), "// a comment\n")));

        GeneratorDriverRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited)).GetRunResult();
        Assert.All(Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Specs), reason => Assert.True(reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, reason.ToString()));
        Assert.All(Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void ChangedShapeRegeneratesThatLayer()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxTree edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Source.Replace("inputs: 30", "inputs: 31")));

        GeneratorDriverRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited)).GetRunResult();
        Assert.Contains(IncrementalStepRunReason.Modified, Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source));
        Assert.Contains("Inputs = 31", second.GeneratedTrees.Single().ToString());
    }

    [Fact]
    public void EditingOneLayerRegeneratesOnlyThatLayer()
    {
        const string two = """
            using System;
            using SigmoidGen;

            public static partial class Layers
            {
                [SigmoidLayer(30, 16)]
                public static partial void A(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

                [SigmoidLayer(16, 1)]
                public static partial void B(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);
            }
            """;
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(two);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();

        // Attribute argument changed on B: B's file is regenerated, A's is not.
        SyntaxTree edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(two.Replace("SigmoidLayer(16, 1)", "SigmoidLayer(16, 2)")));
        GeneratorDriverRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited)).GetRunResult();
        var reasons = Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source).ToList();
        Assert.Single(reasons, IncrementalStepRunReason.Modified);
        Assert.Single(reasons, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Contains("Outputs = 2", second.Results[0].GeneratedSources.Single(s => s.HintName.Contains(".B.")).SourceText.ToString());
    }

    [Fact]
    public void RenamingAMethodReplacesItsFileOnly()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxTree edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Source.Replace("void Hidden(", "void Renamed(")));

        GeneratorDriverRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited)).GetRunResult();
        Assert.Equal(new[] { "MyApp.Scorer.Renamed.float.g.cs" }, second.Results[0].GeneratedSources.Select(s => s.HintName));
        Assert.Contains(IncrementalStepRunReason.Modified, Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source));
    }

    [Fact]
    public void EditingAMethodBodyElsewhereRegeneratesNothing()
    {
        const string withBody = """
            using System;
            using SigmoidGen;

            public static partial class Layers
            {
                [SigmoidLayer(30, 16)]
                public static partial void A(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

                public static int Helper(int x) { return x + 1; }
            }

            [SigmoidNetwork(5, 3, 1)]
            public partial class Net
            {
                public int Count() { return 1; }
            }
            """;
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(withBody);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();

        // Two bodies change, one in the layer's class and one in the network's: the specs are equal, no file is emitted again.
        string editedText = withBody.Replace("return x + 1;", "return x * 2 + 1;").Replace("return 1;", "return 2;");
        SyntaxTree edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(editedText));
        GeneratorDriverRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited)).GetRunResult();

        Assert.Equal(2, Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source).Count());
        Assert.All(Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Specs), reason => Assert.True(reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, reason.ToString()));
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Plan)));
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.NetworkPlan)));
        Assert.All(Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void EditingOneLayersAttributeRePlansAndReEmitsThatLayerOnly()
    {
        // Two layers in one file; B's attribute gains a fixed batch, which changes its plan. The Plan step runs again for B
        // only; A's plan and A's file come from the cache.
        const string two = """
            using System;
            using SigmoidGen;

            namespace MyApp;

            public static partial class Layers
            {
                [SigmoidLayer(30, 16)]
                public static partial void A(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

                [SigmoidLayer(64, 32)]
                public static partial void B(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

                public static int Helper(int x) { return x + 1; }
            }
            """;
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(two);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();

        SyntaxTree edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(two.Replace("SigmoidLayer(64, 32)", "SigmoidLayer(64, 32, Batch = 7)")));
        GeneratorDriverRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited)).GetRunResult();

        var plans = PlanOutputs(second);
        Assert.Equal(2, plans.Count);
        Assert.Equal(IncrementalStepRunReason.Modified, plans.Single(p => p.Layer.Spec.MethodName == "B").Reason);
        Assert.Equal(7, plans.Single(p => p.Layer.Spec.MethodName == "B").Layer.Plan.Forward!.Rows);
        Assert.Equal(IncrementalStepRunReason.Cached, plans.Single(p => p.Layer.Spec.MethodName == "A").Reason);

        var sources = Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source).ToList();
        Assert.Equal(2, sources.Count);
        Assert.Single(sources, IncrementalStepRunReason.Modified);
        Assert.Single(sources, IncrementalStepRunReason.Cached);
        Assert.Contains("private const int Batch = 7;", second.Results[0].GeneratedSources.Single(s => s.HintName.Contains(".B.")).SourceText.ToString());

        // Then a method body in the same class changes: every spec is unchanged, no plan is made and no file emitted again.
        SyntaxTree bodyEdited = edited.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(edited.GetText().ToString().Replace("return x + 1;", "return x - 1;")));
        GeneratorDriverRunResult third = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited)).RunGenerators(compilation.ReplaceSyntaxTree(tree, bodyEdited)).GetRunResult();
        Assert.All(Incrementality.OutputReasons(third, SigmoidLayerGenerator.Steps.Specs), reason => Assert.True(reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, reason.ToString()));
        Assert.Equal(new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached }, PlanOutputs(third).Select(p => p.Reason));
        Assert.Equal(new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached }, Incrementality.OutputReasons(third, SigmoidLayerGenerator.Steps.Source));
    }

    [Fact]
    public void EditingOneLayersAttributeAmongThreeAttributeKindsRePlansThatLayerOnly()
    {
        // A forward layer, a backward pass and a training step: the training step's loss changes. Its plan (the backward
        // planner's) is made again; the other two plans are not.
        const string three = """
            using System;
            using SigmoidGen;

            public static partial class Layers
            {
                [SigmoidLayer(30, 16)]
                public static partial void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);

                [SigmoidLayerBackward(30, 16)]
                public static partial void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy,
                    Span<float> dw, Span<float> db);

                [SigmoidLayerTrainStep(16, 1)]
                public static partial void Step(ReadOnlySpan<float> input, Span<float> weights, Span<float> bias,
                    ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, float learningRate);
            }
            """;
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(three);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();

        string editedText = three.Replace("[SigmoidLayerTrainStep(16, 1)]", "[SigmoidLayerTrainStep(16, 1, Batch = 32)]");
        GeneratorDriverRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(editedText)))).GetRunResult();

        var plans = PlanOutputs(second);
        Assert.Equal(3, plans.Count);
        Assert.Equal(IncrementalStepRunReason.Modified, plans.Single(p => p.Layer.Spec.MethodName == "Step").Reason);
        Assert.All(plans.Where(p => p.Layer.Spec.MethodName != "Step"), p => Assert.Equal(IncrementalStepRunReason.Cached, p.Reason));
        Assert.NotEmpty(plans.Single(p => p.Layer.Spec.MethodName == "Backward").Layer.Plan.Backward);

        var sources = Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source).ToList();
        Assert.Single(sources, IncrementalStepRunReason.Modified);
        Assert.Equal(2, sources.Count(r => r == IncrementalStepRunReason.Cached));
        Assert.Empty(second.Diagnostics);
    }

    /// <summary>Every output of the Plan step, with the layer it planned.</summary>
    private static List<(PlannedLayer Layer, IncrementalStepRunReason Reason)> PlanOutputs(GeneratorDriverRunResult result) =>
        result.Results[0].TrackedSteps[SigmoidLayerGenerator.Steps.Plan]
            .SelectMany(run => run.Outputs)
            .Select(output => ((PlannedLayer)output.Value, output.Reason))
            .ToList();

    [Fact]
    public void EditingOneNetworkRegeneratesOnlyThatNetwork()
    {
        const string two = """
            using SigmoidGen;

            [SigmoidNetwork(30, 16, 1)]
            public partial class Cancer { }

            [SigmoidNetwork(64, 32, 10)]
            public partial class Digits { }

            public static partial class Layers
            {
                [SigmoidLayer(8, 4)]
                public static partial void A(System.ReadOnlySpan<float> input, System.ReadOnlySpan<float> weights, System.ReadOnlySpan<float> bias, System.Span<float> output);
            }
            """;
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(two);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();

        // The hidden layer of Digits widens: its file is emitted again; Cancer's and the layer's are not.
        SyntaxTree edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(two.Replace("(64, 32, 10)", "(64, 40, 10)")));
        GeneratorDriverRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited)).GetRunResult();

        var reasons = Incrementality.OutputReasons(second, SigmoidLayerGenerator.Steps.Source).ToList();
        Assert.Equal(3, reasons.Count);
        Assert.Single(reasons, IncrementalStepRunReason.Modified);
        Assert.Equal(2, reasons.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        string digits = second.Results[0].GeneratedSources.Single(s => s.HintName.Contains("Digits")).SourceText.ToString();
        Assert.Contains("64, 40, 10", digits);
    }

    [Fact]
    public void EditingOneNetworksAttributeRePlansThatNetworkOnly()
    {
        const string two = """
            using SigmoidGen;

            [SigmoidNetwork(30, 16, 1)]
            public partial class Cancer { }

            [SigmoidNetwork(5, 3, 1)]
            public partial class Small
            {
                public int Count() { return 1; }
            }
            """;
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(two);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();

        // Small's hidden layer widens: its network is planned again, Cancer's plan is reused as it was.
        SyntaxTree edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(two.Replace("(5, 3, 1)", "(5, 4, 1)")));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited));
        GeneratorDriverRunResult second = driver.GetRunResult();
        List<(PlannedNetwork Network, IncrementalStepRunReason Reason)> plans = NetworkPlanOutputs(second);
        Assert.Equal(2, plans.Count);
        Assert.Equal(IncrementalStepRunReason.Modified, plans.Single(p => p.Network.Spec.DisplayName == "Small").Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, plans.Single(p => p.Network.Spec.DisplayName == "Cancer").Reason);
        Assert.Equal(new[] { 5, 4, 1 }, plans.Single(p => p.Network.Spec.DisplayName == "Small").Network.Spec.Sizes);

        // A method body of the network class changes: nothing is planned or emitted again.
        SyntaxTree bodyEdited = edited.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(two.Replace("(5, 3, 1)", "(5, 4, 1)").Replace("return 1;", "return 2;")));
        GeneratorDriverRunResult third = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, bodyEdited)).GetRunResult();
        Assert.All(NetworkPlanOutputs(third), plan => Assert.Equal(IncrementalStepRunReason.Cached, plan.Reason));
        Assert.All(Incrementality.OutputReasons(third, SigmoidLayerGenerator.Steps.Source), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void EditingOneNetworkReEmitsOnlyTheSharedKernelsItReplaces()
    {
        const string three = """
            using SigmoidGen;

            [SigmoidNetwork(30, 16, 1)]
            public partial class Cancer { }

            [SigmoidNetwork(30, 16, 2)]
            public partial class Pair { }

            [SigmoidNetwork(5, 3, 1)]
            public partial class Small
            {
                public int Count() { return 1; }
            }
            """;
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(three);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        List<(string HintName, IncrementalStepRunReason Reason)> first = SharedKernelOutputs(driver.GetRunResult());
        Assert.Single(first, k => k.HintName.Contains("_30x16_Forward_")); // Cancer's and Pair's first layer: one class.

        // Small's last layer becomes 3 → 2: its 3 → 1 classes give way to 3 → 2 ones, emitted; every other class is cached.
        SyntaxTree edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(three.Replace("(5, 3, 1)", "(5, 3, 2)")));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited));
        List<(string HintName, IncrementalStepRunReason Reason)> second = SharedKernelOutputs(driver.GetRunResult());
        Assert.Equal(first.Count, second.Count);
        Assert.Contains(second, k => k.HintName.Contains("_3x2_"));
        Assert.DoesNotContain(second, k => k.HintName.Contains("_3x1_"));
        Assert.All(second, k => Assert.Equal(k.HintName.Contains("_3x2_") ? IncrementalStepRunReason.Modified : IncrementalStepRunReason.Cached, k.Reason));

        // A method body of a network class changes: no shared kernel is emitted again.
        SyntaxTree bodyEdited = edited.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(three.Replace("(5, 3, 1)", "(5, 3, 2)").Replace("return 1;", "return 2;")));
        GeneratorDriverRunResult third = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, bodyEdited)).GetRunResult();
        Assert.All(SharedKernelOutputs(third), k => Assert.Equal(IncrementalStepRunReason.Cached, k.Reason));
        Assert.All(Incrementality.OutputReasons(third, SigmoidLayerGenerator.Steps.Source), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    /// <summary>Every output of the SharedKernels step: the file of one kernel class, and why it was (or was not) emitted.</summary>
    private static List<(string HintName, IncrementalStepRunReason Reason)> SharedKernelOutputs(GeneratorDriverRunResult result) =>
        result.Results[0].TrackedSteps[SigmoidLayerGenerator.Steps.SharedKernels]
            .SelectMany(run => run.Outputs)
            .Select(output => (((SigmoidGen.Generator.Model.GeneratedFile)output.Value).HintName, output.Reason))
            .ToList();

    [Fact]
    public void UnrelatedFileAddedRePlansNoNetwork()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation("[SigmoidGen.SigmoidNetwork(5, 3, 1)] public partial class Net { }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        CSharpCompilation added = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public static class Unrelated { public static int F() => 1; }", new CSharpParseOptions(LanguageVersion.Latest)));
        GeneratorDriverRunResult second = driver.RunGenerators(added).GetRunResult();
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(NetworkPlanOutputs(second)).Reason);
    }

    /// <summary>Every output of the NetworkPlan step, with the network it planned.</summary>
    private static List<(PlannedNetwork Network, IncrementalStepRunReason Reason)> NetworkPlanOutputs(GeneratorDriverRunResult result) =>
        result.Results[0].TrackedSteps[SigmoidLayerGenerator.Steps.NetworkPlan]
            .SelectMany(run => run.Outputs)
            .Select(output => ((PlannedNetwork)output.Value, output.Reason))
            .ToList();
}
