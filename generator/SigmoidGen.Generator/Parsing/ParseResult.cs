using Microsoft.CodeAnalysis;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Parsing;

/// <summary>
/// What the parser made of one annotated method: a spec when code can be generated, and the diagnostics to report.
/// Diagnostics keep their source <see cref="Location"/> (a syntax tree and a span, no node or symbol) so that they
/// point into the user's file and can be suppressed with <c>#pragma</c>.
/// </summary>
internal sealed record ParseResult(LayerSpec? Spec, EquatableArray<Diagnostic> Diagnostics);
