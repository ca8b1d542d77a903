using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    [Fact]
    public void FarApartAndWrappingAddressesAgreeWithOverlaps()
    {
        // Spans placed by address only (never read): far apart, adjacent, and at both ends of the address space, where
        // b − a wraps modulo 2^64. The check must agree with Overlaps on every pair, in both orders.
        ulong[] starts = [0, 4, 0x1000, 0x1010, 0x7FFF_FFFF_FFF0, 0x8000_0000_0000_0000, 0xFFFF_FFFF_FFFF_FFC0, 0xFFFF_FFFF_FFFF_FFF0];
        int[] lengths = [0, 1, 4, 5, 1 << 20];
        foreach (ulong aStart in starts)
        {
            foreach (int aLength in lengths)
            {
                foreach (ulong bStart in starts)
                {
                    foreach (int bLength in lengths)
                    {
                        bool expected = At(aStart, aLength).Overlaps(At(bStart, bLength));
                        Assert.Equal(expected, Rejects(() => Guard.NoOverlap(At(aStart, aLength), At(bStart, bLength), "written", "other")));
                    }
                }
            }
        }

        // A few of those by hand: adjacent ranges touch but do not overlap; one float in common does.
        Assert.False(Rejects(() => Guard.NoOverlap(At(0x1000, 4), At(0x1010, 4), "written", "other")));
        Assert.True(Rejects(() => Guard.NoOverlap(At(0x1000, 5), At(0x1010, 4), "written", "other")));
        Assert.False(Rejects(() => Guard.NoOverlap(At(0xFFFF_FFFF_FFFF_FFF0, 4), At(0, 4), "written", "other")));
    }

    private static ReadOnlySpan<float> At(ulong address, int length) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AddByteOffset(ref Unsafe.NullRef<float>(), (nint)address), length);

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
