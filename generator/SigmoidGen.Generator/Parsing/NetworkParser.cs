using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SigmoidGen.Generator.Diagnostics;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Parsing;

/// <summary>What the parser made of one <c>[SigmoidNetwork]</c> class.</summary>
internal sealed record NetworkParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Turns a class carrying <c>[SigmoidNetwork]</c> into a <see cref="NetworkSpec"/>, or into diagnostics.</summary>
internal static class NetworkParser
{
    public static NetworkParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        NetworkSpec? spec = context.TargetNode is TypeDeclarationSyntax syntax && context.TargetSymbol is INamedTypeSymbol type
            ? ParseType(context, syntax, type, diagnostics, cancellationToken)
            : null;
        return new NetworkParseResult(spec, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static NetworkSpec? ParseType(
        GeneratorAttributeSyntaxContext context,
        TypeDeclarationSyntax syntax,
        INamedTypeSymbol type,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        if (syntax.ContainsDiagnostics)
        {
            return null;
        }

        AttributeData? attribute = context.Attributes.FirstOrDefault();
        if (attribute is null || attribute.ConstructorArguments.Length != 1 ||
            attribute.ConstructorArguments[0] is not { Kind: TypedConstantKind.Array } sizesArgument ||
            sizesArgument.Values.Any(v => v.Value is not int) ||
            attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
        {
            return null; // Half-typed attribute: the compiler reports it.
        }

        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        Location attributeLocation = attributeSyntax?.GetLocation() ?? syntax.Identifier.GetLocation();
        int errors = 0;
        void Report(DiagnosticDescriptor descriptor, Location location, params object?[] args)
        {
            diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));
            errors += descriptor.DefaultSeverity == DiagnosticSeverity.Error ? 1 : 0;
        }

        // The class and the types around it: partial, not static, not file-local.
        var types = new List<ContainingType>();
        for (INamedTypeSymbol? symbol = type; symbol is not null; symbol = symbol.ContainingType)
        {
            var declaration = symbol.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
                .FirstOrDefault(d => d.SyntaxTree == syntax.SyntaxTree && d.Span.Contains(syntax.Span)) ?? syntax;
            if (symbol.IsFileLocal || symbol.TypeKind == TypeKind.Interface || (symbol.Equals(type, SymbolEqualityComparer.Default) && symbol.IsStatic))
            {
                string what = symbol.IsFileLocal ? $"file-local type '{symbol.Name}'" : symbol.IsStatic ? $"static class '{symbol.Name}'" : $"interface '{symbol.Name}'";
                Report(Descriptors.UnsupportedContainingType, declaration.Identifier.GetLocation(), type.Name, what);
            }
            else if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                Report(Descriptors.ContainingTypeNotPartial, declaration.Identifier.GetLocation(), symbol.Name, type.Name);
            }

            types.Insert(0, new ContainingType(LayerParser.DeclarationKeyword(symbol), LayerParser.TypeName(symbol)));
        }

        // The sizes.
        int[] sizes = sizesArgument.Values.Select(v => (int)v.Value!).ToArray();
        if (sizes.Length < 2)
        {
            Report(Descriptors.TooFewNetworkSizes, attributeLocation, type.Name, sizes.Length);
        }

        for (int k = 0; k < sizes.Length; k++)
        {
            if (sizes[k] <= 0)
            {
                Location location = attributeSyntax?.ArgumentList?.Arguments.Count > k ? attributeSyntax.ArgumentList.Arguments[k].GetLocation() : attributeLocation;
                Report(Descriptors.NonPositiveDimension, location, $"sizes[{k}]", sizes[k]);
            }
        }

        long parameters = 0;
        for (int k = 0; k + 1 < sizes.Length && errors == 0; k++)
        {
            parameters += ((long)sizes[k] * sizes[k + 1]) + sizes[k + 1];
        }

        if (parameters > int.MaxValue)
        {
            Report(Descriptors.ShapeTooLarge, attributeLocation, "the parameters", parameters, int.MaxValue);
        }

        // The element type and precision.
        ElementKind element = ElementKind.Float;
        int precision = 0;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == "ElementType" && named.Value.Value is ITypeSymbol elementType)
            {
                switch (elementType.SpecialType)
                {
                    case SpecialType.System_Single: element = ElementKind.Float; break;
                    case SpecialType.System_Double: element = ElementKind.Double; break;
                    default:
                        Report(Descriptors.UnsupportedElementType, attributeLocation, elementType.ToDisplayString(), "ElementType");
                        break;
                }
            }
            else if (named.Key == "Precision" && named.Value.Value is int p)
            {
                precision = p;
                if (p is not (0 or 1))
                {
                    Report(Descriptors.InvalidPrecision, attributeLocation, "Precision", p, "SigmoidPrecision.Exact or SigmoidPrecision.Fast");
                }
            }
        }

        if (errors > 0)
        {
            return null;
        }

        string[] plain = new string[sizes.Length - 1];
        for (int k = 0; k < plain.Length; k++)
        {
            long weights = (long)sizes[k] * sizes[k + 1];
            plain[k] = weights > LayerParser.MaxSpecialisedWeights
                ? $"layer {k} has {weights} weights, more than {LayerParser.MaxSpecialisedWeights}, so streaming them from memory dominates"
                : sizes[k + 1] > LayerParser.MaxBackwardOutputs
                    ? $"layer {k} has {sizes[k + 1]} outputs, more than the {LayerParser.MaxBackwardOutputs} whose gradients the backward kernels keep on the stack"
                    : string.Empty;
            if (plain[k].Length > 0)
            {
                Report(Descriptors.PlainLoopFallback, attributeLocation, type.Name, plain[k]);
            }
        }

        return new NetworkSpec(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            new EquatableArray<ContainingType>(types),
            element,
            new EquatableArray<int>(sizes),
            (Precision)precision,
            new EquatableArray<string>(plain),
            attributeSyntax?.ToString() ?? "SigmoidNetwork");
    }
}
