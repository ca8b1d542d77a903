using Microsoft.CodeAnalysis;
using SigmoidGen.Generator.Model;

namespace SigmoidGen.Generator.Parsing;

/// <summary>
/// What the parser made of one annotated method: a spec when code can be generated, and the diagnostics to report.
/// </summary>
internal sealed record ParseResult(LayerSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
