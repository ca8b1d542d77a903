namespace SigmoidGen.Generator;

/// <summary>Facts about the SigmoidGen project itself, for text the generator shows users.</summary>
internal static class ProjectInfo
{
    /// <summary>
    /// The documentation of every diagnostic: its path inside the SigmoidGen package (src/SigmoidGen/SigmoidGen.csproj
    /// packs docs/diagnostics.md there; a test checks), which each diagnostic's description names. The project has no
    /// public web address yet, so diagnostics carry no help link rather than a dead one.
    /// </summary>
    public const string DiagnosticsDocs = "docs/diagnostics.md";
}
