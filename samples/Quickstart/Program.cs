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
var curve = new LearningCurve(Epochs);

// Two clocks: the wall time of the whole loop (first-call JIT, the console, the accuracy measured after each epoch)
// and the steady state, the TrainStep calls alone of each epoch from the second on: what the library itself does.
// The median epoch is reported, so that a moment when the machine is busy elsewhere does not become the figure.
var epochTicks = new List<long>(Epochs);
var wall = Stopwatch.StartNew();
for (int epoch = 1; epoch <= Epochs; epoch++)
{
    shuffle.Shuffle(order);
    double loss = 0;
    long ticks = 0;
    for (int start = 0; start < train.Rows; start += BatchSize)
    {
        // Gather a shuffled minibatch, then one fused step: forward, binary cross-entropy, backward, SGD update.
        int rows = Math.Min(BatchSize, train.Rows - start);
        for (int r = 0; r < rows; r++)
        {
            train.X.AsSpan(order[start + r] * BreastCancer.Features, BreastCancer.Features).CopyTo(x.AsSpan(r * BreastCancer.Features));
            t[r] = train.Y[order[start + r]];
        }

        long before = Stopwatch.GetTimestamp();
        float batchLoss = net.TrainStep(x.AsSpan(0, rows * BreastCancer.Features), t.AsSpan(0, rows), LearningRate);
        ticks += Stopwatch.GetTimestamp() - before;
        loss += rows * batchLoss;
    }

    if (epoch > 1)
    {
        epochTicks.Add(ticks);
    }

    double trainAccuracy = net.Accuracy(train.X, train.Y);
    curve.Add(epoch, loss / train.Rows, trainAccuracy, net.Accuracy(test.X, test.Y));
    if (epoch == 1 || epoch % 10 == 0)
    {
        Console.WriteLine($"epoch {epoch,3}  loss {loss / train.Rows:F4}  train accuracy {trainAccuracy:P1}");
    }
}

wall.Stop();
epochTicks.Sort();
double epochSeconds = (double)epochTicks[epochTicks.Count / 2] / Stopwatch.Frequency;
int callsPerEpoch = (train.Rows + BatchSize - 1) / BatchSize;
Console.WriteLine($"test accuracy: {net.Accuracy(test.X, test.Y) * 100:F1}%");
Console.WriteLine($"training: {wall.Elapsed.TotalMilliseconds:F0} ms wall time for {Epochs} epochs, {(double)Epochs * train.Rows / wall.Elapsed.TotalSeconds:N0} samples/s " +
                  "(first-call JIT, console and per-epoch accuracy included)");
Console.WriteLine($"steady state: {train.Rows / epochSeconds:N0} samples/s, {epochSeconds * 1e6 / callsPerEpoch:F2} µs per TrainStep of up to {BatchSize} rows " +
                  $"(the TrainStep calls alone, median epoch of 2-{Epochs})");

string png = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "learning-curve.png");
curve.SavePng(png);
Console.WriteLine($"learning curve (loss and accuracy per epoch): {Path.GetFullPath(png)}");

/// <summary>30 standardised features → 16 hidden sigmoid units → 1 output: P(benign).</summary>
[SigmoidNetwork(30, 16, 1)]
internal sealed partial class BreastCancerNet
{
}
