using System;
using System.IO;

namespace SigmoidGen.Onnx;

/// <summary>
/// ONNX export and import for any <see cref="ISigmoidNetwork{T}"/>: <see cref="Export{T}(ISigmoidNetwork{T}, Stream)"/>
/// writes a standard graph that ONNX Runtime runs as it is; <see cref="Import{T}(ISigmoidNetwork{T}, Stream)"/> loads
/// the weights of an ONNX model of the same family, such as <c>torch.onnx.export</c> of
/// <c>nn.Sequential(nn.Linear, nn.Sigmoid, …)</c>.
/// </summary>
/// <remarks>
/// <para>The exported graph: input <see cref="InputName"/> <c>[batch, inputs]</c>, then for each layer a <c>Gemm</c>
/// (<c>transB = 1</c>, weights <c>[out, in]</c> and bias <c>[out]</c> as initializers in the network's element type,
/// named <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, … as in a PyTorch state dict) and a <c>Sigmoid</c>; output
/// <see cref="OutputName"/> <c>[batch, outputs]</c>. The batch dimension is symbolic (<see cref="BatchDimension"/>).
/// Operator set <see cref="OpsetVersion"/> (the latest versions of Gemm and Sigmoid), IR version
/// <see cref="IrVersion"/>.</para>
/// <para>Import accepts, per layer, <c>Gemm</c> (alpha = beta = 1, transA = 0, transB 0 or 1, bias optional) or
/// <c>MatMul</c> followed by <c>Add</c> (or by nothing: zero bias), then <c>Sigmoid</c>; weights as float or double
/// initializers (<c>raw_data</c>, <c>float_data</c> or <c>double_data</c>), <c>Constant</c> nodes, or either through
/// <c>Identity</c> or a 2-D <c>Transpose</c>. Values are converted to the network's element type.</para>
/// </remarks>
public static class SigmoidOnnx
{
    /// <summary>The name of the exported graph's input, <c>[batch, inputs]</c>.</summary>
    public const string InputName = "input";

    /// <summary>The name of the exported graph's output, <c>[batch, outputs]</c>: the last layer's sigmoid.</summary>
    public const string OutputName = "output";

    /// <summary>The name of the symbolic batch dimension of the exported input and output.</summary>
    public const string BatchDimension = "batch";

    /// <summary>
    /// The operator set the exported graph imports from the default ONNX domain: 13, the version in which both Gemm
    /// and Sigmoid got their current definitions, so every runtime from ONNX Runtime 1.6 on runs the graph.
    /// </summary>
    public const int OpsetVersion = 13;

    /// <summary>The IR version of the exported model: 7, the one that goes with operator set 13.</summary>
    public const int IrVersion = 7;

    /// <summary>The exported model's <c>producer_name</c>.</summary>
    public const string ProducerName = "SigmoidGen.Onnx";

    /// <summary>Writes the network as an ONNX model to a stream (left open).</summary>
    /// <typeparam name="T">The network's element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network to export.</param>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException">The stream is not writable, or the network's element type or parameter count is not valid.</exception>
    public static void Export<T>(ISigmoidNetwork<T> network, Stream stream)
        where T : unmanaged
    {
        CheckNetwork(network);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        }

        stream.Write(OnnxExporter.Write<T>(network.LayerSizes, network.Parameters));
    }

    /// <summary>Writes the network as an ONNX model to a file (created or overwritten).</summary>
    /// <typeparam name="T">The network's element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network to export.</param>
    /// <param name="path">The file to write, usually <c>*.onnx</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the network is not valid.</exception>
    public static void Export<T>(ISigmoidNetwork<T> network, string path)
        where T : unmanaged
    {
        CheckNetwork(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ReadOnlySpan<byte> model = OnnxExporter.Write<T>(network.LayerSizes, network.Parameters);
        using FileStream file = File.Create(path);
        file.Write(model);
    }

    /// <summary>
    /// Loads the weights of an ONNX model read from a stream into the network. The model must be a chain of dense
    /// sigmoid layers (see the remarks on <see cref="SigmoidOnnx"/>) with exactly the network's layer sizes.
    /// </summary>
    /// <typeparam name="T">The network's element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network whose parameters are replaced.</param>
    /// <param name="stream">A readable stream positioned at the start of the model; read to its end.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException">The stream is not readable, or the network is not valid.</exception>
    /// <exception cref="InvalidDataException">
    /// The bytes are not a valid ONNX model, a node cannot be mapped to a dense sigmoid layer (the message names it),
    /// or the layers' shapes do not match the network's. The network's parameters are then unchanged.
    /// </exception>
    public static void Import<T>(ISigmoidNetwork<T> network, Stream stream)
        where T : unmanaged
    {
        CheckNetwork(network);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream is not readable.", nameof(stream));
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        OnnxImporter.Read(network.LayerSizes, network.Parameters, copy.ToArray());
    }

    /// <summary>Loads the weights of an ONNX model file into the network; see <see cref="Import{T}(ISigmoidNetwork{T}, Stream)"/>.</summary>
    /// <typeparam name="T">The network's element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network whose parameters are replaced.</param>
    /// <param name="path">The <c>.onnx</c> file.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the network is not valid.</exception>
    /// <exception cref="InvalidDataException">As for the stream overload; the parameters are then unchanged.</exception>
    public static void Import<T>(ISigmoidNetwork<T> network, string path)
        where T : unmanaged
    {
        CheckNetwork(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        OnnxImporter.Read(network.LayerSizes, network.Parameters, File.ReadAllBytes(path));
    }

    /// <summary>The network must be float or double, and its parameter buffer must have the length its sizes give.</summary>
    private static void CheckNetwork<T>(ISigmoidNetwork<T> network)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new ArgumentException($"The network's element type is {typeof(T).Name}; only float and double networks have an ONNX form.", nameof(network));
        }

        ReadOnlySpan<int> sizes = network.LayerSizes;
        long expected = 0;
        for (int k = 0; k + 1 < sizes.Length; k++)
        {
            if (sizes[k] <= 0 || sizes[k + 1] <= 0)
            {
                throw new ArgumentException($"The network's layer sizes ({OnnxImporter.Describe(sizes)}) are not all positive.", nameof(network));
            }

            expected += ((long)sizes[k] + 1) * sizes[k + 1];
        }

        if (sizes.Length < 2 || network.Parameters.Length != expected)
        {
            throw new ArgumentException(
                $"The network's {network.Parameters.Length} parameters do not fit its layer sizes ({OnnxImporter.Describe(sizes)}), which need {expected}.",
                nameof(network));
        }
    }
}
