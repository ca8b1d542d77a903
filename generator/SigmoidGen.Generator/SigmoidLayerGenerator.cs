using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SigmoidGen.Generator.Emitting;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Parsing;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator;

/// <summary>
/// Implements every partial method marked <c>[SigmoidLayer]</c>, <c>[SigmoidLayerBackward]</c> or
/// <c>[SigmoidLayerTrainStep]</c>. Pipeline, per attribute: parse (symbols → <see cref="LayerSpec"/> + diagnostics),
/// then plan (<see cref="LayerPlanner"/> → <see cref="KernelPlan"/>, its own step) and emit (<see cref="LayerEmitter"/>,
/// which prints the plan); a network's plan is its own step too (<see cref="NetworkPlanner"/>, <see cref="NetworkEmitter"/>),
/// and the networks' kernel classes, one per distinct key in the compilation, another (<see cref="SharedKernelEmitter"/>);
/// each step is value-equatable and tracked, so an edit that does not change a spec regenerates nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SigmoidLayerGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incrementality tests.</summary>
    public static class Steps
    {
        public const string Parse = nameof(Parse);
        public const string Diagnostics = nameof(Diagnostics);
        public const string Specs = nameof(Specs);

        /// <summary>Each layer method's <see cref="KernelPlan"/> (<see cref="LayerPlanner"/>), beside its spec.</summary>
        public const string Plan = nameof(Plan);

        /// <summary>Each network's <see cref="PlannedNetwork"/> (<see cref="NetworkPlanner"/>): its kernel classes, each planned once.</summary>
        public const string NetworkPlan = nameof(NetworkPlan);

        /// <summary>Each distinct network kernel class of the compilation (<see cref="SharedKernel"/>), printed once however many networks call it.</summary>
        public const string SharedKernels = nameof(SharedKernels);
        public const string Source = nameof(Source);

        /// <summary>Each model file a network names, read and parsed (<see cref="SafetensorsReader"/>).</summary>
        public const string ModelFiles = nameof(ModelFiles);

        /// <summary>Each network completed from its model file (<see cref="ModelResolver"/>), or passed through.</summary>
        public const string Models = nameof(Models);
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<ImmutableArray<GeneratedFile>> files = Register(context, "SigmoidGen.SigmoidLayerAttribute", LayerKind.Forward).Collect()
            .Combine(Register(context, "SigmoidGen.SigmoidLayerBackwardAttribute", LayerKind.Backward).Collect())
            .Combine(Register(context, "SigmoidGen.SigmoidLayerTrainStepAttribute", LayerKind.TrainStep).Collect())
            .Combine(RegisterNetworks(context))
            .Select(static (all, _) => all.Left.Left.Left.AddRange(all.Left.Left.Right).AddRange(all.Left.Right).AddRange(all.Right));

        // Added together so that hint names stay unique even between names that differ only in case, which Roslyn
        // treats as one (a duplicate hint name would fail the whole run, CS8785). The text of each file is cached per
        // declaration above; this step only names and adds it.
        context.RegisterSourceOutput(files, static (output, all) =>
        {
            foreach (GeneratedFile file in GeneratedNames.MakeUnique(all))
            {
                output.AddSource(file.HintName, file.Text);
            }
        });
    }

    private static IncrementalValueProvider<ImmutableArray<GeneratedFile>> RegisterNetworks(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<NetworkParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "SigmoidGen.SigmoidNetworkAttribute",
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (syntaxContext, cancellationToken) => NetworkParser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(Steps.Parse);

        ReportDiagnostics(context, parsed.Select(static (result, _) => result.Diagnostics));

        // Compiled models (Model = "…"): the AdditionalFiles items some network names, each read and parsed once in its
        // own step, so that an edit of code or of another file leaves it cached and an edit of the file re-reads it.
        IncrementalValueProvider<EquatableArray<string>> referenced = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!.Path)
            .Collect()
            .Select(static (paths, _) => new EquatableArray<string>(paths.Distinct().OrderBy(p => p, System.StringComparer.Ordinal)));
        IncrementalValueProvider<ImmutableArray<ModelFile>> models = context.AdditionalTextsProvider
            .Combine(referenced)
            .Where(static pair => pair.Right.Any(path => ModelPath.Matches(pair.Left.Path, path)))
            .Select(static (pair, cancellationToken) => SafetensorsReader.Read(pair.Left, cancellationToken))
            .WithTrackingName(Steps.ModelFiles)
            .Collect();

        IncrementalValuesProvider<NetworkParseResult> resolved = parsed
            .Where(static result => result.Spec is not null)
            .Combine(models)
            .Select(static (pair, _) => ModelResolver.Resolve(pair.Left, pair.Right))
            .WithTrackingName(Steps.Models);

        ReportDiagnostics(context, resolved.Select(static (result, _) => result.Diagnostics));

        // The kernels' namespace holds a hash of the assembly name (see SharedKernelNames): equatable, so it changes nothing
        // until the assembly is renamed.
        IncrementalValueProvider<string?> assemblyName = context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName);
        IncrementalValuesProvider<PlannedNetwork> plans = resolved
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(Steps.Specs)
            .Combine(assemblyName)
            .Select(static (pair, _) => NetworkPlanner.Plan(pair.Left, pair.Right))
            .WithTrackingName(Steps.NetworkPlan);

        IncrementalValuesProvider<GeneratedFile> files = plans
            .Select(static (plan, _) => new GeneratedFile(GeneratedNames.HintName(plan.Spec), NetworkEmitter.Emit(plan)))
            .WithTrackingName(Steps.Source);

        // Each kernel class once per compilation: the distinct classes of every network, sorted by name so that an edit
        // that neither adds nor removes one leaves each at its place, cached.
        IncrementalValuesProvider<GeneratedFile> shared = plans
            .SelectMany(static (plan, _) => plan.Kernels.Select(k => k.Kernel))
            .Collect()
            .Select(static (kernels, _) => new EquatableArray<SharedKernel>(kernels.GroupBy(k => k.ClassName).Select(g => g.First()).OrderBy(k => k.ClassName, System.StringComparer.Ordinal)))
            .SelectMany(static (kernels, _) => kernels.ToImmutableArray())
            .Select(static (kernel, _) => SharedKernelEmitter.Emit(kernel))
            .WithTrackingName(Steps.SharedKernels);
        return files.Collect().Combine(shared.Collect()).Select(static (pair, _) => pair.Left.AddRange(pair.Right));
    }

    private static IncrementalValuesProvider<GeneratedFile> Register(IncrementalGeneratorInitializationContext context, string attribute, LayerKind kind)
    {
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is MethodDeclarationSyntax,
                (syntaxContext, cancellationToken) => LayerParser.Parse(kind, syntaxContext, cancellationToken))
            .WithTrackingName(Steps.Parse);

        ReportDiagnostics(context, parsed.Select(static (result, _) => result.Diagnostics));

        IncrementalValuesProvider<LayerSpec> specs = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(Steps.Specs);

        // Plan, then emit: every decision is made in the Plan step, whose equatable output the emitter only prints.
        IncrementalValuesProvider<PlannedLayer> plans = specs
            .Select(static (spec, _) => new PlannedLayer(spec, LayerPlanner.Plan(spec)))
            .WithTrackingName(Steps.Plan);

        IncrementalValuesProvider<GeneratedFile> files = plans
            .Select(static (layer, _) => new GeneratedFile(GeneratedNames.HintName(layer.Spec), LayerEmitter.Emit(layer)))
            .WithTrackingName(Steps.Source);
        return files;
    }

    /// <summary>Reports the parser's diagnostics through their own cheap output, keeping their source locations.</summary>
    private static void ReportDiagnostics(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics) =>
        context.RegisterSourceOutput(
            diagnostics.SelectMany(static (list, _) => list.ToImmutableArray()).WithTrackingName(Steps.Diagnostics),
            static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
}
