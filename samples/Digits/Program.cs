using System.Diagnostics;
using Digits;
using SigmoidGen;

// Handwritten digits (8x8 images): a 64-32-10 sigmoid network, one output per class (one-vs-rest), argmax prediction.
var (train, test) = DigitsData.LoadSplit(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), trainFraction: 0.8, seed: 42);
Console.WriteLine($"Digits: {train.Rows} training images, {test.Rows} test images, {DigitsData.Pixels} pixels, {DigitsData.Classes} classes.");

const int Epochs = 60, BatchSize = 32, Pixels = DigitsNet.InputCount, Classes = DigitsNet.OutputCount;
var net = new DigitsNet();
net.Initialize(seed: 42);

// Adam (torch.optim.Adam's rule and defaults, learning rate 0.01): reaches this network's SGD accuracy (98.1 % after 60
// epochs at learning rate 2) by epoch 20. `net.TrainStep(x, t, 2f)` would be plain SGD, fused into the backward pass.
var adam = new SigmoidAdam(learningRate: 0.01);
Console.WriteLine($"optimizer: Adam, learning rate {adam.LearningRate}, betas ({adam.Beta1}, {adam.Beta2})");
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
        // Gather a shuffled minibatch, then one step: forward, binary cross-entropy, backward, Adam update.
        int rows = Math.Min(BatchSize, order.Length - start);
        for (int r = 0; r < rows; r++)
        {
            train.X.AsSpan(order[start + r] * Pixels, Pixels).CopyTo(x.AsSpan(r * Pixels));
            train.T.AsSpan(order[start + r] * Classes, Classes).CopyTo(t.AsSpan(r * Classes));
        }

        loss += rows * net.TrainStep(x.AsSpan(0, rows * Pixels), t.AsSpan(0, rows * Classes), adam);
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
