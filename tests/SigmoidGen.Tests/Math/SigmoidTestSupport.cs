using System.Runtime.Intrinsics;

namespace SigmoidGen.Tests;

/// <summary>Which entry point of <see cref="SigmoidMath"/> a test drives.</summary>
public enum SigmoidPath
{
    Scalar,
    Vector128,
    Vector256,
    Vector512,
    Span,
    SpanInPlace,
}

/// <summary>Runs one path of SigmoidMath over arrays, and the independent references the results are judged by.</summary>
internal static class SigmoidTestSupport
{
    public const double FloatMinNormal = 1.1754943508222875e-38;   // 2^-126
    public const double DoubleMinNormal = 2.2250738585072014e-308; // 2^-1022

    /// <summary>1 / (1 + e^-x) evaluated in double: about 1e-16 relative, the float reference.</summary>
    public static double ReferenceForSingle(float x) => 1.0 / (1.0 + Math.Exp(-(double)x));

    /// <summary>The double reference the requirement names.</summary>
    public static double ReferenceForDouble(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>|actual - exact| in units of the float ULP at <paramref name="exact"/>.</summary>
    public static double SingleUlps(float actual, double exact) =>
        Math.Abs(actual - exact) / Math.ScaleB(1.0, Math.ILogB(exact) - 23);

    /// <summary>|actual - exact| in units of the double ULP at <paramref name="exact"/>.</summary>
    public static double DoubleUlps(double actual, double exact) =>
        Math.Abs(actual - exact) / Math.ScaleB(1.0, Math.ILogB(exact) - 52);

    public static void Run(SigmoidPath path, bool fast, ReadOnlySpan<float> x, Span<float> y)
    {
        switch (path)
        {
            case SigmoidPath.Scalar:
                for (int i = 0; i < x.Length; i++)
                {
                    y[i] = fast ? SigmoidMath.SigmoidFast(x[i]) : SigmoidMath.Sigmoid(x[i]);
                }

                break;
            case SigmoidPath.Vector128:
                RunVectors(x, y, Vector128<float>.Count, fast, static (f, s, d) =>
                    (f ? SigmoidMath.SigmoidFast(Vector128.Create(s)) : SigmoidMath.Sigmoid(Vector128.Create(s))).CopyTo(d));
                break;
            case SigmoidPath.Vector256:
                RunVectors(x, y, Vector256<float>.Count, fast, static (f, s, d) =>
                    (f ? SigmoidMath.SigmoidFast(Vector256.Create(s)) : SigmoidMath.Sigmoid(Vector256.Create(s))).CopyTo(d));
                break;
            case SigmoidPath.Vector512:
                RunVectors(x, y, Vector512<float>.Count, fast, static (f, s, d) =>
                    (f ? SigmoidMath.SigmoidFast(Vector512.Create(s)) : SigmoidMath.Sigmoid(Vector512.Create(s))).CopyTo(d));
                break;
            case SigmoidPath.Span:
                if (fast) SigmoidMath.SigmoidFast(x, y); else SigmoidMath.Sigmoid(x, y);
                break;
            case SigmoidPath.SpanInPlace:
                x.CopyTo(y);
                if (fast) SigmoidMath.SigmoidFast(y, y); else SigmoidMath.Sigmoid(y, y);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(path));
        }
    }

    public static void Run(SigmoidPath path, bool fast, ReadOnlySpan<double> x, Span<double> y)
    {
        switch (path)
        {
            case SigmoidPath.Scalar:
                for (int i = 0; i < x.Length; i++)
                {
                    y[i] = fast ? SigmoidMath.SigmoidFast(x[i]) : SigmoidMath.Sigmoid(x[i]);
                }

                break;
            case SigmoidPath.Vector128:
                RunVectors(x, y, Vector128<double>.Count, fast, static (f, s, d) =>
                    (f ? SigmoidMath.SigmoidFast(Vector128.Create(s)) : SigmoidMath.Sigmoid(Vector128.Create(s))).CopyTo(d));
                break;
            case SigmoidPath.Vector256:
                RunVectors(x, y, Vector256<double>.Count, fast, static (f, s, d) =>
                    (f ? SigmoidMath.SigmoidFast(Vector256.Create(s)) : SigmoidMath.Sigmoid(Vector256.Create(s))).CopyTo(d));
                break;
            case SigmoidPath.Vector512:
                RunVectors(x, y, Vector512<double>.Count, fast, static (f, s, d) =>
                    (f ? SigmoidMath.SigmoidFast(Vector512.Create(s)) : SigmoidMath.Sigmoid(Vector512.Create(s))).CopyTo(d));
                break;
            case SigmoidPath.Span:
                if (fast) SigmoidMath.SigmoidFast(x, y); else SigmoidMath.Sigmoid(x, y);
                break;
            case SigmoidPath.SpanInPlace:
                x.CopyTo(y);
                if (fast) SigmoidMath.SigmoidFast(y, y); else SigmoidMath.Sigmoid(y, y);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(path));
        }
    }

    private delegate void VectorStep<T>(bool fast, ReadOnlySpan<T> source, Span<T> destination);

    /// <summary>Whole vectors, then the tail padded with zeros in a temporary.</summary>
    private static void RunVectors<T>(ReadOnlySpan<T> x, Span<T> y, int count, bool fast, VectorStep<T> step)
        where T : struct
    {
        int i = 0;
        for (; i + count <= x.Length; i += count)
        {
            step(fast, x.Slice(i, count), y.Slice(i, count));
        }

        if (i < x.Length)
        {
            Span<T> inTail = new T[count];
            Span<T> outTail = new T[count];
            x[i..].CopyTo(inTail);
            step(fast, inTail, outTail);
            outTail[..(x.Length - i)].CopyTo(y[i..]);
        }
    }
}
