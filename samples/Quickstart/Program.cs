using System.Diagnostics;
using Quickstart;
using SigmoidGen;

// Logistic regression on the Breast Cancer Wisconsin data with a generated sigmoid layer (30 inputs → 1 output).
var data = BreastCancer.Load(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"));
var (train, test) = data.Split(trainFraction: 0.8, seed: 42);
test.Standardise(train);
train.Standardise(train);
Console.WriteLine($"Breast Cancer Wisconsin: {train.Rows} training rows, {test.Rows} test rows, {BreastCancer.Features} features.");

const int Epochs = 100, BatchSize = 32;
const float LearningRate = 0.1f;
var weights = new float[BreastCancer.Features];
var bias = new float[1];
var output = new float[BatchSize];
var stopwatch = Stopwatch.StartNew();
for (int epoch = 1; epoch <= Epochs; epoch++)
{
    double loss = 0;
    for (int start = 0; start < train.Rows; start += BatchSize)
    {
        int rows = Math.Min(BatchSize, train.Rows - start);
        ReadOnlySpan<float> x = train.X.AsSpan(start * BreastCancer.Features, rows * BreastCancer.Features);
        ReadOnlySpan<float> t = train.Y.AsSpan(start, rows);
        Span<float> y = output.AsSpan(0, rows);
        Model.Predict(x, weights, bias, y);

        // Binary cross-entropy gradient for a sigmoid output: dL/dz = (y - t) / rows; one step of gradient descent.
        for (int r = 0; r < rows; r++)
        {
            float dz = (y[r] - t[r]) / rows;
            loss -= (t[r] * Math.Log(Math.Max(y[r], 1e-7))) + ((1 - t[r]) * Math.Log(Math.Max(1 - y[r], 1e-7)));
            for (int f = 0; f < BreastCancer.Features; f++)
            {
                weights[f] -= LearningRate * dz * x[(r * BreastCancer.Features) + f];
            }

            bias[0] -= LearningRate * dz;
        }
    }

    if (epoch == 1 || epoch % 20 == 0)
    {
        Console.WriteLine($"epoch {epoch,3}  loss {loss / train.Rows:F4}  train accuracy {Accuracy(train):P1}");
    }
}

stopwatch.Stop();
Console.WriteLine($"test accuracy: {Accuracy(test) * 100:F1}%");
Console.WriteLine($"training: {stopwatch.Elapsed.TotalMilliseconds:F0} ms, {(double)Epochs * train.Rows / stopwatch.Elapsed.TotalSeconds:N0} samples/s");

double Accuracy(BreastCancer set)
{
    var predictions = new float[set.Rows];
    Model.Predict(set.X, weights, bias, predictions);
    int correct = 0;
    for (int r = 0; r < set.Rows; r++)
    {
        correct += (predictions[r] >= 0.5f) == (set.Y[r] >= 0.5f) ? 1 : 0;
    }

    return (double)correct / set.Rows;
}

/// <summary>The model: one generated sigmoid layer.</summary>
internal static partial class Model
{
    [SigmoidLayer(inputs: BreastCancer.Features, outputs: 1)]
    public static partial void Predict(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output);
}
