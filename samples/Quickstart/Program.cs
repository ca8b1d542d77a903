using System.Diagnostics;
using Quickstart;
using SigmoidGen;

// A 30-16-1 sigmoid network, generated at compile time, trained on the Breast Cancer Wisconsin data.
var data = BreastCancer.Load(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"));
var (train, test) = data.Split(trainFraction: 0.8, seed: 42);
test.Standardise(train);
train.Standardise(train);
Console.WriteLine($"Breast Cancer Wisconsin: {train.Rows} training rows, {test.Rows} test rows, {BreastCancer.Features} features.");

const int Epochs = 60, BatchSize = 32;
const float LearningRate = 1f;
var net = new BreastCancerNet();
net.Initialize(seed: 42);
var order = Enumerable.Range(0, train.Rows).ToArray();
var x = new float[BatchSize * BreastCancerNet.InputCount];
var t = new float[BatchSize];
var shuffle = new Random(7);
var stopwatch = Stopwatch.StartNew();
for (int epoch = 1; epoch <= Epochs; epoch++)
{
    shuffle.Shuffle(order);
    double loss = 0;
    for (int start = 0; start < train.Rows; start += BatchSize)
    {
        // Gather a shuffled minibatch, then one fused step: forward, binary cross-entropy, backward, SGD update.
        int rows = Math.Min(BatchSize, train.Rows - start);
        for (int r = 0; r < rows; r++)
        {
            train.X.AsSpan(order[start + r] * BreastCancer.Features, BreastCancer.Features).CopyTo(x.AsSpan(r * BreastCancer.Features));
            t[r] = train.Y[order[start + r]];
        }

        loss += rows * net.TrainStep(x.AsSpan(0, rows * BreastCancer.Features), t.AsSpan(0, rows), LearningRate);
    }

    if (epoch == 1 || epoch % 10 == 0)
    {
        Console.WriteLine($"epoch {epoch,3}  loss {loss / train.Rows:F4}  train accuracy {net.Accuracy(train.X, train.Y):P1}");
    }
}

stopwatch.Stop();
Console.WriteLine($"test accuracy: {net.Accuracy(test.X, test.Y) * 100:F1}%");
Console.WriteLine($"training: {stopwatch.Elapsed.TotalMilliseconds:F0} ms for {Epochs} epochs, {(double)Epochs * train.Rows / stopwatch.Elapsed.TotalSeconds:N0} samples/s");

/// <summary>30 standardised features → 16 hidden sigmoid units → 1 output: P(benign).</summary>
[SigmoidNetwork(30, 16, 1)]
internal sealed partial class BreastCancerNet
{
}
