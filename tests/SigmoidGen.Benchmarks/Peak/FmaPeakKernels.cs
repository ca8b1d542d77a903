using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SigmoidGen.Benchmarks.Peak;

/// <summary>
/// Loops of 12 independent fused multiply-add chains, to measure the machine's FMA throughput. Each chain is
/// <c>acc = acc · m + c</c> with <c>m</c> just below 1, so values stay near 1 (no overflow, no subnormals); the chains
/// start from different values so the JIT cannot merge them, and the sum of all of them is returned.
/// </summary>
public static class FmaPeakKernels
{
    /// <summary>Independent accumulator chains per loop iteration.</summary>
    public const int Chains = 12;

    /// <summary>
    /// 12 × <c>vfmadd</c> on ymm registers per iteration. Uses <see cref="Fma.MultiplyAdd(Vector256{float}, Vector256{float}, Vector256{float})"/>
    /// when the CPU has FMA3, otherwise <see cref="Vector256.FusedMultiplyAdd(Vector256{float}, Vector256{float}, Vector256{float})"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Peak256(int iterations)
    {
        Vector256<float> m = Vector256.Create(0.999f);
        Vector256<float> c = Vector256.Create(0.001f);
        Vector256<float> a0 = Vector256.Create(1.00f), a1 = Vector256.Create(1.01f), a2 = Vector256.Create(1.02f), a3 = Vector256.Create(1.03f);
        Vector256<float> a4 = Vector256.Create(1.04f), a5 = Vector256.Create(1.05f), a6 = Vector256.Create(1.06f), a7 = Vector256.Create(1.07f);
        Vector256<float> a8 = Vector256.Create(1.08f), a9 = Vector256.Create(1.09f), a10 = Vector256.Create(1.10f), a11 = Vector256.Create(1.11f);
        if (Fma.IsSupported)
        {
            for (int n = 0; n < iterations; n++)
            {
                a0 = Fma.MultiplyAdd(a0, m, c);
                a1 = Fma.MultiplyAdd(a1, m, c);
                a2 = Fma.MultiplyAdd(a2, m, c);
                a3 = Fma.MultiplyAdd(a3, m, c);
                a4 = Fma.MultiplyAdd(a4, m, c);
                a5 = Fma.MultiplyAdd(a5, m, c);
                a6 = Fma.MultiplyAdd(a6, m, c);
                a7 = Fma.MultiplyAdd(a7, m, c);
                a8 = Fma.MultiplyAdd(a8, m, c);
                a9 = Fma.MultiplyAdd(a9, m, c);
                a10 = Fma.MultiplyAdd(a10, m, c);
                a11 = Fma.MultiplyAdd(a11, m, c);
            }
        }
        else
        {
            for (int n = 0; n < iterations; n++)
            {
                a0 = Vector256.FusedMultiplyAdd(a0, m, c);
                a1 = Vector256.FusedMultiplyAdd(a1, m, c);
                a2 = Vector256.FusedMultiplyAdd(a2, m, c);
                a3 = Vector256.FusedMultiplyAdd(a3, m, c);
                a4 = Vector256.FusedMultiplyAdd(a4, m, c);
                a5 = Vector256.FusedMultiplyAdd(a5, m, c);
                a6 = Vector256.FusedMultiplyAdd(a6, m, c);
                a7 = Vector256.FusedMultiplyAdd(a7, m, c);
                a8 = Vector256.FusedMultiplyAdd(a8, m, c);
                a9 = Vector256.FusedMultiplyAdd(a9, m, c);
                a10 = Vector256.FusedMultiplyAdd(a10, m, c);
                a11 = Vector256.FusedMultiplyAdd(a11, m, c);
            }
        }

        return Vector256.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)));
    }

    /// <summary>
    /// The same with Vector512: <see cref="Avx512F.FusedMultiplyAdd(Vector512{float}, Vector512{float}, Vector512{float})"/>
    /// (12 × <c>vfmadd</c> on zmm) when the CPU has AVX-512; otherwise <see cref="Vector512.FusedMultiplyAdd(Vector512{float}, Vector512{float}, Vector512{float})"/>,
    /// which the runtime then emulates with two 256-bit halves.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Peak512(int iterations)
    {
        Vector512<float> m = Vector512.Create(0.999f);
        Vector512<float> c = Vector512.Create(0.001f);
        Vector512<float> a0 = Vector512.Create(1.00f), a1 = Vector512.Create(1.01f), a2 = Vector512.Create(1.02f), a3 = Vector512.Create(1.03f);
        Vector512<float> a4 = Vector512.Create(1.04f), a5 = Vector512.Create(1.05f), a6 = Vector512.Create(1.06f), a7 = Vector512.Create(1.07f);
        Vector512<float> a8 = Vector512.Create(1.08f), a9 = Vector512.Create(1.09f), a10 = Vector512.Create(1.10f), a11 = Vector512.Create(1.11f);
        if (Avx512F.IsSupported)
        {
            for (int n = 0; n < iterations; n++)
            {
                a0 = Avx512F.FusedMultiplyAdd(a0, m, c);
                a1 = Avx512F.FusedMultiplyAdd(a1, m, c);
                a2 = Avx512F.FusedMultiplyAdd(a2, m, c);
                a3 = Avx512F.FusedMultiplyAdd(a3, m, c);
                a4 = Avx512F.FusedMultiplyAdd(a4, m, c);
                a5 = Avx512F.FusedMultiplyAdd(a5, m, c);
                a6 = Avx512F.FusedMultiplyAdd(a6, m, c);
                a7 = Avx512F.FusedMultiplyAdd(a7, m, c);
                a8 = Avx512F.FusedMultiplyAdd(a8, m, c);
                a9 = Avx512F.FusedMultiplyAdd(a9, m, c);
                a10 = Avx512F.FusedMultiplyAdd(a10, m, c);
                a11 = Avx512F.FusedMultiplyAdd(a11, m, c);
            }
        }
        else
        {
            for (int n = 0; n < iterations; n++)
            {
                a0 = Vector512.FusedMultiplyAdd(a0, m, c);
                a1 = Vector512.FusedMultiplyAdd(a1, m, c);
                a2 = Vector512.FusedMultiplyAdd(a2, m, c);
                a3 = Vector512.FusedMultiplyAdd(a3, m, c);
                a4 = Vector512.FusedMultiplyAdd(a4, m, c);
                a5 = Vector512.FusedMultiplyAdd(a5, m, c);
                a6 = Vector512.FusedMultiplyAdd(a6, m, c);
                a7 = Vector512.FusedMultiplyAdd(a7, m, c);
                a8 = Vector512.FusedMultiplyAdd(a8, m, c);
                a9 = Vector512.FusedMultiplyAdd(a9, m, c);
                a10 = Vector512.FusedMultiplyAdd(a10, m, c);
                a11 = Vector512.FusedMultiplyAdd(a11, m, c);
            }
        }

        return Vector512.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)));
    }
}
