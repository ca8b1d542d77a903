using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SigmoidGen.Interop;

/// <summary>One tensor a network expects: its name, shape and where its values sit in the network's parameters.</summary>
/// <param name="Name">The tensor's name in the file (from the <see cref="SafetensorsLayout"/>).</param>
/// <param name="Shape"><c>[outputs, inputs]</c> for weights, <c>[outputs]</c> for a bias.</param>
/// <param name="Offset">Index of its first value in <see cref="ISigmoidNetwork{T}.Parameters"/>.</param>
/// <param name="Layer">The layer it belongs to.</param>
/// <param name="IsWeight">Whether it is the weights (else the bias).</param>
internal sealed record NetworkTensor(string Name, long[] Shape, int Offset, int Layer, bool IsWeight)
{
    /// <summary>The number of values: the product of the shape.</summary>
    public int Count => (int)(Shape.Length == 2 ? Shape[0] * Shape[1] : Shape[0]);

    /// <summary>The shape as PyTorch prints it, e.g. <c>[16, 30]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";

    /// <summary>What the tensor is, for messages: e.g. <c>layer 0's weights [16, 30] ([outputs, inputs])</c>.</summary>
    public string Description =>
        IsWeight ? $"layer {Layer}'s weights {ShapeText} ([outputs, inputs])" : $"layer {Layer}'s bias {ShapeText}";

    /// <summary>
    /// The tensors of a network with these layer sizes under a layout, in the network's parameter order (per layer its
    /// weights, then its bias).
    /// </summary>
    /// <exception cref="ArgumentException">The layout names another number of layers, or two tensors get one name.</exception>
    public static List<NetworkTensor> For(ReadOnlySpan<int> sizes, int parameterCount, SafetensorsLayout layout, string networkName, string layoutName)
    {
        if (sizes.Length < 2)
        {
            throw new ArgumentException($"The network has {sizes.Length} layer sizes; a network has at least two.", networkName);
        }

        layout.CheckLayerCount(sizes.Length - 1, layoutName);
        var tensors = new List<NetworkTensor>(2 * (sizes.Length - 1));
        long offset = 0;
        for (int k = 0; k + 1 < sizes.Length; k++)
        {
            int inputs = sizes[k], outputs = sizes[k + 1];
            if (inputs < 1 || outputs < 1)
            {
                throw new ArgumentException($"The network's layer {k} is {inputs} -> {outputs}; sizes must be positive.", networkName);
            }

            tensors.Add(new NetworkTensor(layout.WeightName(k), [outputs, inputs], (int)offset, k, IsWeight: true));
            offset += (long)outputs * inputs;
            tensors.Add(new NetworkTensor(layout.BiasName(k), [outputs], (int)Math.Min(offset, int.MaxValue), k, IsWeight: false));
            offset += outputs;
            if (offset > parameterCount)
            {
                break;
            }
        }

        if (offset != parameterCount)
        {
            throw new ArgumentException(
                $"The network's Parameters hold {parameterCount} values; its layer sizes {string.Join(",", sizes.ToArray())} need {offset}.",
                networkName);
        }

        var duplicate = tensors.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The layout gives two tensors the name '{duplicate.Key}'.", layoutName);
        }

        return tensors;
    }

    /// <summary>A position inside this tensor, for messages: <c>[row, column]</c> of weights, <c>[index]</c> of a bias.</summary>
    public string Position(int index) => IsWeight
        ? string.Create(CultureInfo.InvariantCulture, $"[{index / Shape[1]}, {index % Shape[1]}]")
        : string.Create(CultureInfo.InvariantCulture, $"[{index}]");
}
