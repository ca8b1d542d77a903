using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SigmoidGen.Onnx.Model;

/// <summary>One dense layer found in a graph: its weights <c>[outputs, inputs]</c> row-major and its bias.</summary>
internal sealed record DenseLayer(string Node, int Inputs, int Outputs, double[] Weights, double[] Bias);

/// <summary>
/// Walks a graph's nodes in order and recognises a chain of dense sigmoid layers: per layer <c>Gemm</c> (alpha = beta
/// = 1, transA = 0, either transB) or <c>MatMul</c> then <c>Add</c> (or no bias), then <c>Sigmoid</c>. Weights must be
/// constants: initializers (also when old exporters list them as graph inputs too), <c>Constant</c> nodes, and
/// <c>Identity</c> or 2-D <c>Transpose</c> nodes applied to those; <c>Identity</c> on the activations is passed
/// through. Anything else throws <see cref="InvalidDataException"/> naming the first node it cannot map.
/// </summary>
internal sealed class LayerMatcher
{
    /// <summary>A constant tensor, possibly seen through a <c>Transpose</c> (then <see cref="Transposed"/>).</summary>
    private sealed record ConstantValue(string Name, OnnxTensor Tensor, bool Transposed);

    /// <summary>What the walk expects next.</summary>
    private enum Expect
    {
        Linear,
        BiasOrSigmoid,
        Sigmoid,
    }

    private readonly Dictionary<string, ConstantValue> _constants = new(StringComparer.Ordinal);
    private readonly List<DenseLayer> _layers = new();
    private string _current = "";
    private Expect _expect = Expect.Linear;

    // The layer being matched: its linear node, weights [out, in] and bias (null until an Add or a Gemm's C).
    private string _pendingNode = "";
    private int _pendingInputs, _pendingOutputs;
    private double[] _pendingWeights = Array.Empty<double>();
    private double[]? _pendingBias;

    private LayerMatcher()
    {
    }

    /// <summary>Returns the layers of the graph, first to last.</summary>
    public static List<DenseLayer> Match(OnnxGraph graph)
    {
        var matcher = new LayerMatcher();
        matcher.Run(graph);
        return matcher._layers;
    }

    private void Run(OnnxGraph graph)
    {
        foreach (OnnxTensor initializer in graph.Initializers)
        {
            _constants[initializer.Name] = new ConstantValue(initializer.Name, initializer, false);
        }

        // The data input: the one graph input that no initializer provides.
        string[] dataInputs = graph.Inputs.Where(name => !_constants.ContainsKey(name)).ToArray();
        if (dataInputs.Length != 1)
        {
            throw new InvalidDataException(
                $"The graph has {dataInputs.Length} inputs that are not initializers ({string.Join(", ", dataInputs.Select(n => $"'{n}'"))}); a chain of dense sigmoid layers has exactly one.");
        }

        _current = dataInputs[0];
        for (int i = 0; i < graph.Nodes.Count; i++)
        {
            Visit(graph.Nodes[i], i);
        }

        if (_expect != Expect.Linear || _layers.Count == 0)
        {
            string last = graph.Nodes.Count > 0 ? graph.Nodes[^1].Describe(graph.Nodes.Count - 1) : "the graph's input";
            throw new InvalidDataException(
                _layers.Count == 0 && _expect == Expect.Linear
                    ? "The graph has no layer (Gemm or MatMul, then Sigmoid)."
                    : $"The graph ends at {last} without the Sigmoid of its last layer.");
        }

        if (graph.Outputs.Count != 1 || graph.Outputs[0] != _current)
        {
            throw new InvalidDataException(
                $"The graph's outputs ({string.Join(", ", graph.Outputs.Select(n => $"'{n}'"))}) are not the one output of its last Sigmoid ('{_current}').");
        }
    }

    private void Visit(OnnxNode node, int index)
    {
        string where = node.Describe(index);
        if (node.Domain is not ("" or "ai.onnx"))
        {
            throw Unmappable(where, $"its domain '{node.Domain}' is not the standard ONNX operator set");
        }

        if (node.Outputs.Count != 1)
        {
            throw Unmappable(where, $"it has {node.Outputs.Count} outputs");
        }

        string output = node.Outputs[0];
        switch (node.OpType)
        {
            case "Constant":
                OnnxAttribute? value = node.Attributes.FirstOrDefault(a => a.Name == "value");
                if (value?.T is null || node.Attributes.Count != 1)
                {
                    throw Unmappable(where, "only Constant nodes with a 'value' tensor are supported");
                }

                _constants[output] = new ConstantValue(output, value.T, false);
                return;

            case "Identity" when node.Inputs.Count == 1 && _constants.TryGetValue(node.Inputs[0], out ConstantValue? aliased):
                _constants[output] = aliased;
                return;

            case "Identity" when node.Inputs.Count == 1 && node.Inputs[0] == _current:
                _current = output;
                return;

            case "Transpose" when node.Inputs.Count == 1 && _constants.TryGetValue(node.Inputs[0], out ConstantValue? source):
                OnnxAttribute? perm = node.Attributes.FirstOrDefault(a => a.Name == "perm");
                if (source.Tensor.Dims.Count != 2 || (perm is not null && !perm.Ints.SequenceEqual([1L, 0L])))
                {
                    throw Unmappable(where, "only the transpose of a 2-D constant is supported");
                }

                _constants[output] = source with { Transposed = !source.Transposed };
                return;

            case "Gemm" when _expect == Expect.Linear:
                RequireActivation(node, where, 0);
                if (node.Inputs.Count is < 2 or > 3)
                {
                    throw Unmappable(where, $"it has {node.Inputs.Count} inputs");
                }

                CheckGemmAttributes(node, where);
                bool transB = node.Attributes.FirstOrDefault(a => a.Name == "transB")?.I is 1;
                StartLayer(where, Constant(node, where, 1), transB);
                if (node.Inputs.Count == 3 && node.Inputs[2].Length > 0)
                {
                    SetBias(where, Constant(node, where, 2));
                }

                _expect = Expect.Sigmoid;
                _current = output;
                return;

            case "MatMul" when _expect == Expect.Linear:
                RequireActivation(node, where, 0);
                if (node.Inputs.Count != 2)
                {
                    throw Unmappable(where, $"it has {node.Inputs.Count} inputs");
                }

                StartLayer(where, Constant(node, where, 1), transB: false);
                _expect = Expect.BiasOrSigmoid;
                _current = output;
                return;

            case "Add" when _expect == Expect.BiasOrSigmoid && node.Inputs.Count == 2:
                int activation = node.Inputs.IndexOf(_current);
                if (activation < 0)
                {
                    throw Unmappable(where, $"it does not take the previous node's output '{_current}'");
                }

                SetBias(where, Constant(node, where, 1 - activation));
                _expect = Expect.Sigmoid;
                _current = output;
                return;

            case "Sigmoid" when _expect is Expect.Sigmoid or Expect.BiasOrSigmoid:
                RequireActivation(node, where, 0);
                _layers.Add(new DenseLayer(_pendingNode, _pendingInputs, _pendingOutputs, _pendingWeights,
                    _pendingBias ?? new double[_pendingOutputs]));
                _pendingBias = null;
                _expect = Expect.Linear;
                _current = output;
                return;

            default:
                string expected = _expect switch
                {
                    Expect.Linear => "Gemm or MatMul",
                    Expect.BiasOrSigmoid => "Add or Sigmoid",
                    _ => "Sigmoid",
                };
                throw Unmappable(where, $"a chain of dense sigmoid layers needs {expected} here");
        }
    }

    /// <summary>Gemm computes alpha·A'·B' + beta·C: only alpha = beta = 1 and A untransposed are a plain dense layer.</summary>
    private static void CheckGemmAttributes(OnnxNode node, string where)
    {
        foreach (OnnxAttribute attribute in node.Attributes)
        {
            bool plain = attribute.Name switch
            {
                "alpha" or "beta" => attribute.F is null or 1f,
                "transA" => attribute.I is null or 0,
                "transB" => attribute.I is null or 0 or 1,
                "broadcast" => true,   // opset < 7: broadcasting of C, implied since
                _ => false,
            };
            if (!plain)
            {
                throw Unmappable(where,
                    $"its attribute {attribute.Name} = {(object?)attribute.F ?? attribute.I} is not supported (alpha = beta = 1, transA = 0 only)");
            }
        }
    }

    private void RequireActivation(OnnxNode node, string where, int position)
    {
        if (node.Inputs.Count <= position || node.Inputs[position] != _current)
        {
            throw Unmappable(where, $"it does not take the previous node's output '{_current}' as its input {position}");
        }
    }

    private ConstantValue Constant(OnnxNode node, string where, int position)
    {
        string name = node.Inputs[position];
        return _constants.TryGetValue(name, out ConstantValue? constant)
            ? constant
            : throw Unmappable(where, $"its input '{name}' is not a constant (an initializer or a Constant node)");
    }

    /// <summary>
    /// Begins a layer from the linear node's B: the layer computes x·op(B), op(B) of shape <c>[in, out]</c>, with
    /// op(B) = Bᵀ when transB is set; B itself may be the transpose of the stored tensor.
    /// </summary>
    private void StartLayer(string where, ConstantValue weights, bool transB)
    {
        OnnxTensor tensor = weights.Tensor;
        if (tensor.Dims.Count != 2)
        {
            throw new InvalidDataException(
                $"The weights '{weights.Name}' of {where} have shape {TensorDecoder.Shape(tensor)}; a dense layer's are 2-D.");
        }

        double[] stored = TensorDecoder.ToDoubles(tensor, weights.Name);
        int rows = (int)tensor.Dims[0], columns = (int)tensor.Dims[1];

        // The stored tensor is [out, in] (our layout) when exactly one of transB and the Transpose applies.
        if (transB ^ weights.Transposed)
        {
            _pendingOutputs = rows;
            _pendingInputs = columns;
            _pendingWeights = stored;
        }
        else
        {
            _pendingInputs = rows;
            _pendingOutputs = columns;
            _pendingWeights = new double[stored.Length];
            for (int i = 0; i < rows; i++)
            {
                for (int o = 0; o < columns; o++)
                {
                    _pendingWeights[o * rows + i] = stored[i * columns + o];
                }
            }
        }

        _pendingNode = where;
        _pendingBias = null;
    }

    /// <summary>The bias: <c>[out]</c> or <c>[1, out]</c> (any leading ones).</summary>
    private void SetBias(string where, ConstantValue bias)
    {
        OnnxTensor tensor = bias.Tensor;
        bool shapeOk = tensor.Dims.Count >= 1 && tensor.Dims[^1] == _pendingOutputs &&
                       tensor.Dims.Take(tensor.Dims.Count - 1).All(d => d == 1) && !bias.Transposed;
        if (!shapeOk)
        {
            throw new InvalidDataException(
                $"The bias '{bias.Name}' of {where} has shape {TensorDecoder.Shape(tensor)}; the layer has {_pendingOutputs} outputs, so [{_pendingOutputs}] was expected.");
        }

        _pendingBias = TensorDecoder.ToDoubles(tensor, bias.Name);
    }

    private static InvalidDataException Unmappable(string where, string why) =>
        new($"Cannot map {where} to a dense sigmoid layer: {why}.");
}
