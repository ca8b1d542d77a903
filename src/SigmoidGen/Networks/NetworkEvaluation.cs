using System;
using System.ComponentModel;

namespace SigmoidGen.Internal;

/// <summary>
/// What generated networks compute from their outputs, whatever their shape: accuracy, classes. Not meant to be called
/// by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkEvaluation
{
    /// <summary>
    /// The fraction of outputs on the right side of <paramref name="threshold"/>: output ≥ threshold where the target is
    /// ≥ 0.5, below it elsewhere; NaN for no outputs.
    /// </summary>
    public static double Accuracy(ReadOnlySpan<float> output, ReadOnlySpan<float> target, float threshold)
    {
        int correct = 0;
        for (int k = 0; k < output.Length; k++)
        {
            correct += (output[k] >= threshold) == (target[k] >= 0.5f) ? 1 : 0;
        }

        return output.Length == 0 ? double.NaN : (double)correct / output.Length;
    }

    /// <inheritdoc cref="Accuracy(ReadOnlySpan{float}, ReadOnlySpan{float}, float)"/>
    public static double Accuracy(ReadOnlySpan<double> output, ReadOnlySpan<double> target, double threshold)
    {
        int correct = 0;
        for (int k = 0; k < output.Length; k++)
        {
            correct += (output[k] >= threshold) == (target[k] >= 0.5) ? 1 : 0;
        }

        return output.Length == 0 ? double.NaN : (double)correct / output.Length;
    }

    /// <summary>Each row's class: the index of its largest output (the first one on a tie).</summary>
    public static void Classes(ReadOnlySpan<float> output, int outputsPerRow, Span<int> classes)
    {
        for (int row = 0; row < classes.Length; row++)
        {
            classes[row] = IndexOfLargest(output.Slice(row * outputsPerRow, outputsPerRow));
        }
    }

    /// <inheritdoc cref="Classes(ReadOnlySpan{float}, int, Span{int})"/>
    public static void Classes(ReadOnlySpan<double> output, int outputsPerRow, Span<int> classes)
    {
        for (int row = 0; row < classes.Length; row++)
        {
            classes[row] = IndexOfLargest(output.Slice(row * outputsPerRow, outputsPerRow));
        }
    }

    /// <summary>The fraction of rows whose class (largest output) is the row's label; NaN for no rows.</summary>
    public static double ClassAccuracy(ReadOnlySpan<float> output, int outputsPerRow, ReadOnlySpan<int> labels)
    {
        int correct = 0;
        for (int row = 0; row < labels.Length; row++)
        {
            correct += IndexOfLargest(output.Slice(row * outputsPerRow, outputsPerRow)) == labels[row] ? 1 : 0;
        }

        return labels.Length == 0 ? double.NaN : (double)correct / labels.Length;
    }

    /// <inheritdoc cref="ClassAccuracy(ReadOnlySpan{float}, int, ReadOnlySpan{int})"/>
    public static double ClassAccuracy(ReadOnlySpan<double> output, int outputsPerRow, ReadOnlySpan<int> labels)
    {
        int correct = 0;
        for (int row = 0; row < labels.Length; row++)
        {
            correct += IndexOfLargest(output.Slice(row * outputsPerRow, outputsPerRow)) == labels[row] ? 1 : 0;
        }

        return labels.Length == 0 ? double.NaN : (double)correct / labels.Length;
    }

    /// <summary>The mean binary cross-entropy of <paramref name="output"/> against <paramref name="target"/>.</summary>
    public static float MeanLoss(ReadOnlySpan<float> output, ReadOnlySpan<float> target) =>
        (float)(Loss.BinaryCrossEntropySum(output, target) / output.Length);

    /// <inheritdoc cref="MeanLoss(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    public static double MeanLoss(ReadOnlySpan<double> output, ReadOnlySpan<double> target) =>
        Loss.BinaryCrossEntropySum(output, target) / output.Length;

    private static int IndexOfLargest(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            best = values[k] > values[best] ? k : best;
        }

        return best;
    }

    private static int IndexOfLargest(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            best = values[k] > values[best] ? k : best;
        }

        return best;
    }
}
