using System.Runtime.Intrinsics;
using Xunit.Abstractions;

namespace SigmoidGen.Tests;

/// <summary>
/// Which SIMD path this test run takes, so that a run meant for a narrower path cannot silently test the widest one
/// again (issue 15: <c>DOTNET_EnableAVX512F=0</c> does nothing on .NET 10, so CI ran Vector512 twice and never
/// Vector256 on an AVX-512 machine). Every generated method dispatches on exactly these properties, in this order
/// (the first accelerated wins; see any snapshot), so the path named here is the one every generated kernel runs.
/// </summary>
public class SimdPathTests(ITestOutputHelper output)
{
    /// <summary>The runtime switches that turn a path off, and the widest path each one leaves.</summary>
    private static readonly (string Switch, int WidestLeft)[] Switches =
    [
        ("DOTNET_EnableAVX512", 2),     // Vector256 at most
        ("DOTNET_EnableAVX2", 1),       // Vector128 at most (Vector256 needs AVX2)
        ("DOTNET_EnableHWIntrinsic", 0), // scalar
    ];

    private static readonly string[] Paths = ["Scalar", "Vector128", "Vector256", "Vector512"];

    /// <summary>The path the generated kernels take in this process: the first of Vector512, 256, 128 accelerated.</summary>
    public static int PathTaken =>
        Vector512.IsHardwareAccelerated ? 3 : Vector256.IsHardwareAccelerated ? 2 : Vector128.IsHardwareAccelerated ? 1 : 0;

    [Fact]
    public void ReportsThePathThisRunTakesAndEverySwitchSetTakesEffect()
    {
        string line = $"simd path: {Paths[PathTaken]} (Vector512 {On(Vector512.IsHardwareAccelerated)}, " +
                      $"Vector256 {On(Vector256.IsHardwareAccelerated)}, Vector128 {On(Vector128.IsHardwareAccelerated)}; " +
                      $"switches: {SwitchesSet()})";
        output.WriteLine(line);

        // .ci/run sets this to collect the path of each of its runs, prints them and compares them.
        if (Environment.GetEnvironmentVariable("SIGMOIDGEN_SIMD_PATH_FILE") is { Length: > 0 } file)
        {
            File.WriteAllText(file, Paths[PathTaken] + Environment.NewLine + line + Environment.NewLine);
        }

        // A switch set to 0 must leave no path wider than the one it allows.
        foreach (var (name, widestLeft) in Switches)
        {
            if (Environment.GetEnvironmentVariable(name) == "0")
            {
                Assert.True(PathTaken <= widestLeft, $"{name}=0 is set but this run takes {Paths[PathTaken]}: the switch did nothing. {line}");
            }
        }

        // The switch that stopped working on .NET 10: setting it alone would silently test the widest path again.
        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX512F") == "0")
        {
            Assert.False(Vector512.IsHardwareAccelerated, $"DOTNET_EnableAVX512F=0 does not turn Vector512 off on .NET 10: use DOTNET_EnableAVX512=0. {line}");
        }
    }

    private static string On(bool accelerated) => accelerated ? "on" : "off";

    private static string SwitchesSet()
    {
        var set = Switches.Select(s => s.Switch).Append("DOTNET_EnableAVX512F").Append("DOTNET_PreferredVectorBitWidth")
            .Where(n => Environment.GetEnvironmentVariable(n) is not null)
            .Select(n => $"{n}={Environment.GetEnvironmentVariable(n)}")
            .ToArray();
        return set.Length == 0 ? "none" : string.Join(", ", set);
    }
}
