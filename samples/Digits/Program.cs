using System.Diagnostics;
using Digits;
using SigmoidGen;

// Handwritten digits (8x8 images): a 64-32-10 sigmoid network, one output per class (one-vs-rest), argmax prediction.
var (train, test) = DigitsData.LoadSplit(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), trainFraction: 0.8, seed: 42);
Console.WriteLine($"Digits: {train.Rows} training images, {test.Rows} test images, {DigitsData.Pixels} pixels, {DigitsData.Classes} classes.");

const int Epochs = 60, BatchSize = 32, Pixels = DigitsNet.InputCount, Classes = DigitsNet.OutputCount;
const float LearningRate = 2f;
var net = new DigitsNet();
net.Initialize(seed: 42);
int[] order = Enumerable.Range(0, train.Rows).ToArray();
var x = new float[BatchSize * Pixels];
var t = new float[BatchSize * Classes];
var shuffle = new Random(7);
var stopwatch = Stopwatch.StartNew();
for (int epoch = 1; epoch <= Epochs; epoch++)
{
    shuffle.Shuffle(order);
    double loss = 0;
    for (int start = 0; start < order.Length; start += BatchSize)
    {
        // Gather a shuffled minibatch, then one fused step: forward, binary cross-entropy, backward, SGD update.
        int rows = Math.Min(BatchSize, order.Length - start);
        for (int r = 0; r < rows; r++)
        {
            train.X.AsSpan(order[start + r] * Pixels, Pixels).CopyTo(x.AsSpan(r * Pixels));
            train.T.AsSpan(order[start + r] * Classes, Classes).CopyTo(t.AsSpan(r * Classes));
        }

        loss += rows * net.TrainStep(x.AsSpan(0, rows * Pixels), t.AsSpan(0, rows * Classes), LearningRate);
    }

    if (epoch == 1 || epoch % 10 == 0)
    {
        Console.WriteLine($"epoch {epoch,3}  loss {loss / order.Length:F4}  train accuracy {net.ClassAccuracy(train.X, train.Labels):P1}");
    }
}

stopwatch.Stop();
Console.WriteLine($"test accuracy: {net.ClassAccuracy(test.X, test.Labels) * 100:F1}%");
Console.WriteLine($"training: {stopwatch.Elapsed.TotalMilliseconds:F0} ms for {Epochs} epochs, {(double)Epochs * train.Rows / stopwatch.Elapsed.TotalSeconds:N0} samples/s");

/// <summary>64 pixels → 32 hidden sigmoid units → 10 outputs, one per digit.</summary>
[SigmoidNetwork(64, 32, 10)]
internal sealed partial class DigitsNet
{
}
