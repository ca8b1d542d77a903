using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using SigmoidGen.Generator.Diagnostics;

namespace SigmoidGen.Generator.Tests;

/// <summary>
/// What ships around each diagnostic agrees with its descriptor: where its description says the documentation is, its
/// section and table row in docs/diagnostics.md, that file in the package, and the analyzer release files.
/// </summary>
public class DiagnosticMetadataTests
{
    /// <summary>Every <see cref="DiagnosticDescriptor"/> field of <see cref="Descriptors"/>, found by reflection so a new one cannot be missed.</summary>
    private static readonly DiagnosticDescriptor[] All = typeof(Descriptors)
        .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToArray();

    private static readonly string RepoRoot = FindRepoRoot();

    [Fact]
    public void IdsAreDistinctAndWellFormed()
    {
        Assert.NotEmpty(All);
        Assert.Equal(All.Length, All.Select(d => d.Id).Distinct().Count());
        Assert.All(All, d => Assert.Matches(@"^SGEN\d{3}$", d.Id));
        Assert.All(All, d => Assert.Equal("SigmoidGen", d.Category));
    }

    /// <summary>
    /// No descriptor links to a web page (the project has none yet: a link would be dead); each description names the
    /// documentation file shipped in the package and the descriptor's section in it.
    /// </summary>
    [Fact]
    public void EveryDescriptorPointsToItsSectionOfTheShippedDocs()
    {
        Assert.All(All, d => Assert.Equal(string.Empty, d.HelpLinkUri));
        Assert.Equal(
            All.Select(d => $"{d.Id} Documented in the SigmoidGen package, file docs/diagnostics.md, section {d.Id} (in the NuGet cache: ~/.nuget/packages/sigmoidgen/<version>/docs/diagnostics.md)."),
            All.Select(d => $"{d.Id} {d.Description}"));
    }

    [Fact]
    public void DocsHaveASectionAndATableRowForEveryId()
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepoRoot, "docs", "diagnostics.md"));

        // "## SGEN001": GitHub's anchor for it is "#sgen001", the help link's fragment. No section for an unknown ID.
        Assert.Equal(
            All.Select(d => "## " + d.Id),
            lines.Where(l => Regex.IsMatch(l, @"^##\s+SGEN")).Select(l => l.TrimEnd()).Order(StringComparer.Ordinal));

        // "| [SGEN001](#sgen001) | error | Layer method must be partial |"
        var rows = lines
            .Select(l => Regex.Match(l, @"^\|\s*\[(SGEN\d{3})\]\(#([^)]*)\)\s*\|\s*([^|]*?)\s*\|\s*([^|]*?)\s*\|\s*$"))
            .Where(m => m.Success)
            .Select(m => $"{m.Groups[1].Value} #{m.Groups[2].Value} {m.Groups[3].Value} {m.Groups[4].Value}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            All.Select(d => $"{d.Id} #{d.Id.ToLowerInvariant()} {d.DefaultSeverity.ToString().ToLowerInvariant()} {d.Title}"),
            rows);
    }

    /// <summary>The file the descriptions name exists, and the package ships it at that path.</summary>
    [Fact]
    public void ThePackageShipsTheDocsTheDescriptionsName()
    {
        Assert.True(File.Exists(Path.Combine(RepoRoot, ProjectInfo.DiagnosticsDocs)));
        XDocument project = XDocument.Load(Path.Combine(RepoRoot, "src", "SigmoidGen", "SigmoidGen.csproj"));
        XElement docs = Assert.Single(project.Descendants("None"), e => ((string?)e.Attribute("Include"))?.Replace('\\', '/').EndsWith("/" + ProjectInfo.DiagnosticsDocs, StringComparison.Ordinal) == true);
        Assert.Equal("true", (string?)docs.Attribute("Pack"));
        Assert.Equal(ProjectInfo.DiagnosticsDocs, (string?)docs.Attribute("PackagePath"));
    }

    [Fact]
    public void EveryIdIsInTheAnalyzerReleasesWithItsSeverityAndTitle()
    {
        // Replay the releases in order, shipped then unshipped: the state of each rule is its last mention.
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            string section = "";
            foreach (string line in File.ReadAllLines(Path.Combine(RepoRoot, "generator", "SigmoidGen.Generator", file)))
            {
                if (line.StartsWith("###", StringComparison.Ordinal))
                {
                    section = line.TrimStart('#').Trim();
                    continue;
                }

                string[] cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (!Regex.IsMatch(cells[0], @"^SGEN\d{3}$"))
                {
                    continue;
                }

                switch (section)
                {
                    case "New Rules": // Rule ID | Category | Severity | Notes
                        rules[cells[0]] = $"{cells[0]} | {cells[1]} | {cells[2]} | {cells[3]}";
                        break;
                    case "Changed Rules": // Rule ID | New Category | New Severity | Old Category | Old Severity | Notes
                        rules[cells[0]] = $"{cells[0]} | {cells[1]} | {cells[2]} | {cells[5]}";
                        break;
                    case "Removed Rules":
                        rules.Remove(cells[0]);
                        break;
                }
            }
        }

        Assert.Equal(
            All.Select(d => $"{d.Id} | {d.Category} | {d.DefaultSeverity} | {d.Title}"),
            rules.Values.Order(StringComparer.Ordinal));
    }

    /// <summary>The folder holding SigmoidGen.sln, walking up from the test's output folder.</summary>
    private static string FindRepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SigmoidGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No SigmoidGen.sln above {AppContext.BaseDirectory}.");
    }
}
