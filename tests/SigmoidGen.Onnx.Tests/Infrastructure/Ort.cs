using Microsoft.ML.OnnxRuntime;

namespace SigmoidGen.Onnx.Tests.Infrastructure;

/// <summary>Runs a model in ONNX Runtime, the independent reference for exported models.</summary>
internal static class Ort
{
    /// <summary>Runs the model on a batch <c>[rows, inputs]</c> and returns its output <c>[rows, outputs]</c>.</summary>
    public static T[] Run<T>(byte[] model, T[] input, int rows, string inputName = "input", string outputName = "output")
        where T : unmanaged
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(model, options);
        using OrtValue inputValue = OrtValue.CreateTensorValueFromMemory(input, [rows, input.Length / rows]);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results =
            session.Run(runOptions, [inputName], [inputValue], [outputName]);
        return results[0].GetTensorDataAsSpan<T>().ToArray();
    }
}
