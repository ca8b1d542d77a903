using Xunit;
using System.Runtime.Intrinsics;
using Xunit.Abstractions;

namespace SigmoidGen.Tests;

/// <summary>Every one of the 2^32 float bit patterns through the float paths, exact and fast (opt-in: minutes).</summary>
public class SigmoidExhaustiveTests
{
    private readonly ITestOutputHelper output;

    public SigmoidExhaustiveTests(ITestOutputHelper output) => this.output = output;

    [ExhaustiveFact]
    public void AllFloats_ExactAndFast_AllPaths()
    {
        SigmoidPath[] paths = { SigmoidPath.Scalar, SigmoidPath.Vector128, SigmoidPath.Vector256, SigmoidPath.Vector512, SigmoidPath.Span };
        const int ChunkBits = 16;
        const int Chunks = 1 << (32 - ChunkBits);
        var worstExact = new SigmoidAccuracyTests.Worst[paths.Length];
        var worstFast = new SigmoidAccuracyTests.Worst[paths.Length];
        object gate = new();

        Parallel.For(0, Chunks, c =>
        {
            var x = new float[1 << ChunkBits];
            var y = new float[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = BitConverter.Int32BitsToSingle((c << ChunkBits) | i);
            }

            var exact = new SigmoidAccuracyTests.Worst[paths.Length];
            var fast = new SigmoidAccuracyTests.Worst[paths.Length];
            for (int p = 0; p < paths.Length; p++)
            {
                SigmoidTestSupport.Run(paths[p], false, x, y);
                exact[p] = SigmoidAccuracyTests.Check(x, y, false, 0, x.Length);
                SigmoidTestSupport.Run(paths[p], true, x, y);
                fast[p] = SigmoidAccuracyTests.Check(x, y, true, 0, x.Length);
            }

            lock (gate)
            {
                for (int p = 0; p < paths.Length; p++)
                {
                    if (exact[p].Error > worstExact[p].Error) worstExact[p] = exact[p];
                    if (fast[p].Error > worstFast[p].Error) worstFast[p] = fast[p];
                }
            }
        });

        for (int p = 0; p < paths.Length; p++)
        {
            output.WriteLine($"{paths[p]}: exact {worstExact[p].Error:F4} ULP at x = {worstExact[p].X:R}; fast {worstFast[p].Error:E3} abs at x = {worstFast[p].X:R}");
        }

        for (int p = 0; p < paths.Length; p++)
        {
            Assert.True(worstExact[p].Error <= 2.0, $"{paths[p]} exact: {worstExact[p].Error} ULP at {worstExact[p].X:R}");
            Assert.True(worstFast[p].Error <= 5e-6, $"{paths[p]} fast: {worstFast[p].Error} at {worstFast[p].X:R}");
        }
    }
}
