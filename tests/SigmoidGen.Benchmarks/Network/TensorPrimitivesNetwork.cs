using System.Numerics.Tensors;
using SigmoidGen.Benchmarks.Layers;
using SigmoidGen.Benchmarks.Training;

namespace SigmoidGen.Benchmarks.Network;

/// <summary>
/// The 30-16-1 network written by hand with System.Numerics.Tensors, with the generated network's parameter layout
/// (layer 0 weights [16, 30] row-major, its bias [16], layer 1 weights [1, 16], its bias [1]) and all buffers
/// preallocated for up to <c>capacity</c> rows. Each layer's forward pass is
/// <see cref="ReferenceLayers.TensorPrimitivesForward"/> (Dot per output, Sigmoid per row) and its backward pass
/// <see cref="ReferenceLayers.TensorPrimitivesBackwardFromDz"/> (MultiplyAdd per row and output).
/// </summary>
public sealed class TensorPrimitivesNetwork
{
    private const int I = 30, H = 16, O = 1;
    private const int W0 = 0, B0 = W0 + (H * I), W1 = B0 + H, B1 = W1 + (O * H);
    public const int ParameterCount = B1 + O;

    private readonly float[] _parameters = new float[ParameterCount];
    private readonly float[] _hidden;     // capacity × 16, layer 0 outputs
    private readonly float[] _output;     // capacity × 1, layer 1 outputs
    private readonly float[] _dz1;        // capacity × 1, ∂L/∂z of layer 1
    private readonly float[] _dHidden;    // capacity × 16, ∂L/∂(layer 0 outputs)
    private readonly float[] _dz0;        // capacity × 16, ∂L/∂z of layer 0
    private readonly float[] _gradients = new float[ParameterCount]; // dW0, db0, dW1, db1 in the parameter layout

    public TensorPrimitivesNetwork(int capacity)
    {
        _hidden = new float[capacity * H];
        _output = new float[capacity * O];
        _dz1 = new float[capacity * O];
        _dHidden = new float[capacity * H];
        _dz0 = new float[capacity * H];
    }

    public Span<float> Parameters => _parameters;

    /// <summary>Forward through both layers: <paramref name="output"/> [batch, 1] from <paramref name="input"/> [batch, 30].</summary>
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        int batch = input.Length / I;
        Span<float> hidden = _hidden.AsSpan(0, batch * H);
        ReadOnlySpan<float> p = _parameters;
        ReferenceLayers.TensorPrimitivesForward(input, p.Slice(W0, H * I), p.Slice(B0, H), hidden, I, H);
        ReferenceLayers.TensorPrimitivesForward(hidden, p.Slice(W1, O * H), p.Slice(B1, O), output, H, O);
    }

    /// <summary>
    /// One SGD step on a minibatch: forward, mean binary cross-entropy (logs clamped at -100, as PyTorch and the
    /// generated code), backward, and θ -= learningRate·∂L/∂θ per layer (layer 1's input gradient is computed with its
    /// weights before the update). Returns the loss before the update.
    /// </summary>
    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate)
    {
        int batch = input.Length / I;
        Span<float> p = _parameters;
        Span<float> hidden = _hidden.AsSpan(0, batch * H);
        Span<float> output = _output.AsSpan(0, batch * O);
        ReferenceLayers.TensorPrimitivesForward(input, p.Slice(W0, H * I), p.Slice(B0, H), hidden, I, H);
        ReferenceLayers.TensorPrimitivesForward(hidden, p.Slice(W1, O * H), p.Slice(B1, O), output, H, O);

        // Loss: a loop over the batch × 1 outputs (TensorPrimitives has no clamped BCE).
        double loss = 0;
        for (int k = 0; k < output.Length; k++)
        {
            double y = output[k], t = target[k];
            loss -= (t * Math.Max(Math.Log(y), -100.0)) + ((1.0 - t) * Math.Max(Math.Log(1.0 - y), -100.0));
        }

        loss /= output.Length;

        // Layer 1: dz = (y − t) / (batch · outputs), gradients, input gradient, then the update.
        Span<float> g = _gradients;
        Span<float> dz1 = _dz1.AsSpan(0, batch * O);
        Span<float> dHidden = _dHidden.AsSpan(0, batch * H);
        TensorPrimitives.Subtract(output, target, dz1);
        TensorPrimitives.Multiply(dz1, 1f / (batch * O), dz1);
        ReferenceLayers.TensorPrimitivesBackwardFromDz(hidden, p.Slice(W1, O * H), dz1, g.Slice(W1, O * H), g.Slice(B1, O), dHidden, H, O);
        TensorPrimitives.MultiplyAdd(g.Slice(W1, O * H + O), -learningRate, p.Slice(W1, O * H + O), p.Slice(W1, O * H + O));

        // Layer 0: dz = dHidden ⊙ h ⊙ (1 − h), gradients (no input gradient), then the update.
        Span<float> dz0 = _dz0.AsSpan(0, batch * H);
        TensorPrimitives.Subtract(1f, hidden, dz0);
        TensorPrimitives.Multiply(dz0, hidden, dz0);
        TensorPrimitives.Multiply(dz0, dHidden, dz0);
        ReferenceLayers.TensorPrimitivesBackwardFromDz(input, p.Slice(W0, H * I), dz0, g.Slice(W0, H * I), g.Slice(B0, H), Span<float>.Empty, I, H);
        TensorPrimitives.MultiplyAdd(g.Slice(W0, H * I + H), -learningRate, p.Slice(W0, H * I + H), p.Slice(W0, H * I + H));
        return (float)loss;
    }
    /// <summary>
    /// One Adam step on a minibatch: forward, mean binary cross-entropy, the gradients of both layers into one buffer
    /// in the parameter layout (as <see cref="TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float}, float)"/>, without its
    /// per-layer updates), then <paramref name="adam"/>'s separate plain-loop pass over all 513 parameters. Returns the
    /// loss before the update.
    /// </summary>
    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, PlainLoopAdam adam)
    {
        int batch = input.Length / I;
        Span<float> p = _parameters;
        Span<float> hidden = _hidden.AsSpan(0, batch * H);
        Span<float> output = _output.AsSpan(0, batch * O);
        ReferenceLayers.TensorPrimitivesForward(input, p.Slice(W0, H * I), p.Slice(B0, H), hidden, I, H);
        ReferenceLayers.TensorPrimitivesForward(hidden, p.Slice(W1, O * H), p.Slice(B1, O), output, H, O);

        double loss = 0;
        for (int k = 0; k < output.Length; k++)
        {
            double y = output[k], t = target[k];
            loss -= (t * Math.Max(Math.Log(y), -100.0)) + ((1.0 - t) * Math.Max(Math.Log(1.0 - y), -100.0));
        }

        loss /= output.Length;

        // Layer 1: dz = (y − t) / (batch · outputs), its gradients and the input gradient.
        Span<float> g = _gradients;
        Span<float> dz1 = _dz1.AsSpan(0, batch * O);
        Span<float> dHidden = _dHidden.AsSpan(0, batch * H);
        TensorPrimitives.Subtract(output, target, dz1);
        TensorPrimitives.Multiply(dz1, 1f / (batch * O), dz1);
        ReferenceLayers.TensorPrimitivesBackwardFromDz(hidden, p.Slice(W1, O * H), dz1, g.Slice(W1, O * H), g.Slice(B1, O), dHidden, H, O);

        // Layer 0: dz = dHidden ⊙ h ⊙ (1 − h), its gradients (no input gradient).
        Span<float> dz0 = _dz0.AsSpan(0, batch * H);
        TensorPrimitives.Subtract(1f, hidden, dz0);
        TensorPrimitives.Multiply(dz0, hidden, dz0);
        TensorPrimitives.Multiply(dz0, dHidden, dz0);
        ReferenceLayers.TensorPrimitivesBackwardFromDz(input, p.Slice(W0, H * I), dz0, g.Slice(W0, H * I), g.Slice(B0, H), Span<float>.Empty, I, H);

        adam.Update(p, g);
        return (float)loss;
    }
}
