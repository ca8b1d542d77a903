using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Quickstart;
using SigmoidGen;
using SigmoidGen.Onnx;

// 1. Train the Quickstart's 30-16-1 network on Breast Cancer Wisconsin, in C#.
var data = BreastCancer.Load(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"));
var (train, test) = data.Split(trainFraction: 0.8, seed: 42);
test.Standardise(train);
train.Standardise(train);
var net = new CancerNet();
net.Initialize(seed: 42);
var adam = new SigmoidAdam(learningRate: 0.01);
for (int epoch = 0; epoch < 30; epoch++)
{
    for (int start = 0; start < train.Rows; start += 32)
    {
        int rows = Math.Min(32, train.Rows - start);
        net.TrainStep(train.X.AsSpan(start * CancerNet.InputCount, rows * CancerNet.InputCount), train.Y.AsSpan(start, rows), adam);
    }
}

Console.WriteLine($"test accuracy: {net.Accuracy(test.X, test.Y) * 100:F1}% (30-16-1, Adam, 30 epochs)");

// 2. Out: safetensors (PyTorch's format and state-dict names) and ONNX (Gemm + Sigmoid per layer).
string folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "models")).FullName;
net.SaveSafetensors(Path.Combine(folder, "cancer.safetensors"));
SigmoidOnnx.Export(net, Path.Combine(folder, "cancer.onnx"));
Console.WriteLine($"wrote {folder}/cancer.safetensors and cancer.onnx");

// 3. ONNX Runtime runs the exported file; both predictions side by side.
const int Shown = 5;
float[] rowsIn = test.X.AsSpan(0, Shown * CancerNet.InputCount).ToArray();
var ours = new float[Shown];
net.Predict(rowsIn, ours);
using var session = new InferenceSession(Path.Combine(folder, "cancer.onnx"));
using OrtValue input = OrtValue.CreateTensorValueFromMemory(rowsIn, [Shown, CancerNet.InputCount]);
using var results = session.Run(new RunOptions(), ["input"], [input], ["output"]);
ReadOnlySpan<float> theirs = results[0].GetTensorDataAsSpan<float>();
Console.WriteLine("row  SigmoidGen  ONNX Runtime");
for (int row = 0; row < Shown; row++)
{
    Console.WriteLine($"{row,3}  {ours[row],10:F6}  {theirs[row],12:F6}");
}

Console.WriteLine($"largest difference: {MaxDifference(ours, theirs.ToArray()):E1}");

// 4. In: a model PyTorch trained and saved (nn.Sequential(Linear(30, 16), Sigmoid(), Linear(16, 1), Sigmoid())), with
// PyTorch's own outputs on seven inputs to compare against.
string pytorch = Path.Combine(AppContext.BaseDirectory, "pytorch");
using JsonDocument fixture = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(pytorch, "mlp_30_16_1.json")));
float[] x = Flatten(fixture.RootElement.GetProperty("inputs")).Select(v => (float)v).ToArray();
float[] expected = Flatten(fixture.RootElement.GetProperty("outputs")).Select(v => (float)v).ToArray();
var fromSafetensors = new CancerNet();
fromSafetensors.LoadSafetensors(Path.Combine(pytorch, "mlp_30_16_1.safetensors"));
var fromOnnx = new CancerNet();
SigmoidOnnx.Import(fromOnnx, Path.Combine(pytorch, "mlp_30_16_1.onnx"));
var viaSafetensors = new float[expected.Length];
var viaOnnx = new float[expected.Length];
fromSafetensors.Predict(x, viaSafetensors);
fromOnnx.Predict(x, viaOnnx);
Console.WriteLine($"PyTorch's model, {expected.Length} rows: largest difference from PyTorch's outputs {MaxDifference(viaSafetensors, expected):E1} " +
                  $"(loaded from .safetensors), {MaxDifference(viaOnnx, expected):E1} (imported from .onnx)");

static double MaxDifference(float[] a, float[] b) => a.Zip(b, (p, q) => Math.Abs((double)p - q)).Max();

static double[] Flatten(JsonElement rows) =>
    rows.EnumerateArray().SelectMany(row => row.EnumerateArray().Select(e => e.GetDouble())).ToArray();

/// <summary>30 standardised features → 16 hidden sigmoid units → 1 output: P(benign).</summary>
[SigmoidNetwork(30, 16, 1)]
internal sealed partial class CancerNet
{
}
