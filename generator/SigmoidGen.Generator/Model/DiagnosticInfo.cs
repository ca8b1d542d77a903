using System.Linq;
using Microsoft.CodeAnalysis;

namespace SigmoidGen.Generator.Model;

/// <summary>
/// A diagnostic to report, compared by value (Roslyn's <see cref="Diagnostic"/> compares its arguments by reference,
/// which would defeat caching). It keeps the source <see cref="Location"/> (a syntax tree and a span, no node or
/// symbol) so the diagnostic points into the user's file and can be suppressed with <c>#pragma</c>.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, Location Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location location, object?[] arguments) =>
        new(descriptor, location, new EquatableArray<string>(arguments.Select(a => a?.ToString() ?? string.Empty)));

    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location, Arguments.ToArray<object>());
}
