using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SigmoidGen.Generator.Emitting;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Parsing;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator;

/// <summary>
/// Implements every partial method marked <c>[SigmoidLayer]</c>. Pipeline: parse (symbols → <see cref="LayerSpec"/>
/// + diagnostics), plan (<see cref="KernelPlanner"/>), emit (<see cref="LayerEmitter"/>); each step is value-equatable
/// and tracked, so an edit that does not change a spec regenerates nothing.
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
        public const string Source = nameof(Source);
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "SigmoidGen.SigmoidLayerAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, cancellationToken) => LayerParser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(Steps.Parse);

        IncrementalValuesProvider<DiagnosticInfo> diagnostics = parsed
            .SelectMany(static (result, _) => result.Diagnostics.ToImmutableArray())
            .WithTrackingName(Steps.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        IncrementalValuesProvider<LayerSpec> specs = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(Steps.Specs);

        IncrementalValuesProvider<GeneratedFile> files = specs
            .Select(static (spec, _) => new GeneratedFile(LayerEmitter.HintName(spec), LayerEmitter.Emit(spec, KernelPlanner.Plan(spec))))
            .WithTrackingName(Steps.Source);
        context.RegisterSourceOutput(files, static (output, file) => output.AddSource(file.HintName, file.Text));
    }
}
