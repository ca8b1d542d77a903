using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SigmoidGen.Generator.Diagnostics;
using SigmoidGen.Generator.Model;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Parsing;

/// <summary>
/// Turns a method carrying one of the layer attributes into a <see cref="LayerSpec"/>, or into diagnostics that say
/// what to change. Never throws on malformed code: anything the compiler already reports (a half-typed attribute, an
/// unknown type, a syntax error) simply produces no spec.
/// </summary>
internal static class LayerParser
{
    public static ParseResult Parse(LayerKind kind, GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        LayerSpec? spec = null;
        if (context.TargetNode is MethodDeclarationSyntax syntax && context.TargetSymbol is IMethodSymbol method)
        {
            spec = new MethodParser(kind, context, syntax, method, diagnostics).Parse(cancellationToken);
        }

        return new ParseResult(spec, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private sealed class MethodParser
    {
        private readonly LayerKind _kind;
        private readonly GeneratorAttributeSyntaxContext _context;
        private readonly MethodDeclarationSyntax _syntax;
        private readonly IMethodSymbol _method;
        private readonly List<DiagnosticInfo> _diagnostics;
        private int _errors;

        public MethodParser(LayerKind kind, GeneratorAttributeSyntaxContext context, MethodDeclarationSyntax syntax, IMethodSymbol method, List<DiagnosticInfo> diagnostics)
        {
            _kind = kind;
            _context = context;
            _syntax = syntax;
            _method = method;
            _diagnostics = diagnostics;
        }

        private string Name => _method.Name;

        private Location NameLocation => _syntax.Identifier.GetLocation();

        public LayerSpec? Parse(CancellationToken cancellationToken)
        {
            if (_syntax.ContainsDiagnostics || (!_method.IsStatic && _method.ContainingType is { IsStatic: true }))
            {
                return null; // The declaration itself is broken: the compiler reports it, and generated code could not compile.
            }

            // The attribute's arguments.
            AttributeData? attribute = _context.Attributes.FirstOrDefault();
            if (attribute is null || attribute.ConstructorArguments.Length != 2 ||
                attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error || a.Value is not int) ||
                attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
            {
                return null; // Half-typed attribute: the compiler reports it.
            }

            var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            Location attributeLocation = attributeSyntax?.GetLocation() ?? NameLocation;
            if (LanguageRequirement.Check(_syntax.SyntaxTree, attributeLocation) is { } tooOld)
            {
                _diagnostics.Add(tooOld);
                return null; // One diagnostic: below C# 11 every generated file would fail.
            }

            int inputs = (int)attribute.ConstructorArguments[0].Value!;
            int outputs = (int)attribute.ConstructorArguments[1].Value!;
            int batch = Named<int>(attribute, "Batch");
            int precision = Named<int>(attribute, "Precision");
            int loss = Named<int>(attribute, "Loss");
            bool accumulate = Named<bool>(attribute, "Accumulate");
            bool parallel = _kind == LayerKind.Forward && Named<bool>(attribute, "Parallel");
            bool packedWeights = _kind == LayerKind.Forward && Named<bool>(attribute, "PackedWeights");
            int optimizer = _kind == LayerKind.TrainStep ? Named<int>(attribute, "Optimizer") : 0;

            CheckMethod();
            List<ContainingType>? types = ParseContainingTypes();

            CheckPositive("inputs", inputs, ArgumentLocation(attributeSyntax, 0, "inputs") ?? attributeLocation);
            CheckPositive("outputs", outputs, ArgumentLocation(attributeSyntax, 1, "outputs") ?? attributeLocation);
            if (attribute.NamedArguments.Any(a => a.Key == "Batch"))
            {
                CheckPositive("Batch", batch, ArgumentLocation(attributeSyntax, -1, "Batch") ?? attributeLocation);
            }

            if (precision is not (0 or 1))
            {
                Report(Descriptors.InvalidPrecision, ArgumentLocation(attributeSyntax, -1, "Precision") ?? attributeLocation,
                    "Precision", precision, "SigmoidPrecision.Exact or SigmoidPrecision.Fast");
            }

            if (loss is not (0 or 1))
            {
                Report(Descriptors.InvalidPrecision, ArgumentLocation(attributeSyntax, -1, "Loss") ?? attributeLocation,
                    "Loss", loss, "SigmoidLoss.None or SigmoidLoss.BinaryCrossEntropy");
                loss = 0;
            }

            if (optimizer is not (0 or 1 or 2))
            {
                Report(Descriptors.InvalidOptimizer, ArgumentLocation(attributeSyntax, -1, "Optimizer") ?? attributeLocation, optimizer);
                optimizer = 0;
            }

            // Sizes that must fit in a span.
            if (inputs > 0 && outputs > 0)
            {
                CheckFits("weights (outputs × inputs)", (long)inputs * outputs, attributeLocation);
                if (batch > 0)
                {
                    CheckFits("input (Batch × inputs)", (long)batch * inputs, attributeLocation);
                    CheckFits("output (Batch × outputs)", (long)batch * outputs, attributeLocation);
                }
            }

            // The signature: return type and parameters.
            LossKind lossKind = (LossKind)loss;
            ElementKind? element = ParseParameters(lossKind, (OptimizerKind)optimizer);
            if (element is not null)
            {
                CheckReturnType(lossKind, element.Value);
                if (packedWeights && inputs > 0 && outputs > 0 &&
                    SizeLimits.PackedLength(inputs, outputs, element.Value) is { } packedLength)
                {
                    // The overlapping last unit makes the packed weights longer than outputs × inputs.
                    CheckFits("packedWeights (SigmoidPacking.PackedLength)", packedLength, attributeLocation);
                }
            }

            if (_errors > 0 || types is null || element is null || _method.ReturnType.TypeKind == TypeKind.Error ||
                HasCompilerErrors(cancellationToken))
            {
                return null;
            }

            string? plainReason = SizeLimits.PlainReason(inputs, outputs, backward: _kind != LayerKind.Forward);
            if (plainReason is not null)
            {
                Report(Descriptors.PlainLoopFallback, attributeLocation, $"Layer method '{Name}'", plainReason);
            }

            // The user's declaration (what the generated partial method repeats) and the kernel's shape (what planning reads).
            var declaration = new LayerDeclaration(
                Namespace: _method.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
                ContainingTypes: new EquatableArray<ContainingType>(types),
                MethodModifiers: string.Join(" ", _syntax.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword)).Select(m => m.Text)),
                MethodName: EscapeIdentifier(Name),
                ParameterNames: new EquatableArray<string>(_method.Parameters.Select(p => EscapeIdentifier(p.Name))),
                ParameterModifiers: new EquatableArray<string>(_syntax.ParameterList.Parameters.Select(
                    p => p.Modifiers.Any(m => m.Text == "scoped") ? "scoped " : string.Empty)),
                AttributeText: SingleLine(attributeSyntax?.ToString() ?? LayerSignature.AttributeName(_kind)));
            var shape = new LayerShape(
                Kind: _kind,
                Element: element.Value,
                Inputs: inputs,
                Outputs: outputs,
                Batch: batch,
                Precision: (Precision)precision,
                Loss: lossKind,
                Accumulate: accumulate,
                Parallel: parallel,
                PackedWeights: packedWeights,
                Optimizer: (OptimizerKind)optimizer,
                HasInputGradient: _kind != LayerKind.Forward && _method.Parameters.Length == LayerSignature.Count(_kind, (OptimizerKind)optimizer).Max,
                PlainReason: plainReason ?? string.Empty);
            return new LayerSpec(declaration, shape);
        }

        /// <summary>
        /// Whether the compiler already rejects the declaration (other than for its missing implementation, which is
        /// ours to write): generated code for it could not compile either, and the compiler's error says what is wrong.
        /// </summary>
        private bool HasCompilerErrors(CancellationToken cancellationToken) =>
            _context.SemanticModel.GetDeclarationDiagnostics(_syntax.Span, cancellationToken)
                .Any(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795");

        private void Report(DiagnosticDescriptor descriptor, Location location, params object?[] args)
        {
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));
            if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
            {
                _errors++;
            }
        }

        private void CheckMethod()
        {
            if (!_syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                Report(Descriptors.MethodNotPartial, NameLocation, Name);
            }
            else if (_syntax.Body is not null || _syntax.ExpressionBody is not null || _method.PartialImplementationPart is not null ||
                     _syntax.Modifiers.Any(SyntaxKind.ExternKeyword))
            {
                Report(Descriptors.MethodHasBody, NameLocation, Name);
            }

            if (_method.IsGenericMethod)
            {
                Report(Descriptors.GenericMethod, _syntax.TypeParameterList?.GetLocation() ?? NameLocation, Name);
            }
        }

        private void CheckReturnType(LossKind loss, ElementKind element)
        {
            string expected = LayerSignature.ReturnType(_kind, loss, Keyword(element));
            bool ok = expected == "void"
                ? _method.ReturnsVoid
                : !_method.ReturnsByRef && !_method.ReturnsByRefReadonly && _method.ReturnType.SpecialType == (element == ElementKind.Float ? SpecialType.System_Single : SpecialType.System_Double);
            if (!ok && _method.ReturnType.TypeKind != TypeKind.Error)
            {
                string why = expected == "void" ? "void; the result is written to the output span" : $"{expected}, the loss";
                Report(Descriptors.ReturnTypeNotVoid, _syntax.ReturnType.GetLocation(), Name, why);
            }
        }

        private void CheckPositive(string what, int value, Location location)
        {
            if (value <= 0)
            {
                Report(Descriptors.NonPositiveDimension, location, what, value);
            }
        }

        private void CheckFits(string what, long count, Location location)
        {
            if (count > int.MaxValue)
            {
                Report(Descriptors.ShapeTooLarge, location, what, count, int.MaxValue);
            }
        }

        private List<ContainingType>? ParseContainingTypes()
        {
            var types = new List<ContainingType>();
            bool ok = true;
            INamedTypeSymbol? symbol = _method.ContainingType;
            SyntaxNode? node = _syntax.Parent;
            while (symbol is not null && node is TypeDeclarationSyntax typeSyntax)
            {
                Location location = typeSyntax.Identifier.GetLocation();
                if (symbol.TypeKind == TypeKind.Interface || symbol.IsFileLocal)
                {
                    string kind = symbol.IsFileLocal ? $"file-local type '{symbol.Name}'" : $"interface '{symbol.Name}'";
                    Report(Descriptors.UnsupportedContainingType, location, $"Layer method '{Name}' is declared in {kind}",
                        "declare it in a partial class, struct or record that is not file-local");
                    ok = false;
                }
                else if (!typeSyntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    Report(Descriptors.ContainingTypeNotPartial, location, $"Type '{symbol.Name}', which contains layer method '{Name}',");
                    ok = false;
                }

                types.Insert(0, new ContainingType(DeclarationKeyword(symbol), TypeName(symbol)));
                symbol = symbol.ContainingType;
                node = typeSyntax.Parent;
            }

            return ok && symbol is null ? types : null;
        }

        private ElementKind? ParseParameters(LossKind loss, OptimizerKind optimizer)
        {
            ParameterRole[] roles = LayerSignature.Roles(_kind, loss, optimizer);
            (int min, int max) = LayerSignature.Count(_kind, optimizer);
            // `__arglist` is no parameter symbol, but it is one the generated implementation would not repeat.
            int count = _method.IsVararg ? _syntax.ParameterList.Parameters.Count : _method.Parameters.Length;
            if (!OptimizerParameterMatches(optimizer, roles))
            {
                return null;
            }

            if (count < min || count > max || _method.IsVararg)
            {
                string expected = min == max ? $"{min}" : $"{min} or {max}";
                Report(Descriptors.WrongParameterCount, _syntax.ParameterList.GetLocation(), Name, expected, LayerSignature.Describe(_kind, loss, optimizer), count);
                return null;
            }

            ElementKind? first = null;
            bool ok = true;
            for (int i = 0; i < count; i++)
            {
                IParameterSymbol parameter = _method.Parameters[i];
                ParameterRole role = roles[i];
                Location location = _syntax.ParameterList.Parameters[i].GetLocation();
                if (role.Shape == ParameterShape.Struct)
                {
                    // The optimizer's hyperparameters: the runtime's struct, by value; no element type to learn from it.
                    if (!IsRuntimeType(parameter.Type, role.TypeName) || parameter.RefKind != RefKind.None ||
                        _syntax.ParameterList.Parameters[i].Modifiers.Any(SyntaxKind.ParamsKeyword))
                    {
                        if (parameter.Type.TypeKind != TypeKind.Error)
                        {
                            Report(Descriptors.WrongParameterType, location, parameter.Name, role.Role, role.TypeName);
                        }

                        ok = false;
                    }

                    continue;
                }

                ITypeSymbol? elementType = role.Shape == ParameterShape.Scalar
                    ? (parameter.Type.SpecialType is SpecialType.System_Single or SpecialType.System_Double ? parameter.Type : null)
                    : SpanElement(parameter.Type, role.Shape);
                // `params` on a span is an error before C# 13 that leaves IsParams false: read the modifier itself.
                bool isParams = parameter.IsParams || _syntax.ParameterList.Parameters[i].Modifiers.Any(SyntaxKind.ParamsKeyword);
                if (elementType is null || parameter.RefKind != RefKind.None || isParams || (i == 0 && _method.IsExtensionMethod))
                {
                    if (parameter.Type.TypeKind != TypeKind.Error)
                    {
                        Report(Descriptors.WrongParameterType, location, parameter.Name, role.Role, $"{role.TypeText("float")} or {role.TypeText("double")}");
                    }

                    ok = false;
                    continue;
                }

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
                        Report(Descriptors.UnsupportedElementType, location, elementType.ToDisplayString(), $"parameter '{parameter.Name}'", "float or double");
                    }

                    ok = false;
                }
                else if (first is null)
                {
                    first = element;
                }
                else if (element != first)
                {
                    Report(Descriptors.MixedElementTypes, location, parameter.Name, Keyword(element.Value), Keyword(first.Value));
                    ok = false;
                }
            }

            return ok ? first : null;
        }

        /// <summary>
        /// SGEN027 when the parameter in the optimizer's position (after the output gradient) is plainly meant for
        /// another optimizer: a learning rate, a <c>SigmoidSgdStep</c> or a <c>SigmoidAdamStep</c> that the attribute's
        /// <c>Optimizer</c> does not take. Checked before the count, which then differs too and would say less.
        /// </summary>
        private bool OptimizerParameterMatches(OptimizerKind optimizer, ParameterRole[] roles)
        {
            const int position = 5;
            if (_kind != LayerKind.TrainStep || _method.Parameters.Length <= position)
            {
                return true;
            }

            IParameterSymbol parameter = _method.Parameters[position];
            OptimizerKind? declared =
                parameter.Type.SpecialType is SpecialType.System_Single or SpecialType.System_Double ? OptimizerKind.PlainSgd
                : IsRuntimeType(parameter.Type, "SigmoidSgdStep") ? OptimizerKind.Sgd
                : IsRuntimeType(parameter.Type, "SigmoidAdamStep") ? OptimizerKind.Adam
                : null;
            if (declared is null || declared == optimizer)
            {
                return true;
            }

            ParameterRole expected = roles[position];
            string expectedText = expected.Shape == ParameterShape.Struct ? expected.TypeName : "float or double";
            string fix = declared == OptimizerKind.PlainSgd
                ? $"declare '{expected.TypeName} {expected.Role}' followed by {string.Join(" and ", LayerSignature.StateRoles(optimizer).Select(r => "Span<T> " + r))}, or remove Optimizer for plain SGD"
                : $"set Optimizer = SigmoidOptimizerKind.{declared}, or declare '{expectedText}'";
            Report(Descriptors.OptimizerParameterMismatch, _syntax.ParameterList.Parameters[position].GetLocation(),
                parameter.Name, parameter.Type.ToDisplayString(), optimizer, expectedText, fix);
            return false;
        }

        private static bool IsRuntimeType(ITypeSymbol type, string name) =>
            type is INamedTypeSymbol { IsGenericType: false } named && named.Name == name &&
            named.ContainingNamespace is { Name: "SigmoidGen", ContainingNamespace.IsGlobalNamespace: true };

        private static ITypeSymbol? SpanElement(ITypeSymbol type, ParameterShape shape) =>
            type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named &&
            named.Name == (shape == ParameterShape.ReadOnlySpan ? "ReadOnlySpan" : "Span") &&
            named.ContainingNamespace?.ToDisplayString() == "System"
                ? named.TypeArguments[0]
                : null;

        private static T Named<T>(AttributeData attribute, string name)
        {
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                if (named.Key == name && named.Value.Value is T value)
                {
                    return value;
                }
            }

            return default!;
        }
    }

    internal static Location? ArgumentLocation(AttributeSyntax? attribute, int position, string name)
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

    /// <summary>
    /// The attribute's text on one line: generated files quote it in a line comment, where a line break (the attribute
    /// written over several lines, with a comment inside) would end the comment and leave the rest as code.
    /// </summary>
    internal static string SingleLine(string text) =>
        new string(text.Select(ch => ch is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' ? ' ' : ch).ToArray());

    private static string Keyword(ElementKind element) => element == ElementKind.Float ? "float" : "double";

    internal static string DeclarationKeyword(INamedTypeSymbol type)
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

    internal static string TypeName(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0
            ? EscapeTypeName(type.Name)
            : EscapeTypeName(type.Name) + "<" + string.Join(", ", type.TypeParameters.Select(p => EscapeTypeName(p.Name))) + ">";

    /// <summary>
    /// A type or type parameter name as generated code re-declares it: escaped when it is a keyword, and also when it is
    /// a contextual keyword or all lower-case ASCII, which the compiler warns about (CS8860 for <c>record</c>, CS8981)
    /// on each declaration, the generated one included, unless escaped. The user's own declaration keeps its warning.
    /// </summary>
    private static string EscapeTypeName(string name) =>
        SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None || (name.Length > 0 && name.All(ch => ch is >= 'a' and <= 'z'))
            ? "@" + name
            : EscapeIdentifier(name);

    private static string EscapeIdentifier(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) == SyntaxKind.AwaitKeyword
            ? "@" + identifier
            : identifier;
}
