using System;
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
/// <param name="Model">What <c>Model = "…"</c> asks for; then <paramref name="Spec"/> has the declared sizes (possibly
/// none) and <see cref="ModelResolver"/> completes it from the file.</param>
internal sealed record NetworkParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, ModelRequest? Model = null);

/// <summary>Turns a class carrying <c>[SigmoidNetwork]</c> into a <see cref="NetworkSpec"/>, or into diagnostics.</summary>
internal static class NetworkParser
{
    public static NetworkParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        ModelRequest? model = null;
        NetworkSpec? spec = context.TargetNode is TypeDeclarationSyntax syntax && context.TargetSymbol is INamedTypeSymbol type
            ? ParseType(context, syntax, type, diagnostics, ref model, cancellationToken)
            : null;
        return new NetworkParseResult(spec, new EquatableArray<DiagnosticInfo>(diagnostics), spec is null ? null : model);
    }

    private static NetworkSpec? ParseType(
        GeneratorAttributeSyntaxContext context,
        TypeDeclarationSyntax syntax,
        INamedTypeSymbol type,
        List<DiagnosticInfo> diagnostics,
        ref ModelRequest? model,
        CancellationToken cancellationToken)
    {
        if (syntax.ContainsDiagnostics)
        {
            return null;
        }

        // A half-typed attribute (no constructor chosen, an argument of the wrong type): the compiler reports it.
        AttributeData? attribute = context.Attributes.FirstOrDefault();
        if (attribute is null || attribute.ConstructorArguments.Length != 1 ||
            attribute.ConstructorArguments[0] is not { Kind: TypedConstantKind.Array } sizesArgument ||
            attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error) ||
            (!sizesArgument.IsNull && sizesArgument.Values.Any(v => v.Kind == TypedConstantKind.Error || v.Value is not int)))
        {
            return null;
        }

        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        Location attributeLocation = attributeSyntax?.GetLocation() ?? syntax.Identifier.GetLocation();
        if (LanguageRequirement.Check(syntax.SyntaxTree, attributeLocation) is { } tooOld)
        {
            diagnostics.Add(tooOld);
            return null; // One diagnostic: below C# 11 the generated file would fail.
        }

        int errors = 0;
        void Report(DiagnosticDescriptor descriptor, Location location, params object?[] args)
        {
            diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));
            errors += descriptor.DefaultSeverity == DiagnosticSeverity.Error ? 1 : 0;
        }

        string network = $"Network class '{type.Name}'";
        List<ContainingType> types = CheckTypes(syntax, type, network, Report, cancellationToken);

        // The sizes: `params int[] sizes`, so null (`[SigmoidNetwork(null)]`) is an array too, with no values.
        if (sizesArgument.IsNull)
        {
            Report(Descriptors.TooFewNetworkSizes, attributeSyntax?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? attributeLocation,
                type.Name, "a null array of sizes");
            return null;
        }

        int[] sizes = sizesArgument.Values.Select(v => (int)v.Value!).ToArray();
        model = ModelArguments.Parse(attribute, attributeSyntax, attributeLocation, sizes.Length, Report);
        bool compiled = model is not null || attribute.NamedArguments.Any(a => a.Key == "Model");
        if (sizes.Length < 2 && !(compiled && sizes.Length == 0))
        {
            Report(Descriptors.TooFewNetworkSizes, attributeLocation, type.Name, sizes.Length == 0 ? "no sizes" : "1 size");
        }

        for (int k = 0; k < sizes.Length; k++)
        {
            if (sizes[k] <= 0)
            {
                Report(Descriptors.NonPositiveDimension, SizeLocation(attributeSyntax, k, sizes.Length) ?? attributeLocation, $"sizes[{k}]", sizes[k]);
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

        // The element type and precision. Anything but typeof(float) or typeof(double), null included, is an error:
        // a network silently built for float would not be what the user asked for.
        ElementKind? element = ElementKind.Float;
        int precision = 0;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            Location location = LayerParser.ArgumentLocation(attributeSyntax, -1, named.Key) ?? attributeLocation;
            if (named.Key == "ElementType")
            {
                ITypeSymbol? elementType = named.Value.Value as ITypeSymbol;
                element = elementType?.SpecialType switch
                {
                    SpecialType.System_Single => ElementKind.Float,
                    SpecialType.System_Double => ElementKind.Double,
                    _ => null,
                };
                if (element is null && elementType is not { TypeKind: TypeKind.Error })
                {
                    Report(Descriptors.UnsupportedElementType, location, elementType?.ToDisplayString() ?? "null",
                        $"network class '{type.Name}'", "ElementType = typeof(float) or typeof(double)");
                }
            }
            else if (named.Key == "Precision" && named.Value.Value is int p)
            {
                precision = p;
                if (p is not (0 or 1))
                {
                    Report(Descriptors.InvalidPrecision, location, "Precision", p, "SigmoidPrecision.Exact or SigmoidPrecision.Fast");
                }
            }
        }

        // A compiled model's layer count is known only from its file: every Layer{k}Weights/Layer{k}Bias is reserved then.
        int layerCount = sizes.Length >= 2 ? sizes.Length - 1 : compiled ? ModelArguments.ReservedLayerCount(type) : 0;
        CheckMemberNames(context, syntax, type, element, layerCount, compiled, Report, cancellationToken);
        if (errors > 0 || element is null)
        {
            return null;
        }

        if (compiled && model is null)
        {
            return null; // A Model argument that is itself wrong (SGEN025): no file to read.
        }

        string[] plain = PlainReasons(sizes);
        foreach (string reason in plain.Where(r => r.Length > 0))
        {
            Report(Descriptors.PlainLoopFallback, attributeLocation, network, reason);
        }

        return new NetworkSpec(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            new EquatableArray<ContainingType>(types),
            element.Value,
            new EquatableArray<int>(sizes),
            (Precision)precision,
            new EquatableArray<string>(plain),
            LayerParser.SingleLine(attributeSyntax?.ToString() ?? "SigmoidNetwork"));
    }

    /// <summary>Per layer, why it is too large to specialise (SGEN013), or an empty string.</summary>
    public static string[] PlainReasons(IReadOnlyList<int> sizes)
    {
        string[] plain = new string[Math.Max(sizes.Count - 1, 0)];
        for (int k = 0; k < plain.Length; k++)
        {
            string? reason = Planning.SizeLimits.PlainReason(sizes[k], sizes[k + 1], backward: true);
            plain[k] = reason is null ? string.Empty : $"layer {k} has {reason}";
        }

        return plain;
    }

    /// <summary>
    /// The network class and the types around it, as they must be re-declared: the class partial, not static, not a
    /// struct (its generated fields have initialisers), not file-local; each type around it partial, not an interface,
    /// not file-local.
    /// </summary>
    private static List<ContainingType> CheckTypes(
        TypeDeclarationSyntax syntax, INamedTypeSymbol type, string network, Action<DiagnosticDescriptor, Location, object?[]> report, CancellationToken cancellationToken)
    {
        var types = new List<ContainingType>();
        for (INamedTypeSymbol? symbol = type; symbol is not null; symbol = symbol.ContainingType)
        {
            bool self = symbol.Equals(type, SymbolEqualityComparer.Default);
            var declaration = symbol.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
                .FirstOrDefault(d => d.SyntaxTree == syntax.SyntaxTree && d.Span.Contains(syntax.Span)) ?? syntax;
            Location location = declaration.Identifier.GetLocation();
            string? problem =
                self && symbol.IsFileLocal ? "is file-local" :
                self && symbol.IsStatic ? "is static" :
                self && symbol.TypeKind == TypeKind.Struct ? "is a struct" :
                symbol.IsFileLocal ? $"is declared in file-local type '{symbol.Name}'" :
                symbol.TypeKind == TypeKind.Interface ? $"is declared in interface '{symbol.Name}'" :
                null;
            if (problem is not null)
            {
                report(Descriptors.UnsupportedContainingType, location, new object?[]
                {
                    $"{network} {problem}",
                    "a network holds its parameters in an instance: declare it as a partial class or record class, not static nor file-local, in partial classes, structs or records",
                });
            }
            else if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                report(Descriptors.ContainingTypeNotPartial, location, new object?[] { self ? network : $"Type '{symbol.Name}', which contains {char.ToLowerInvariant(network[0])}{network.Substring(1)}," });
            }

            types.Insert(0, new ContainingType(LayerParser.DeclarationKeyword(symbol), LayerParser.TypeName(symbol)));
        }

        return types;
    }

    /// <summary>
    /// SGEN017: the class's own members, type parameters, name and inherited members that a generated member would
    /// clash with (<see cref="NetworkMemberNames"/> has the rule), each reported on the user's code.
    /// </summary>
    private static void CheckMemberNames(
        GeneratorAttributeSyntaxContext context, TypeDeclarationSyntax syntax, INamedTypeSymbol type, ElementKind? element, int layerCount,
        bool compiled, Action<DiagnosticDescriptor, Location, object?[]> report, CancellationToken cancellationToken)
    {
        string? keyword = element switch { ElementKind.Float => "float", ElementKind.Double => "double", _ => null };
        string network = $"network class '{type.Name}'";
        if (NetworkMemberNames.IsGenerated(type.Name, layerCount, compiled))
        {
            report(Descriptors.NetworkMemberConflict, syntax.Identifier.GetLocation(), new object?[]
            {
                $"The {network} has the name of a member SigmoidGen generates in it, and a member cannot have its class's name",
            });
        }

        foreach (ITypeParameterSymbol parameter in type.TypeParameters.Where(p => NetworkMemberNames.IsGenerated(p.Name, layerCount, compiled)))
        {
            report(Descriptors.NetworkMemberConflict, parameter.Locations.FirstOrDefault(l => l.IsInSource) ?? syntax.Identifier.GetLocation(), new object?[]
            {
                $"Type parameter '{parameter.Name}' of the {network} has the name of a member SigmoidGen generates in it",
            });
        }

        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.Locations.FirstOrDefault(l => l.IsInSource) is { } location &&
                NetworkMemberNames.Clash(member, keyword, layerCount, compiled) is { } clash)
            {
                report(Descriptors.NetworkMemberConflict, location, new object?[] { $"Member '{member.Name}' of the {network} clashes with {clash}" });
            }
        }

        // Inherited members the generated ones would hide (CS0108/CS0114 inside the generated file).
        Location baseLocation = syntax.BaseList?.Types.FirstOrDefault()?.GetLocation() ?? syntax.Identifier.GetLocation();
        for (INamedTypeSymbol? baseType = type.BaseType; baseType is { SpecialType: not SpecialType.System_Object }; baseType = baseType.BaseType)
        {
            if (baseType.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "SigmoidGen.SigmoidNetworkAttribute"))
            {
                report(Descriptors.NetworkMemberConflict, baseLocation, new object?[]
                {
                    $"The {network} derives from network class '{baseType.Name}', whose generated members its own would hide; derive both from a common base instead",
                });
                return;
            }

            foreach (ISymbol member in baseType.GetMembers())
            {
                if (member.DeclaredAccessibility != Accessibility.Private && !member.IsImplicitlyDeclared &&
                    context.SemanticModel.Compilation.IsSymbolAccessibleWithin(member, type) &&
                    NetworkMemberNames.Clash(member, keyword, layerCount, compiled) is { } clash)
                {
                    report(Descriptors.NetworkMemberConflict, baseLocation, new object?[]
                    {
                        $"The {network} inherits '{member.Name}' from '{baseType.Name}', which clashes with {clash}",
                    });
                }
            }
        }
    }

    /// <summary>
    /// Where size <paramref name="k"/> was written: its argument when the sizes are listed, its element when they are an
    /// array (<c>new[] { 30, 16, 1 }</c>), or null.
    /// </summary>
    internal static Location? SizeLocation(AttributeSyntax? attribute, int k, int count)
    {
        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attribute?.ArgumentList?.Arguments ?? default;
        var positional = arguments.Where(a => a.NameEquals is null).ToList();
        if (positional.Count == count && count > 1)
        {
            return positional[k].GetLocation();
        }

        InitializerExpressionSyntax? initializer = positional.Count == 1 ? positional[0].Expression switch
        {
            ArrayCreationExpressionSyntax array => array.Initializer,
            ImplicitArrayCreationExpressionSyntax array => array.Initializer,
            _ => null,
        } : null;
        return initializer?.Expressions.Count == count ? initializer.Expressions[k].GetLocation() : positional.Count == 1 && count == 1 ? positional[0].GetLocation() : null;
    }
}
