using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;

namespace SigmoidGen.Benchmarks.Infrastructure.Chart;

/// <summary>
/// Draws the chart with ScottPlot: grouped bars of GFLOP/s per layer shape (x groups, labelled "(B, I, O)") and
/// benchmark method (one colour per method, legend above the chart), one group of shapes per
/// <see cref="GflopsPanel"/> side by side under its heading on one GFLOP/s scale, the value printed above each bar
/// (small shapes make tiny bars), and the FMA peak as a dashed line. PNG and SVG come straight from ScottPlot.
/// </summary>
public static partial class GflopsChart
{
    /// <summary>The chart's first line.</summary>
    public const string Title = "SigmoidGen dense sigmoid layers: GFLOP/s by shape and method";

    /// <summary>Size of the image in pixels (the SVG's too).</summary>
    public const int Width = 1500, Height = 720;

    // Tableau 10: distinct, colour-blind-friendly hues, in order of first appearance of a method.
    private static readonly string[] Palette =
        ["#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#76B7B2", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC"];

    /// <summary>Writes <paramref name="data"/> as a PNG and as an SVG.</summary>
    public static void Save(GflopsChartData data, string pngPath, string svgPath)
    {
        Plot plot = Draw(data);
        plot.SavePng(pngPath, Width, Height);
        plot.SaveSvg(svgPath, Width, Height);
    }

    /// <summary>The whole chart for <paramref name="data"/>.</summary>
    public static Plot Draw(GflopsChartData data)
    {
        List<string> methods = data.Panels.SelectMany(p => p.Methods).Distinct().ToList();
        double largest = data.Panels.SelectMany(p => p.Gflops.Values).Append(data.Peak?.Gflops ?? 0).DefaultIfEmpty(1).Max();
        double top = largest * 1.16; // room for the values above the bars and for the panel headings

        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        string caption = string.IsNullOrWhiteSpace(data.Caption) ? string.Empty : "\n" + data.Caption;
        plot.Title(Title + caption, size: 20);
        plot.Axes.Left.Label.Text = "GFLOP/s (flops per call / median time; float, one thread)";
        plot.Axes.Left.Label.FontSize = 15;
        plot.Axes.Bottom.Label.Text = "layer shape (batch B, inputs I, outputs O)";
        plot.Axes.Bottom.Label.FontSize = 15;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;

        var bars = new List<Bar>();
        var tickPositions = new List<double>();
        var tickLabels = new List<string>();
        double left = 0; // x of the current panel's first group
        for (int p = 0; p < data.Panels.Count; p++)
        {
            GflopsPanel panel = data.Panels[p];
            double slot = 0.84 / Math.Max(1, panel.Methods.Count);
            for (int s = 0; s < panel.Shapes.Count; s++)
            {
                string shape = panel.Shapes[s];
                tickPositions.Add(left + s);
                tickLabels.Add(ShapeLabel(shape));
                for (int m = 0; m < panel.Methods.Count; m++)
                {
                    string method = panel.Methods[m];
                    if (!panel.Gflops.TryGetValue((method, shape), out double value))
                    {
                        continue;
                    }

                    bars.Add(new Bar
                    {
                        Position = left + s - 0.42 + (m + 0.5) * slot,
                        Value = value,
                        Size = slot * 0.88,
                        FillColor = Colour(methods.IndexOf(method)),
                        LineWidth = 0,
                        Label = FormatGflops(value),
                    });
                }
            }

            // The panel's heading above its groups, and a rule between panels.
            double right = left + panel.Shapes.Count - 1;
            var heading = plot.Add.Text(panel.Title, (left + right) / 2, top * 0.985);
            heading.LabelFontSize = 15;
            heading.LabelBold = true;
            heading.LabelAlignment = Alignment.UpperCenter;
            if (p > 0)
            {
                var rule = plot.Add.VerticalLine(left - 0.9);
                rule.Color = Colors.Gray;
                rule.LineWidth = 1;
            }

            left = right + 1.8;
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 12;

        if (data.Peak is { } peak)
        {
            var line = plot.Add.HorizontalLine(peak.Gflops);
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Black.WithAlpha(0.75);
            line.LineWidth = 1.5f;
            line.LegendText = $"FMA peak ({peak.Method}): {peak.Gflops.ToString("F1", CultureInfo.InvariantCulture)} GFLOP/s";
        }

        for (int m = 0; m < methods.Count; m++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = methods[m], FillColor = Colour(m) });
        }

        plot.ShowLegend(Edge.Top); // one row above the chart, clear of the bars and the panel headings
        plot.Legend.FontSize = 14;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(tickPositions.ToArray(), tickLabels.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TargetTickCount = 7 };
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.Axes.SetLimits(-0.6, left - 1.8 + 0.6, 0, top);
        return plot;
    }

    /// <summary>
    /// "(64, 784, 128)" for <c>B64_I784_O128</c> and for <c>64x784x128</c>; "Quickstart, 455 rows" for
    /// <c>Quickstart455</c>; any other shape name as it is.
    /// </summary>
    public static string ShapeLabel(string shape)
    {
        Match match = ShapeName().Match(shape);
        if (match.Success)
        {
            return $"({match.Groups["b"].Value}, {match.Groups["i"].Value}, {match.Groups["o"].Value})";
        }

        match = NetworkCase().Match(shape);
        return match.Success ? $"Quickstart, {match.Groups[1].Value} rows" : shape;
    }

    /// <summary>Three significant digits, at most two decimals: 0.63, 1.59, 24.3, 60.2, 100, 215.</summary>
    public static string FormatGflops(double value) =>
        value.ToString(value >= 100 ? "F0" : value >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture);

    private static Color Colour(int methodIndex) => Color.FromHex(Palette[Math.Max(0, methodIndex) % Palette.Length]);

    [GeneratedRegex(@"^(?:B(?<b>\d+)_I(?<i>\d+)_O(?<o>\d+)|(?<b>\d+)x(?<i>\d+)x(?<o>\d+))$")]
    private static partial Regex ShapeName();

    [GeneratedRegex(@"^Quickstart(\d+)$")]
    private static partial Regex NetworkCase();
}
