namespace SigmoidGen.Generator;

/// <summary>Facts about the SigmoidGen project itself, for text the generator shows users.</summary>
internal static class ProjectInfo
{
    /// <summary>
    /// The public repository. Must equal <c>SigmoidGenRepositoryUrl</c> in Directory.Build.props, the package's
    /// repository URL (a test checks); diagnostics' help links point into its docs.
    /// </summary>
    public const string RepositoryUrl = "https://github.com/sigmoidgen/SigmoidGen";
}
