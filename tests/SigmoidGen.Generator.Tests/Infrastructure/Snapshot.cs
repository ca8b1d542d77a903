using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace SigmoidGen.Generator.Tests.Infrastructure;

/// <summary>
/// Verify-style snapshots: the text is compared with <c>Snapshots/{name}.verified.cs</c>; on a mismatch it is written
/// to <c>{name}.received.cs</c> beside it and the test fails with a readable diff. To accept a change, review the
/// received file and rename it over the verified one (or run once with <c>SIGMOIDGEN_ACCEPT_SNAPSHOTS=1</c>).
/// Version strings are scrubbed so a version bump changes no snapshot.
/// </summary>
internal static partial class Snapshot
{
    public static void Verify(string actual, string name, [CallerFilePath] string callerPath = "")
    {
        string folder = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        Directory.CreateDirectory(folder);
        string verifiedPath = Path.Combine(folder, name + ".verified.cs");
        string receivedPath = Path.Combine(folder, name + ".received.cs");
        string scrubbed = Scrub(actual);

        string? verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).ReplaceLineEndings("\n") : null;
        if (verified == scrubbed)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable("SIGMOIDGEN_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verifiedPath, scrubbed);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, scrubbed);
        string message = verified is null
            ? $"New snapshot: review {receivedPath} and rename it to {Path.GetFileName(verifiedPath)}."
            : $"Snapshot {name} changed; review {receivedPath}, rename it over the verified file if the change is intended.\n" + Diff(verified, scrubbed);
        Assert.Fail(message);
    }

    private static string Scrub(string text) =>
        VersionPattern().Replace(text.ReplaceLineEndings("\n"), "{version}");

    /// <summary>The first differing lines, with two lines of context.</summary>
    private static string Diff(string expected, string actual)
    {
        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        int first = 0;
        while (first < e.Length && first < a.Length && e[first] == a[first])
        {
            first++;
        }

        var lines = new List<string>();
        for (int i = Math.Max(0, first - 2); i < Math.Min(Math.Max(e.Length, a.Length), first + 8); i++)
        {
            string left = i < e.Length ? e[i] : "<end>";
            string right = i < a.Length ? a[i] : "<end>";
            lines.Add(left == right ? $"  {i + 1,5}  {left}" : $"- {i + 1,5}  {left}\n+ {i + 1,5}  {right}");
        }

        return string.Join("\n", lines);
    }

    [GeneratedRegex(@"(?<=SigmoidGen"",\s*""|SigmoidGen )\d+\.\d+\.\d+")]
    private static partial Regex VersionPattern();
}
