using SigmoidGen.Internal;

namespace SigmoidGen.Tests.Internal;

/// <summary>The overlap check of generated code against the BCL's <see cref="MemoryExtensions.Overlaps{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>.</summary>
public class GuardTests
{
    [Fact]
    public void NoOverlapRejectsExactlyWhatOverlapsReports()
    {
        // Every pair of slices (empty ones included) of one 12-element buffer, both orders.
        float[] floats = new float[12];
        double[] doubles = new double[12];
        int checkedPairs = 0;
        for (int aStart = 0; aStart <= 12; aStart++)
        {
            for (int aLength = 0; aStart + aLength <= 12; aLength++)
            {
                for (int bStart = 0; bStart <= 12; bStart++)
                {
                    for (int bLength = 0; bStart + bLength <= 12; bLength++)
                    {
                        bool expected = floats.AsSpan(aStart, aLength).Overlaps(floats.AsSpan(bStart, bLength));
                        Assert.Equal(expected, Rejects(() => Guard.NoOverlap(floats.AsSpan(aStart, aLength), floats.AsSpan(bStart, bLength), "written", "other")));
                        Assert.Equal(expected, Rejects(() => Guard.NoOverlap(doubles.AsSpan(aStart, aLength), doubles.AsSpan(bStart, bLength), "written", "other")));
                        checkedPairs++;
                    }
                }
            }
        }

        Assert.Equal(91 * 91, checkedPairs);
    }

    [Fact]
    public void SeparateArraysNeverOverlap()
    {
        float[] a = new float[8], b = new float[8];
        Guard.NoOverlap(a, b, "written", "other");
        Guard.NoOverlap(b, a, "written", "other");
    }

    private static bool Rejects(Action check)
    {
        try
        {
            check();
            return false;
        }
        catch (ArgumentException e)
        {
            Assert.Equal("written", e.ParamName);
            return true;
        }
    }
}
