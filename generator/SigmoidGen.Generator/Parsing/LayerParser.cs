using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SigmoidGen.Generator.Diagnostics;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Parsing;

/// <summary>
/// Turns a method carrying <c>[SigmoidLayer]</c> into a <see cref="LayerSpec"/>, or into diagnostics that say what to
/// change. Never throws on malformed code: anything the compiler already reports (a half-typed attribute, an unknown
/// type) simply produces no spec.
/// </summary>
internal static class LayerParser
{
    /// <summary>Above this many weights the layer is memory-bound and gets the plain loop version (SGEN013).</summary>
    public const long MaxSpecialisedWeights = 1L << 24;

    private static readonly string[] RoleNames = { "input", "weights", "bias", "output" };

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        LayerSpec? spec = null;
        if (context.TargetNode is MethodDeclarationSyntax syntax && context.TargetSymbol is IMethodSymbol method)
        {
            spec = ParseMethod(context, syntax, method, diagnostics, cancellationToken);
        }

        return new ParseResult(spec, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static LayerSpec? ParseMethod(
        GeneratorAttributeSyntaxContext context,
        MethodDeclarationSyntax syntax,
        IMethodSymbol method,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        int errors = 0;
        void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] args)
        {
            diagnostics.Add(DiagnosticInfo.Create(descriptor, location ?? syntax.Identifier.GetLocation(), args));
            if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
            {
                errors++;
            }
        }

        string name = method.Name;
        Location nameLocation = syntax.Identifier.GetLocation();
        if (syntax.ContainsDiagnostics || (!method.IsStatic && method.ContainingType is { IsStatic: true }))
        {
            return null; // The declaration itself is broken: the compiler reports it, and generated code could not compile.
        }

        // The method: partial, no body, void, not generic.
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            Report(Descriptors.MethodNotPartial, nameLocation, name);
        }
        else if (syntax.Body is not null || syntax.ExpressionBody is not null || method.PartialImplementationPart is not null ||
                 syntax.Modifiers.Any(SyntaxKind.ExternKeyword))
        {
            Report(Descriptors.MethodHasBody, nameLocation, name);
        }

        if (!method.ReturnsVoid)
        {
            Report(Descriptors.ReturnTypeNotVoid, syntax.ReturnType.GetLocation(), name);
        }

        if (method.IsGenericMethod)
        {
            Report(Descriptors.GenericMethod, syntax.TypeParameterList?.GetLocation() ?? nameLocation, name);
        }

        // The types around it: partial classes, structs or records.
        List<ContainingType>? types = ParseContainingTypes(syntax, method, name, Report);

        // The attribute's arguments.
        AttributeData? attribute = context.Attributes.FirstOrDefault();
        if (attribute is null || attribute.ConstructorArguments.Length != 2 ||
            attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error || a.Value is not int))
        {
            return null; // Half-typed attribute: the compiler reports it.
        }

        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        Location attributeLocation = attributeSyntax?.GetLocation() ?? nameLocation;
        int inputs = (int)attribute.ConstructorArguments[0].Value!;
        int outputs = (int)attribute.ConstructorArguments[1].Value!;
        int batch = 0;
        int precision = 0;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Value.Kind == TypedConstantKind.Error)
            {
                return null;
            }

            if (named.Key == "Batch" && named.Value.Value is int b)
            {
                batch = b;
            }
            else if (named.Key == "Precision" && named.Value.Value is int p)
            {
                precision = p;
            }
        }

        CheckPositive("inputs", inputs, ArgumentLocation(attributeSyntax, 0, "inputs") ?? attributeLocation);
        CheckPositive("outputs", outputs, ArgumentLocation(attributeSyntax, 1, "outputs") ?? attributeLocation);
        if (attribute.NamedArguments.Any(a => a.Key == "Batch"))
        {
            CheckPositive("Batch", batch, ArgumentLocation(attributeSyntax, -1, "Batch") ?? attributeLocation);
        }

        if (precision is not (0 or 1))
        {
            Report(Descriptors.InvalidPrecision, ArgumentLocation(attributeSyntax, -1, "Precision") ?? attributeLocation, precision);
        }

        void CheckPositive(string what, int value, Location location)
        {
            if (value <= 0)
            {
                Report(Descriptors.NonPositiveDimension, location, what, value);
            }
        }

        // Sizes that must fit in a span.
        if (inputs > 0 && outputs > 0)
        {
            CheckFits("weights (outputs × inputs)", (long)inputs * outputs);
            if (batch > 0)
            {
                CheckFits("input (Batch × inputs)", (long)batch * inputs);
                CheckFits("output (Batch × outputs)", (long)batch * outputs);
            }
        }

        void CheckFits(string what, long count)
        {
            if (count > int.MaxValue)
            {
                Report(Descriptors.ShapeTooLarge, attributeLocation, what, count, int.MaxValue);
            }
        }

        // The parameters: ReadOnlySpan<T> x3, Span<T>, one element type, float or double.
        ElementKind? element = ParseParameters(syntax, method, name, Report);
        if (errors > 0 || types is null || element is null)
        {
            return null;
        }

        bool plain = (long)inputs * outputs > MaxSpecialisedWeights;
        if (plain)
        {
            Report(Descriptors.PlainLoopFallback, attributeLocation, name, (long)inputs * outputs, MaxSpecialisedWeights);
        }

        return new LayerSpec(
            Namespace: method.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            ContainingTypes: new EquatableArray<ContainingType>(types),
            MethodModifiers: string.Join(" ", syntax.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword)).Select(m => m.Text)),
            MethodName: EscapeIdentifier(name),
            Element: element.Value,
            ParameterNames: new EquatableArray<string>(method.Parameters.Select(p => EscapeIdentifier(p.Name))),
            ParameterModifiers: new EquatableArray<string>(syntax.ParameterList.Parameters.Select(
                p => p.Modifiers.Any(m => m.Text == "scoped") ? "scoped " : string.Empty)),
            Inputs: inputs,
            Outputs: outputs,
            Batch: batch,
            Precision: (Precision)precision,
            Plain: plain,
            AttributeText: attributeSyntax?.ToString() ?? "SigmoidLayer");
    }

    private static List<ContainingType>? ParseContainingTypes(
        MethodDeclarationSyntax syntax,
        IMethodSymbol method,
        string name,
        System.Action<DiagnosticDescriptor, Location?, object?[]> report)
    {
        var types = new List<ContainingType>();
        bool ok = true;
        INamedTypeSymbol? symbol = method.ContainingType;
        SyntaxNode? node = syntax.Parent;
        while (symbol is not null && node is TypeDeclarationSyntax typeSyntax)
        {
            Location location = typeSyntax.Identifier.GetLocation();
            if (symbol.TypeKind == TypeKind.Interface || symbol.IsFileLocal)
            {
                string kind = symbol.IsFileLocal ? $"file-local type '{symbol.Name}'" : $"interface '{symbol.Name}'";
                report(Descriptors.UnsupportedContainingType, location, new object?[] { name, kind });
                ok = false;
            }
            else if (!typeSyntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                report(Descriptors.ContainingTypeNotPartial, location, new object?[] { symbol.Name, name });
                ok = false;
            }

            types.Insert(0, new ContainingType(Keyword(symbol), TypeName(symbol)));
            symbol = symbol.ContainingType;
            node = typeSyntax.Parent;
        }

        return ok && symbol is null ? types : null;
    }

    private static ElementKind? ParseParameters(
        MethodDeclarationSyntax syntax,
        IMethodSymbol method,
        string name,
        System.Action<DiagnosticDescriptor, Location?, object?[]> report)
    {
        if (method.Parameters.Length != 4)
        {
            report(Descriptors.WrongParameterCount, syntax.ParameterList.GetLocation(), new object?[] { name, method.Parameters.Length });
            return null;
        }

        ElementKind? first = null;
        bool ok = true;
        for (int i = 0; i < 4; i++)
        {
            IParameterSymbol parameter = method.Parameters[i];
            Location location = syntax.ParameterList.Parameters[i].GetLocation();
            string expectedSpan = i < 3 ? "ReadOnlySpan" : "Span";
            if (parameter.Type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } type ||
                type.Name != expectedSpan ||
                type.ContainingNamespace?.ToDisplayString() != "System" ||
                parameter.RefKind != RefKind.None || parameter.IsParams || (i == 0 && method.IsExtensionMethod))
            {
                if (parameter.Type.TypeKind != TypeKind.Error)
                {
                    report(Descriptors.WrongParameterType, location, new object?[] { parameter.Name, RoleNames[i], expectedSpan + "<float> or " + expectedSpan + "<double>" });
                }

                ok = false;
                continue;
            }

            ITypeSymbol elementType = type.TypeArguments[0];
            ElementKind? element = elementType.SpecialType switch
            {
                SpecialType.System_Single => ElementKind.Float,
                SpecialType.System_Double => ElementKind.Double,
                _ => null,
            };
            if (element is null)
            {
                if (elementType.TypeKind != TypeKind.Error && ok)
                {
                    report(Descriptors.UnsupportedElementType, location, new object?[] { elementType.ToDisplayString(), parameter.Name });
                }

                ok = false;
            }
            else if (first is null)
            {
                first = element;
            }
            else if (element != first)
            {
                report(Descriptors.MixedElementTypes, location, new object?[] { parameter.Name, Keyword(element.Value), Keyword(first.Value) });
                ok = false;
            }
        }

        return ok ? first : null;
    }

    private static Location? ArgumentLocation(AttributeSyntax? attribute, int position, string name)
    {
        if (attribute?.ArgumentList is not { } list)
        {
            return null;
        }

        foreach (AttributeArgumentSyntax argument in list.Arguments)
        {
            string? argumentName = argument.NameEquals?.Name.Identifier.ValueText ?? argument.NameColon?.Name.Identifier.ValueText;
            if (argumentName == name)
            {
                return argument.GetLocation();
            }
        }

        return position >= 0 && position < list.Arguments.Count && list.Arguments[position].NameEquals is null
            ? list.Arguments[position].GetLocation()
            : null;
    }

    private static string Keyword(ElementKind element) => element == ElementKind.Float ? "float" : "double";

    private static string Keyword(INamedTypeSymbol type)
    {
        string kind = type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            _ => "class",
        };
        string prefix = (type.IsReadOnly && type.TypeKind == TypeKind.Struct ? "readonly " : string.Empty) +
                        (type.IsRefLikeType ? "ref " : string.Empty);
        return prefix + "partial " + kind;
    }

    private static string TypeName(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0
            ? EscapeIdentifier(type.Name)
            : EscapeIdentifier(type.Name) + "<" + string.Join(", ", type.TypeParameters.Select(p => EscapeIdentifier(p.Name))) + ">";

    private static string EscapeIdentifier(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) == SyntaxKind.AwaitKeyword
            ? "@" + identifier
            : identifier;
}
