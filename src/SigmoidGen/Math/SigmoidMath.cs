using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SigmoidGen;

/// <summary>σ(x) = 1 / (1 + e^-x), scalar and vector. STUB: to be replaced by the real vector kernels.</summary>
public static class SigmoidMath
{
    /// <summary>σ(x), exact.</summary>
    public static float Sigmoid(float x) => (float)(1.0 / (1.0 + Math.Exp(-(double)x)));
    /// <summary>σ(x), exact.</summary>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
    /// <summary>σ(x), fast.</summary>
    public static float SigmoidFast(float x) => Sigmoid(x);
    /// <summary>σ(x), fast.</summary>
    public static double SigmoidFast(double x) => Sigmoid(x);

    /// <summary>σ per lane.</summary>
    public static Vector128<float> Sigmoid(Vector128<float> x) { Span<float> s = stackalloc float[Vector128<float>.Count]; x.CopyTo(s); for (int i = 0; i < s.Length; i++) s[i] = Sigmoid(s[i]); return Vector128.Create<float>(s); }
    /// <summary>σ per lane.</summary>
    public static Vector256<float> Sigmoid(Vector256<float> x) { Span<float> s = stackalloc float[Vector256<float>.Count]; x.CopyTo(s); for (int i = 0; i < s.Length; i++) s[i] = Sigmoid(s[i]); return Vector256.Create<float>(s); }
    /// <summary>σ per lane.</summary>
    public static Vector512<float> Sigmoid(Vector512<float> x) { Span<float> s = stackalloc float[Vector512<float>.Count]; x.CopyTo(s); for (int i = 0; i < s.Length; i++) s[i] = Sigmoid(s[i]); return Vector512.Create<float>(s); }
    /// <summary>σ per lane.</summary>
    public static Vector128<double> Sigmoid(Vector128<double> x) { Span<double> s = stackalloc double[Vector128<double>.Count]; x.CopyTo(s); for (int i = 0; i < s.Length; i++) s[i] = Sigmoid(s[i]); return Vector128.Create<double>(s); }
    /// <summary>σ per lane.</summary>
    public static Vector256<double> Sigmoid(Vector256<double> x) { Span<double> s = stackalloc double[Vector256<double>.Count]; x.CopyTo(s); for (int i = 0; i < s.Length; i++) s[i] = Sigmoid(s[i]); return Vector256.Create<double>(s); }
    /// <summary>σ per lane.</summary>
    public static Vector512<double> Sigmoid(Vector512<double> x) { Span<double> s = stackalloc double[Vector512<double>.Count]; x.CopyTo(s); for (int i = 0; i < s.Length; i++) s[i] = Sigmoid(s[i]); return Vector512.Create<double>(s); }
    /// <summary>σ per lane, fast.</summary>
    public static Vector128<float> SigmoidFast(Vector128<float> x) => Sigmoid(x);
    /// <summary>σ per lane, fast.</summary>
    public static Vector256<float> SigmoidFast(Vector256<float> x) => Sigmoid(x);
    /// <summary>σ per lane, fast.</summary>
    public static Vector512<float> SigmoidFast(Vector512<float> x) => Sigmoid(x);
    /// <summary>σ per lane, fast.</summary>
    public static Vector128<double> SigmoidFast(Vector128<double> x) => Sigmoid(x);
    /// <summary>σ per lane, fast.</summary>
    public static Vector256<double> SigmoidFast(Vector256<double> x) => Sigmoid(x);
    /// <summary>σ per lane, fast.</summary>
    public static Vector512<double> SigmoidFast(Vector512<double> x) => Sigmoid(x);
}
