using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SigmoidGen.Internal;

/// <summary>
/// 2^(j/16) for j = 0..15 as a float table read by one permutation (AVX-512: <c>vpermps</c> over one Vector512, or
/// <c>vpermt2ps</c> over two Vector256), indexed by the low 4 bits of each lane: the Exact float sigmoid's
/// <c>e^z = 2^m · 2^(j/16) · e^t</c> with |t| &lt;= ln 2 / 32 (<see cref="SigmoidKernels"/>). <c>T_j</c> is 2^(j/16)
/// rounded to float; <c>C_j = 2^(j/16) / T_j − 1</c> (|C_j| &lt; 4.8e-8) is what that rounding lost, added to t. Every
/// width reads the same sixteen values, so every width gives the same bits.
/// </summary>
internal static class Exp2Sixteenths
{
    private const float T0 = 1.0f;
    private const float T1 = 1.0442737340927124f;
    private const float T2 = 1.0905077457427979f;
    private const float T3 = 1.1387885808944702f;
    private const float T4 = 1.1892070770263672f;
    private const float T5 = 1.2418577671051025f;
    private const float T6 = 1.2968395948410034f;
    private const float T7 = 1.3542555570602417f;
    private const float T8 = 1.4142135381698608f;
    private const float T9 = 1.4768261909484863f;
    private const float T10 = 1.5422108173370361f;
    private const float T11 = 1.610490322113037f;
    private const float T12 = 1.6817928552627563f;
    private const float T13 = 1.7562521696090698f;
    private const float T14 = 1.8340080976486206f;
    private const float T15 = 1.9152065515518188f;

    private const float C0 = 0.0f;
    private const float C1 = 4.6285471455576044e-08f;
    private const float C2 = -1.199215660108166e-08f;
    private const float C3 = 4.7297824323777604e-08f;
    private const float C4 = 3.1934181521364735e-08f;
    private const float C5 = 3.621057231839586e-08f;
    private const float C6 = -3.0990719324108795e-08f;
    private const float C7 = -7.475213337215791e-09f;
    private const float C8 = 1.7114270889351246e-08f;
    private const float C9 = -3.047683350132502e-08f;
    private const float C10 = 5.233334210430485e-09f;
    private const float C11 = 6.10759176566944e-09f;
    private const float C12 = -1.4719605090363075e-08f;
    private const float C13 = -5.258795177098818e-09f;
    private const float C14 = -6.128259677495862e-09f;
    private const float C15 = 5.140609271592211e-09f;

    /// <summary>T_0 … T_15 (a constant the JIT loads from its data).</summary>
    public static Vector512<float> Values512
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(T0, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15);
    }

    /// <summary>C_0 … C_15.</summary>
    public static Vector512<float> Corrections512
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(C0, C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11, C12, C13, C14, C15);
    }

    /// <summary>T_0 … T_7, the first of the two Vector256 tables.</summary>
    public static Vector256<float> ValuesLow
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.Create(T0, T1, T2, T3, T4, T5, T6, T7);
    }

    /// <summary>T_8 … T_15.</summary>
    public static Vector256<float> ValuesHigh
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.Create(T8, T9, T10, T11, T12, T13, T14, T15);
    }

    /// <summary>C_0 … C_7.</summary>
    public static Vector256<float> CorrectionsLow
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.Create(C0, C1, C2, C3, C4, C5, C6, C7);
    }

    /// <summary>C_8 … C_15.</summary>
    public static Vector256<float> CorrectionsHigh
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.Create(C8, C9, C10, C11, C12, C13, C14, C15);
    }
}
