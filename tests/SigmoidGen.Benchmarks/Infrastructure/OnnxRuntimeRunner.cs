using Microsoft.ML.OnnxRuntime;
using SigmoidGen.Onnx;

namespace SigmoidGen.Benchmarks.Infrastructure;

/// <summary>
/// ONNX Runtime as the benchmarks run it, on the model <see cref="SigmoidOnnx.Export{T}(ISigmoidNetwork{T}, Stream)"/>
/// writes for a network: its fastest documented CPU path, one intra-op and one inter-op thread, sequential execution,
/// all graph optimisations, and the input and output as <see cref="OrtValue"/>s over arrays allocated once, bound once
/// with <see cref="OrtIoBinding"/>, so that <see cref="Run"/> is only
/// <see cref="InferenceSession.RunWithBinding(RunOptions, OrtIoBinding)"/>.
/// </summary>
public sealed class OnnxRuntimeRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OrtValue _inputValue, _outputValue;
    private readonly OrtIoBinding _binding;

    /// <summary>A session over <paramref name="network"/>'s exported model, reading <paramref name="input"/> and writing <paramref name="output"/>.</summary>
    /// <param name="network">The network to export (its current parameters).</param>
    /// <param name="input">The input rows, <c>[rows, LayerSizes[0]]</c>, read at every <see cref="Run"/>.</param>
    /// <param name="output">Where ONNX Runtime writes, <c>[rows, LayerSizes[^1]]</c>.</param>
    /// <param name="prepack">
    /// Whether ONNX Runtime may pack the weights once, when the session is made (its default). Without it
    /// (<c>session.disable_prepacking</c>), MLAS packs them in every call, as a layer that is handed row-major weights at
    /// every call must.
    /// </param>
    public OnnxRuntimeRunner(ISigmoidNetwork<float> network, float[] input, float[] output, bool prepack = true)
    {
        int inputs = network.LayerSizes[0], outputs = network.LayerSizes[^1];
        int rows = input.Length / inputs;
        using var model = new MemoryStream();
        SigmoidOnnx.Export(network, model);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        if (!prepack)
        {
            options.AddSessionConfigEntry("session.disable_prepacking", "1");
        }

        _session = new InferenceSession(model.ToArray(), options);
        _runOptions = new RunOptions();
        _inputValue = OrtValue.CreateTensorValueFromMemory(input, [rows, inputs]);
        _outputValue = OrtValue.CreateTensorValueFromMemory(output, [rows, outputs]);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(SigmoidOnnx.InputName, _inputValue);
        _binding.BindOutput(SigmoidOnnx.OutputName, _outputValue);
    }

    /// <summary>One inference over the bound input into the bound output.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    /// <summary>
    /// Throws unless <paramref name="ours"/> and <paramref name="onnxRuntime"/> agree within 1e-5 everywhere (the
    /// benchmarks' setup check that both sides compute the same thing).
    /// </summary>
    public static void CheckAgreement(float[] ours, float[] onnxRuntime, string what)
    {
        for (int i = 0; i < ours.Length; i++)
        {
            if (!(Math.Abs(ours[i] - onnxRuntime[i]) <= 1e-5f))
            {
                throw new InvalidOperationException(
                    $"{what} and ONNX Runtime disagree at output {i}: {ours[i]} vs {onnxRuntime[i]}.");
            }
        }
    }

    public void Dispose()
    {
        _binding.Dispose();
        _inputValue.Dispose();
        _outputValue.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
