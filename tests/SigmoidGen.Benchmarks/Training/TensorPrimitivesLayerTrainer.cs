using System.Numerics.Tensors;
using SigmoidGen.Benchmarks.Layers;

namespace SigmoidGen.Benchmarks.Training;

/// <summary>
/// A one-layer sigmoid network trained with Adam, written by hand with System.Numerics.Tensors: the baseline of
/// <see cref="OptimizerStepBenchmarks"/>. Parameters in the generated network's layout (weights [outputs, inputs]
/// row-major, then the bias), buffers preallocated for <c>batch</c> rows. One step is the forward pass
/// (<see cref="ReferenceLayers.TensorPrimitivesForward"/>), the mean binary cross-entropy with TensorPrimitives (logs
/// clamped at −100, as PyTorch and the generated code), <c>dz = (y − t) / (batch·outputs)</c>, the gradients
/// (<see cref="ReferenceLayers.TensorPrimitivesBackwardFromDz"/>, no input gradient: the layer is the first one) into
/// one buffer, then a separate <see cref="PlainLoopAdam"/> pass over all parameters.
/// </summary>
public sealed class TensorPrimitivesLayerTrainer
{
    private readonly int _inputs;
    private readonly int _outputs;
    private readonly float[] _parameters;
    private readonly float[] _gradients;
    private readonly float[] _output;   // batch × outputs: y
    private readonly float[] _scratch;  // batch × outputs: loss terms, then dz
    private readonly float[] _scratch2; // batch × outputs: loss terms

    public TensorPrimitivesLayerTrainer(int inputs, int outputs, int batch, double learningRate)
    {
        _inputs = inputs;
        _outputs = outputs;
        _parameters = new float[(outputs * inputs) + outputs];
        _gradients = new float[_parameters.Length];
        _output = new float[batch * outputs];
        _scratch = new float[batch * outputs];
        _scratch2 = new float[batch * outputs];
        Adam = new PlainLoopAdam(_parameters.Length, learningRate);
    }

    public Span<float> Parameters => _parameters;

    public PlainLoopAdam Adam { get; }

    /// <summary>One Adam step on the minibatch (<paramref name="input"/> batch × inputs, <paramref name="target"/> batch × outputs); returns the loss before the update.</summary>
    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target)
    {
        int weightCount = _outputs * _inputs;
        Span<float> p = _parameters, g = _gradients;
        Span<float> y = _output.AsSpan(0, target.Length), a = _scratch.AsSpan(0, target.Length), b = _scratch2.AsSpan(0, target.Length);
        ReferenceLayers.TensorPrimitivesForward(input, p[..weightCount], p[weightCount..], y, _inputs, _outputs);

        // loss = −mean(t·max(log y, −100) + (1 − t)·max(log(1 − y), −100)) = −mean(b + t·(a − b)).
        TensorPrimitives.Log(y, a);
        TensorPrimitives.Max(a, -100f, a);
        TensorPrimitives.Subtract(1f, y, b);
        TensorPrimitives.Log(b, b);
        TensorPrimitives.Max(b, -100f, b);
        TensorPrimitives.Subtract(a, b, a);
        TensorPrimitives.MultiplyAdd(a, target, b, a);
        float loss = -TensorPrimitives.Sum(a) / target.Length;

        // dz = (y − t) / (batch · outputs), then dW and db; the layer is the first, so no input gradient.
        TensorPrimitives.Subtract(y, target, a);
        TensorPrimitives.Multiply(a, 1f / target.Length, a);
        ReferenceLayers.TensorPrimitivesBackwardFromDz(input, p[..weightCount], a, g[..weightCount], g[weightCount..], Span<float>.Empty, _inputs, _outputs);
        Adam.Update(p, g);
        return loss;
    }
}
