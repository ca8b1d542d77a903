using ScottPlot;

namespace Quickstart;

/// <summary>Loss and accuracy per epoch, drawn as a PNG with ScottPlot (the sample's only package).</summary>
internal sealed class LearningCurve(int epochs)
{
    private readonly List<double> _epochs = new(epochs);
    private readonly List<double> _loss = new(epochs);
    private readonly List<double> _trainAccuracy = new(epochs);
    private readonly List<double> _testAccuracy = new(epochs);

    /// <summary>Records one epoch: its mean training loss and the accuracies measured after it.</summary>
    public void Add(int epoch, double loss, double trainAccuracy, double testAccuracy)
    {
        _epochs.Add(epoch);
        _loss.Add(loss);
        _trainAccuracy.Add(trainAccuracy * 100);
        _testAccuracy.Add(testAccuracy * 100);
    }

    /// <summary>Writes the curve: the loss on the left axis, both accuracies (%) on the right one.</summary>
    public void SavePng(string path, int width = 900, int height = 500)
    {
        var plot = new Plot();
        plot.Title("30-16-1 sigmoid network on Breast Cancer Wisconsin");
        plot.XLabel("epoch");

        var loss = plot.Add.Scatter(_epochs, _loss);
        loss.LegendText = "training loss (binary cross-entropy, left)";
        loss.MarkerSize = 0;
        loss.LineWidth = 2;
        plot.Axes.Left.Label.Text = "loss";

        foreach (var (values, label, pattern) in new[]
                 {
                     (_trainAccuracy, "train accuracy (%, right)", LinePattern.Solid),
                     (_testAccuracy, "test accuracy (%, right)", LinePattern.Dashed),
                 })
        {
            var accuracy = plot.Add.Scatter(_epochs, values);
            accuracy.Axes.YAxis = plot.Axes.Right;
            accuracy.LegendText = label;
            accuracy.MarkerSize = 0;
            accuracy.LineWidth = 2;
            accuracy.LinePattern = pattern;
        }

        plot.Axes.Right.Label.Text = "accuracy (%)";
        // Loss from 0, accuracy over the range it spans (to 100 %), so both curves use the height of the chart.
        plot.Axes.SetLimitsY(0, _loss.Max() * 1.1, plot.Axes.Left);
        double lowest = System.Math.Min(_trainAccuracy.Min(), _testAccuracy.Min());
        plot.Axes.SetLimitsY(System.Math.Floor(lowest / 5) * 5 - 5, 101, plot.Axes.Right);
        plot.Axes.SetLimitsX(0, _epochs.Count + 1);
        plot.ShowLegend(Alignment.MiddleRight);
        plot.SavePng(path, width, height);
    }
}
