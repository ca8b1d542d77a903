using System;
using System.Collections.Generic;

namespace SigmoidGen;

/// <summary>
/// The tensor names a safetensors file uses for each layer's weights and bias, that is the names in the PyTorch model's
/// <c>state_dict()</c>. The default is <see cref="Sequential(string)"/>.
/// </summary>
/// <example>
/// <code>
/// SafetensorsLayout.Sequential();              // nn.Sequential(Linear, Sigmoid, Linear, Sigmoid): 0.weight, 0.bias, 2.weight, …
/// SafetensorsLayout.Sequential("model.");      // the same Sequential held as self.model: model.0.weight, …
/// SafetensorsLayout.Named("fc1", "fc2");       // self.fc1 = nn.Linear(…), self.fc2 = …: fc1.weight, fc1.bias, fc2.weight, …
/// </code>
/// </example>
public sealed class SafetensorsLayout
{
    private readonly string _prefix;
    private readonly string[]? _layerNames;

    private SafetensorsLayout(string prefix, string[]? layerNames)
    {
        _prefix = prefix;
        _layerNames = layerNames;
    }

    /// <summary>
    /// The names of <c>nn.Sequential(nn.Linear, nn.Sigmoid, nn.Linear, nn.Sigmoid, …)</c>: layer <c>k</c> is module
    /// <c>2k</c> of the sequence, so its tensors are <c>{prefix}{2k}.weight</c> and <c>{prefix}{2k}.bias</c>.
    /// </summary>
    /// <param name="prefix">Put before every name, e.g. <c>"model."</c> when the Sequential is an attribute <c>model</c>
    /// of the saved module; empty by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    public static SafetensorsLayout Sequential(string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return new SafetensorsLayout(prefix, null);
    }

    /// <summary>
    /// One name per layer, first layer first: layer <c>k</c>'s tensors are <c>{layerNames[k]}.weight</c> and
    /// <c>{layerNames[k]}.bias</c>, as in a module with attributes <c>fc1</c>, <c>fc2</c>, … of type <c>nn.Linear</c>.
    /// </summary>
    /// <param name="layerNames">Exactly one distinct, non-empty name per layer of the network it is used with.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layerNames"/> is null.</exception>
    /// <exception cref="ArgumentException">No names, or a name that is null, empty or repeated.</exception>
    public static SafetensorsLayout Named(params string[] layerNames)
    {
        ArgumentNullException.ThrowIfNull(layerNames);
        if (layerNames.Length == 0)
        {
            throw new ArgumentException("Give one name per layer, e.g. Named(\"fc1\", \"fc2\").", nameof(layerNames));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < layerNames.Length; k++)
        {
            if (string.IsNullOrEmpty(layerNames[k]))
            {
                throw new ArgumentException($"Layer name {k} is null or empty.", nameof(layerNames));
            }

            if (!seen.Add(layerNames[k]))
            {
                throw new ArgumentException($"Layer name '{layerNames[k]}' is given twice.", nameof(layerNames));
            }
        }

        return new SafetensorsLayout("", (string[])layerNames.Clone());
    }

    /// <summary>The name of layer <paramref name="layer"/>'s weight tensor, shape <c>[outputs, inputs]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is negative, or not below the number of
    /// names given to <see cref="Named(string[])"/>.</exception>
    public string WeightName(int layer) => LayerName(layer) + ".weight";

    /// <summary>The name of layer <paramref name="layer"/>'s bias tensor, shape <c>[outputs]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is negative, or not below the number of
    /// names given to <see cref="Named(string[])"/>.</exception>
    public string BiasName(int layer) => LayerName(layer) + ".bias";

    /// <summary>Throws unless this layout names exactly <paramref name="layerCount"/> layers (a Sequential names any number).</summary>
    internal void CheckLayerCount(int layerCount, string parameterName)
    {
        if (_layerNames is not null && _layerNames.Length != layerCount)
        {
            throw new ArgumentException(
                $"The layout names {_layerNames.Length} layers ({string.Join(", ", _layerNames)}) but the network has {layerCount}; give one name per layer.",
                parameterName);
        }
    }

    private string LayerName(int layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        if (_layerNames is null)
        {
            return _prefix + (2 * layer).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, _layerNames.Length);
        return _layerNames[layer];
    }
}
