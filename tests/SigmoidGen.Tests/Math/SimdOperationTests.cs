using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SigmoidGen.Internal;
using Xunit;

namespace SigmoidGen.Tests;

/// <summary>
/// The width structs' operations that the AVX-512 sigmoid kernels take in one instruction each (<c>vminps</c>,
/// <c>vrangeps</c>, <c>vreduceps</c>, <c>vfixupimmps</c>), against hand-checked values, on every width this run has:
/// with AVX-512 the instructions themselves, on the CI legs without it the fallbacks. The kernels call the last three only
/// where <c>HasRangeReduceFixup</c>; the fallbacks must still mean the same.
/// </summary>
public class SimdOperationTests
{
    private static readonly float[] Inputs =
    [
        -150f, 150f, -5f, 5f, float.NaN, float.NegativeInfinity, float.PositiveInfinity, -0f,
        0f, 2.75f, -2.75f, 1e-30f, -1e-30f, 110f, -110f, 1f,
    ];

    [Fact]
    public void ClampAbove_IsMinWithNaNKept()
    {
        float[] expected = [-150f, 3f, -5f, 3f, float.NaN, float.NegativeInfinity, 3f, -0f, 0f, 2.75f, -2.75f, 1e-30f, -1e-30f, 3f, -110f, 1f];
        CheckAllWidths((x, hasOps) => expected, Simd128.ClampAbove, Simd256.ClampAbove, Simd512.ClampAbove, SimdScalar.ClampAbove, 3f,
            Simd512Quad.ClampAbove);
    }

    [Fact]
    public void NegatedMagnitudeAtMost_IsMinusTheSmallerOfMagnitudeAndLimit()
    {
        // A NaN lane: −limit with vrangeps, the vector Min's NaN elsewhere (either is documented; WhereNegativeElseOne
        // restores NaN in the kernel).
        float[] expected = [-110f, -110f, -5f, -5f, float.NaN, -110f, -110f, -0f, -0f, -2.75f, -2.75f, -1e-30f, -1e-30f, -110f, -110f, -1f];
        CheckAllWidths((x, hasOps) => expected, Simd128.NegatedMagnitudeAtMost, Simd256.NegatedMagnitudeAtMost, Simd512.NegatedMagnitudeAtMost,
            SimdScalar.NegatedMagnitudeAtMost, 110f, Simd512Quad.NegatedMagnitudeAtMost, nanMayBe: -110f);
    }

    [Fact]
    public void FractionAboveFloor_IsValueMinusFloor()
    {
        // −1e-30 − floor(−1e-30) = 1 − 1e-30: 1 rounded to nearest, or the float below 1 (vreduceps); ±∞ give 0 with
        // vreduceps and NaN (∞ − ∞) without.
        float below1 = BitConverter.Int32BitsToSingle(0x3F7FFFFF);
        CheckAllWidths(
            (x, hasOps) => [0f, 0f, 0f, 0f, float.NaN, hasOps ? 0f : float.NaN, hasOps ? 0f : float.NaN, 0f, 0f, 0.75f, 0.25f, 1e-30f, hasOps ? below1 : 1f, 0f, 0f, 0f],
            Simd128.FractionAboveFloor, Simd256.FractionAboveFloor, Simd512.FractionAboveFloor, SimdScalar.FractionAboveFloor,
            Simd512Quad.FractionAboveFloor);
    }

    [Fact]
    public void WhereNegativeElseOne_PicksByTheSignAndKeepsNaN()
    {
        float[] expected = [7f, 1f, 7f, 1f, float.NaN, 7f, 1f, 1f, 1f, 1f, 7f, 1f, 7f, 1f, 7f, 1f];
        CheckAllWidths((x, hasOps) => expected, (a, b) => Simd128.WhereNegativeElseOne(a, b), (a, b) => Simd256.WhereNegativeElseOne(a, b),
            (a, b) => Simd512.WhereNegativeElseOne(a, b), (a, b) => SimdScalar.WhereNegativeElseOne(a, b), 7f,
            (a, b) => Simd512Quad.WhereNegativeElseOne(a, b));
    }

    /// <summary>The one-operand operations, through the two-operand check with the operand unused.</summary>
    private static void CheckAllWidths(
        Func<float[], bool, float[]> expectedFor,
        Func<Vector128<float>, Vector128<float>> v128, Func<Vector256<float>, Vector256<float>> v256,
        Func<Vector512<float>, Vector512<float>> v512, Func<float, float> scalar, Func<Quad<Vector512<float>>, Quad<Vector512<float>>> quad) =>
        CheckAllWidths(expectedFor, (a, _) => v128(a), (a, _) => v256(a), (a, _) => v512(a), (a, _) => scalar(a), 0f, (a, _) => quad(a));

    private static void CheckAllWidths(
        Func<float[], bool, float[]> expectedFor,
        Func<Vector128<float>, Vector128<float>, Vector128<float>> v128, Func<Vector256<float>, Vector256<float>, Vector256<float>> v256,
        Func<Vector512<float>, Vector512<float>, Vector512<float>> v512, Func<float, float, float> scalar, float operand,
        Func<Quad<Vector512<float>>, Quad<Vector512<float>>, Quad<Vector512<float>>> quad, float? nanMayBe = null)
    {
        float[] expected128 = expectedFor(Inputs, Simd128.HasRangeReduceFixup), expected256 = expectedFor(Inputs, Simd256.HasRangeReduceFixup);
        float[] expected512 = expectedFor(Inputs, Simd512.HasRangeReduceFixup), expectedScalar = expectedFor(Inputs, SimdScalar.HasRangeReduceFixup);
        for (int i = 0; i < 16; i += 4)
        {
            Same(expected128, i, 4, v128(Vector128.Create(Inputs, i), Vector128.Create(operand)), "Vector128", nanMayBe);
        }

        Same(expected256, 0, 8, v256(Vector256.Create(Inputs, 0), Vector256.Create(operand)), "Vector256", nanMayBe);
        Same(expected256, 8, 8, v256(Vector256.Create(Inputs, 8), Vector256.Create(operand)), "Vector256", nanMayBe);
        Same(expected512, 0, 16, v512(Vector512.Create(Inputs), Vector512.Create(operand)), "Vector512", nanMayBe);
        for (int i = 0; i < 16; i++)
        {
            Same(expectedScalar, i, 1, Vector128.CreateScalar(scalar(Inputs[i], operand)), "scalar", nanMayBe);
        }

        if (Avx512DQ.IsSupported)
        {
            Vector512<float> x = Vector512.Create(Inputs), c = Vector512.Create(operand);
            Quad<Vector512<float>> q = quad(new Quad<Vector512<float>>(x, x, x, x), new Quad<Vector512<float>>(c, c, c, c));
            foreach (Vector512<float> v in new[] { q.A, q.B, q.C, q.D })
            {
                Same(expected512, 0, 16, v, "Simd512Quad", nanMayBe);
            }
        }
    }

    private static void Same<TV>(float[] expected, int start, int count, TV actual, string width, float? nanMayBe = null)
        where TV : struct
    {
        Span<float> lanes = stackalloc float[16];
        switch (actual)
        {
            case Vector128<float> v: v.CopyTo(lanes); break;
            case Vector256<float> v: v.CopyTo(lanes); break;
            case Vector512<float> v: v.CopyTo(lanes); break;
        }

        for (int i = 0; i < count; i++)
        {
            float want = expected[start + i], got = lanes[i];
            bool ok = float.IsNaN(want) ? float.IsNaN(got) || got == nanMayBe : got == want;
            Assert.True(ok, $"{width}, input {Inputs[start + i]}: expected {want}{(nanMayBe is { } m ? $" (or {m} for NaN)" : "")}, got {got}");
        }
    }
}
