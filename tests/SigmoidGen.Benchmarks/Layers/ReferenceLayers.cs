using System.Numerics.Tensors;

namespace SigmoidGen.Benchmarks.Layers;

/// <summary>The two hand-written layers the generated code is compared with.</summary>
public static class ReferenceLayers
{
    /// <summary>What a competent user writes with System.Numerics.Tensors: one Dot per output, then Sigmoid per row.</summary>
    public static void TensorPrimitivesForward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, int inputs, int outputs)
    {
        int batch = input.Length / inputs;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> xRow = input.Slice(b * inputs, inputs);
            Span<float> outRow = output.Slice(b * outputs, outputs);
            for (int o = 0; o < outputs; o++)
            {
                outRow[o] = TensorPrimitives.Dot(xRow, weights.Slice(o * inputs, inputs)) + bias[o];
            }

            TensorPrimitives.Sigmoid(outRow, outRow);
        }
    }

    /// <summary>Straightforward nested loops with <c>1 / (1 + exp(-z))</c>.</summary>
    public static void ScalarForward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, int inputs, int outputs)
    {
        int batch = input.Length / inputs;
        for (int b = 0; b < batch; b++)
        {
            for (int o = 0; o < outputs; o++)
            {
                float z = bias[o];
                for (int i = 0; i < inputs; i++)
                {
                    z += weights[o * inputs + i] * input[b * inputs + i];
                }

                output[b * outputs + o] = 1f / (1f + MathF.Exp(-z));
            }
        }
    }

    /// <summary>
    /// The backward pass with System.Numerics.Tensors, from the forward output <paramref name="output"/> (y) and the
    /// output gradient g: <c>dz = g ⊙ y ⊙ (1 − y)</c> over the whole B×O array in three calls
    /// (<c>Subtract(1, y, dz)</c>, <c>Multiply(dz, y, dz)</c>, <c>Multiply(dz, g, dz)</c>) into the caller's scratch
    /// <paramref name="dz"/>, then <see cref="TensorPrimitivesBackwardFromDz"/>.
    /// </summary>
    public static void TensorPrimitivesBackward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> weightsGradient, Span<float> biasGradient, Span<float> inputGradient, Span<float> dz, int inputs, int outputs)
    {
        TensorPrimitives.Subtract(1f, output, dz);
        TensorPrimitives.Multiply(dz, output, dz);
        TensorPrimitives.Multiply(dz, outputGradient, dz);
        TensorPrimitivesBackwardFromDz(input, weights, dz, weightsGradient, biasGradient, inputGradient, inputs, outputs);
    }

    /// <summary>
    /// The gradients from dz = ∂L/∂z with System.Numerics.Tensors, one MultiplyAdd (axpy) per (row, output) pair:
    /// <list type="bullet">
    /// <item>dW: cleared, then for each output o, for each row b, <c>MultiplyAdd(xRow_b, dz[b,o], dWRow_o, dWRow_o)</c>
    /// (o outer, so the dW row being accumulated stays in L1);</item>
    /// <item>db: cleared, then <c>Add(db, dzRow_b, db)</c> for each row;</item>
    /// <item>dx (skipped when <paramref name="inputGradient"/> is empty): for each row b, the dx row is cleared, then
    /// <c>MultiplyAdd(wRow_o, dz[b,o], dxRow_b, dxRow_b)</c> for each output o.</item>
    /// </list>
    /// </summary>
    public static void TensorPrimitivesBackwardFromDz(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> dz,
        Span<float> weightsGradient, Span<float> biasGradient, Span<float> inputGradient, int inputs, int outputs)
    {
        int batch = input.Length / inputs;
        weightsGradient.Clear();
        for (int o = 0; o < outputs; o++)
        {
            Span<float> dwRow = weightsGradient.Slice(o * inputs, inputs);
            for (int b = 0; b < batch; b++)
            {
                TensorPrimitives.MultiplyAdd(input.Slice(b * inputs, inputs), dz[b * outputs + o], dwRow, dwRow);
            }
        }

        biasGradient.Clear();
        for (int b = 0; b < batch; b++)
        {
            TensorPrimitives.Add(biasGradient, dz.Slice(b * outputs, outputs), biasGradient);
        }

        if (inputGradient.IsEmpty)
        {
            return;
        }

        for (int b = 0; b < batch; b++)
        {
            Span<float> dxRow = inputGradient.Slice(b * inputs, inputs);
            dxRow.Clear();
            for (int o = 0; o < outputs; o++)
            {
                TensorPrimitives.MultiplyAdd(weights.Slice(o * inputs, inputs), dz[b * outputs + o], dxRow, dxRow);
            }
        }
    }

    /// <summary>
    /// The backward pass as plain nested loops: the three gradients are cleared, then for each row b and output o,
    /// <c>dz = g·y·(1 − y)</c>, <c>db[o] += dz</c> and, over i, <c>dW[o,i] += dz·x[b,i]</c> and <c>dx[b,i] += dz·W[o,i]</c>.
    /// </summary>
    public static void ScalarBackward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> weightsGradient, Span<float> biasGradient, Span<float> inputGradient, int inputs, int outputs)
    {
        int batch = input.Length / inputs;
        weightsGradient.Clear();
        biasGradient.Clear();
        inputGradient.Clear();
        for (int b = 0; b < batch; b++)
        {
            for (int o = 0; o < outputs; o++)
            {
                float y = output[b * outputs + o];
                float dz = outputGradient[b * outputs + o] * y * (1f - y);
                biasGradient[o] += dz;
                for (int i = 0; i < inputs; i++)
                {
                    weightsGradient[o * inputs + i] += dz * input[b * inputs + i];
                    inputGradient[b * inputs + i] += dz * weights[o * inputs + i];
                }
            }
        }
    }
}
