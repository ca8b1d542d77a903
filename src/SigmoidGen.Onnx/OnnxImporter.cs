using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SigmoidGen.Onnx.Model;

namespace SigmoidGen.Onnx;

/// <summary>
/// Reads an ONNX model, finds its dense sigmoid layers (<see cref="LayerMatcher"/>), checks them against the network's
/// layer sizes and only then copies the weights in: on any error the network's parameters are unchanged.
/// </summary>
internal static class OnnxImporter
{
    public static void Read<T>(ReadOnlySpan<int> sizes, Span<T> parameters, byte[] bytes)
        where T : unmanaged
    {
        OnnxModel model = OnnxModelReader.Read(bytes);
        if (model.Graph is null)
        {
            throw new InvalidDataException("Not an ONNX model: the file has no graph.");
        }

        if (!model.OpsetImports.Exists(o => o.Domain is "" or "ai.onnx"))
        {
            throw new InvalidDataException("Not a valid ONNX model: it imports no version of the standard ONNX operator set (opset_import).");
        }

        List<DenseLayer> layers = LayerMatcher.Match(model.Graph);
        int expectedLayers = sizes.Length - 1;
        if (layers.Count != expectedLayers)
        {
            string found = string.Join(", ", layers.Select(l => $"{l.Inputs}→{l.Outputs}"));
            throw new InvalidDataException(
                $"The model has {layers.Count} layers ({found}); the network {Describe(sizes)} has {expectedLayers}.");
        }

        // Everything is checked before the first write.
        for (int k = 0; k < layers.Count; k++)
        {
            DenseLayer layer = layers[k];
            if (layer.Inputs != sizes[k] || layer.Outputs != sizes[k + 1])
            {
                throw new InvalidDataException(
                    $"Layer {k} ({layer.Node}) maps {layer.Inputs} inputs to {layer.Outputs} outputs; the network {Describe(sizes)} needs {sizes[k]} to {sizes[k + 1]}.");
            }
        }

        T[] staged = new T[parameters.Length];
        int offset = 0;
        foreach (DenseLayer layer in layers)
        {
            offset = Convert(layer.Weights, staged, offset);
            offset = Convert(layer.Bias, staged, offset);
        }

        if (offset != staged.Length)
        {
            // Only a hand-written ISigmoidNetwork with another layout gets here; SigmoidOnnx checks the length first.
            throw new InvalidOperationException($"The network has {staged.Length} parameters; its layer sizes give {offset}.");
        }

        staged.CopyTo(parameters);
    }

    private static int Convert<T>(double[] values, T[] destination, int offset)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            var target = (double[])(object)destination;
            values.CopyTo(target, offset);
        }
        else
        {
            var target = (float[])(object)destination;
            for (int i = 0; i < values.Length; i++)
            {
                target[offset + i] = (float)values[i];
            }
        }

        return offset + values.Length;
    }

    internal static string Describe(ReadOnlySpan<int> sizes) => string.Join("-", sizes.ToArray());
}
