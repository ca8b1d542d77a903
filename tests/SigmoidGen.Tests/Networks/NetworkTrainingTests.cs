using Digits;
using Quickstart;
using Xunit.Abstractions;

namespace SigmoidGen.Tests.Networks;

/// <summary>Generated networks trained on real data with a fixed seed, as the samples do.</summary>
public class NetworkTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void BreastCancerNetworkReaches95PercentOnTheTestSplit()
    {
        var data = BreastCancer.Load(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"));
        var (train, test) = data.Split(trainFraction: 0.8, seed: 42);
        test.Standardise(train);
        train.Standardise(train);
        var net = new BreastCancerNet();
        net.Initialize(seed: 42);

        float before = net.Loss(train.X, train.Y);
        List<double> losses = Train(net.TrainStep, train.X, train.Y, BreastCancerNet.InputCount, BreastCancerNet.OutputCount, epochs: 60, learningRate: 1f);
        float after = net.Loss(train.X, train.Y);

        Assert.True(after < 0.1 * before, $"training loss {before} → {after}");
        Assert.True(losses[^1] < losses[0], "the epoch loss falls");
        double accuracy = net.Accuracy(test.X, test.Y);
        Assert.True(accuracy >= 0.95, $"test accuracy {accuracy:P1}");
    }

    [Fact]
    public void DigitsNetworkReaches93PercentOnTheTestSplit()
    {
        var (train, test) = DigitsData.LoadSplit(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), trainFraction: 0.8, seed: 42);
        var net = new DigitsNet();
        net.Initialize(seed: 42);

        float before = net.Loss(train.X, train.T);
        List<double> losses = Train(net.TrainStep, train.X, train.T, DigitsNet.InputCount, DigitsNet.OutputCount, epochs: 60, learningRate: 2f);
        float after = net.Loss(train.X, train.T);

        Assert.True(after < 0.2 * before, $"training loss {before} → {after}");
        Assert.True(losses[^1] < losses[0], "the epoch loss falls");
        double accuracy = net.ClassAccuracy(test.X, test.Labels);
        Assert.True(accuracy >= 0.93, $"test accuracy {accuracy:P1}");
    }

    [Fact]
    public void AdamReachesTheDigitsSampleAccuracyInFewerEpochsThanSgd()
    {
        // The Digits network with SGD at learning rate 2: 98.1 % (352 of 359 test images) after 60 epochs, first reached
        // at epoch 38; Adam at 0.01 first reaches it at epoch 20 and ends at 98.6 % (measured 2026-12-02, this seed and
        // order).
        var (train, test) = DigitsData.LoadSplit(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), trainFraction: 0.8, seed: 42);
        var sgd = new DigitsNet();
        var adam = new DigitsNet();
        sgd.Initialize(seed: 42);
        adam.Initialize(seed: 42);
        var optimizer = new SigmoidAdam(learningRate: 0.01);
        int sgdEpochs = EpochsTo(0.98, (x, t, _) => sgd.TrainStep(x, t, 2f), () => sgd.ClassAccuracy(test.X, test.Labels));
        int adamEpochs = EpochsTo(0.98, (x, t, _) => adam.TrainStep(x, t, optimizer), () => adam.ClassAccuracy(test.X, test.Labels));

        output.WriteLine($"Epochs to 98 % test accuracy on Digits: SGD (lr 2) {sgdEpochs}, Adam (lr 0.01) {adamEpochs}.");
        Assert.True(sgdEpochs <= 60, "SGD never reached 98 % in 60 epochs");
        Assert.True(adamEpochs < sgdEpochs, $"Adam: {adamEpochs} epochs, SGD: {sgdEpochs} epochs to 98 % (352 of 359 test images)");

        int EpochsTo(double accuracy, TrainStep step, Func<double> testAccuracy)
        {
            int epochs = Train(step, train.X, train.T, DigitsNet.InputCount, DigitsNet.OutputCount, epochs: 60, learningRate: 0, stop: () => testAccuracy() >= accuracy).Count;
            return testAccuracy() >= accuracy ? epochs : int.MaxValue;
        }
    }

    /// <summary>
    /// Shuffled minibatches of 32, as the samples make them; returns the mean loss of each epoch, stopping after the
    /// first epoch at whose end <paramref name="stop"/> says so.
    /// </summary>
    private static List<double> Train(TrainStep step, float[] x, float[] t, int inputs, int outputs, int epochs, float learningRate, Func<bool>? stop = null)
    {
        int rows = x.Length / inputs;
        int[] order = Enumerable.Range(0, rows).ToArray();
        var bx = new float[32 * inputs];
        var bt = new float[32 * outputs];
        var shuffle = new Random(7);
        var losses = new List<double>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            shuffle.Shuffle(order);
            double loss = 0;
            for (int start = 0; start < rows; start += 32)
            {
                int n = Math.Min(32, rows - start);
                for (int r = 0; r < n; r++)
                {
                    x.AsSpan(order[start + r] * inputs, inputs).CopyTo(bx.AsSpan(r * inputs));
                    t.AsSpan(order[start + r] * outputs, outputs).CopyTo(bt.AsSpan(r * outputs));
                }

                loss += n * step(bx.AsSpan(0, n * inputs), bt.AsSpan(0, n * outputs), learningRate);
            }

            losses.Add(loss / rows);
            if (stop?.Invoke() == true)
            {
                break;
            }
        }

        return losses;
    }

    private delegate float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate);
}
