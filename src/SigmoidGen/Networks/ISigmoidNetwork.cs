using System;

namespace SigmoidGen;

/// <summary>
/// What every generated <c>[SigmoidNetwork]</c> class is, seen from code that does not know its shape: tooling, the
/// ONNX exporter (<c>SigmoidGen.Onnx</c>), a user's own save and load code.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's element type.</typeparam>
/// <remarks>
/// <para>The parameter layout is fixed: for each layer <c>k</c> (inputs <c>LayerSizes[k]</c>, outputs
/// <c>LayerSizes[k + 1]</c>), its weights <c>[out, in]</c> row-major (PyTorch's <c>nn.Linear.weight</c>), then its bias
/// <c>[out]</c>, layer after layer with no gaps. Every layer applies the sigmoid to its outputs.</para>
/// <para>Implemented by the generator; an implementation written by hand must keep that layout.</para>
/// </remarks>
public interface ISigmoidNetwork<T>
    where T : unmanaged
{
    /// <summary>The layer sizes: inputs first, then each layer's outputs (at least two sizes).</summary>
    ReadOnlySpan<int> LayerSizes { get; }

    /// <summary>All parameters in one buffer, in the layout described in the remarks: read, write or copy them freely.</summary>
    Span<T> Parameters { get; }

    /// <summary>
    /// Computes the outputs <c>[batch, LayerSizes[^1]]</c> for a batch of inputs <c>[batch, LayerSizes[0]]</c>, batch =
    /// <c>input.Length / LayerSizes[0]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A length does not fit the shape; nothing has been written.</exception>
    void Predict(ReadOnlySpan<T> input, Span<T> output);
}
