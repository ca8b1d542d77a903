using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SigmoidGen.Benchmarks.Infrastructure.Chart;

/// <summary>
/// Writes the chart as SVG text: grouped bars of GFLOP/s per layer shape (x groups, labelled "(B, I, O)") and
/// benchmark method (one colour per method, legend at the top); one panel per <see cref="GflopsPanel"/>, stacked, on
/// one linear GFLOP/s scale; the value printed above each bar (small shapes make tiny bars); the FMA peak as a dashed
/// line in each panel. Plain SVG 1.1 written by hand: no scripts, no external resources.
/// </summary>
public static partial class GflopsChart
{
    /// <summary>The <c>class</c> of every bar rectangle, one per charted value (the chart command counts them).</summary>
    public const string BarClass = "bar";

    /// <summary>The chart's first line.</summary>
    public const string Title = "SigmoidGen dense sigmoid layers: GFLOP/s by shape and method";

    private const double Width = 960;
    private const double PlotLeft = 78;
    private const double PlotRight = Width - 24;
    private const double PlotHeight = 250;
    private const string FontFamily = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";
    private const string TextColour = "#222222";
    private const string MutedColour = "#555555";
    private const string GridColour = "#E3E3E3";
    private const string PeakColour = "#333333";
    private const string PeakDash = "7 5";

    // Tableau 10: distinct, colour-blind-friendly hues, in order of first appearance of a method.
    private static readonly string[] Palette =
        ["#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#76B7B2", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC"];

    /// <summary>The whole SVG document for <paramref name="data"/>.</summary>
    public static string ToSvg(GflopsChartData data)
    {
        List<string> methods = data.Panels.SelectMany(p => p.Methods).Distinct().ToList();
        (double yMax, double yStep) = Scale(data);
        var body = new StringBuilder();

        double y = 32;
        Text(body, Width / 2, y, Title, 20, "middle", weight: "bold");
        y += 24;
        if (!string.IsNullOrWhiteSpace(data.Caption))
        {
            Text(body, Width / 2, y, data.Caption, 14, "middle");
            y += 21;
        }

        Text(body, Width / 2, y, "float, one thread · GFLOP/s = flops per invocation / median time (BenchmarkDotNet)", 12, "middle", MutedColour);
        y = Legend(body, methods, data.Peak, y + 26);

        foreach (GflopsPanel panel in data.Panels)
        {
            y = Panel(body, panel, methods, data.Peak, yMax, yStep, y + 14);
        }

        Text(body, (PlotLeft + PlotRight) / 2, y + 14, "Layer shape (batch B, inputs I, outputs O)", 13, "middle", MutedColour);
        double height = y + 30;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" width="{N(Width)}" height="{N(height)}" viewBox="0 0 {N(Width)} {N(height)}" role="img">""").Append('\n');
        svg.Append("<title>").Append(Escape(Title + (string.IsNullOrWhiteSpace(data.Caption) ? "" : " — " + data.Caption))).Append("</title>\n");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="0" y="0" width="{N(Width)}" height="{N(height)}" fill="#FFFFFF"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<g font-family="{FontFamily}" fill="{TextColour}">""").Append('\n');
        svg.Append(body);
        svg.Append("</g>\n</svg>\n");
        return svg.ToString();
    }

    /// <summary>"(64, 784, 128)" for <c>B64_I784_O128</c>; any other shape name as it is.</summary>
    public static string ShapeLabel(string shape)
    {
        Match match = ShapeName().Match(shape);
        return match.Success ? $"({match.Groups[1].Value}, {match.Groups[2].Value}, {match.Groups[3].Value})" : shape;
    }

    /// <summary>Three significant digits, at most two decimals: 0.63, 1.59, 24.3, 60.2, 100, 215.</summary>
    public static string FormatGflops(double value) =>
        value.ToString(value >= 100 ? "F0" : value >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture);

    /// <summary>One row of legend entries (wrapped if needed): a swatch per method, then the peak's dashed line.</summary>
    private static double Legend(StringBuilder body, List<string> methods, FmaPeak? peak, double y)
    {
        const double size = 13;
        double x = PlotLeft;
        for (int m = 0; m < methods.Count; m++)
        {
            double width = 14 + 6 + TextWidth(methods[m], size);
            (x, y) = Wrap(x, y, width);
            body.Append(CultureInfo.InvariantCulture,
                $"""<rect x="{N(x)}" y="{N(y - 11)}" width="14" height="14" fill="{Colour(m)}"/>""").Append('\n');
            Text(body, x + 20, y, methods[m], size, "start");
            x += width + 24;
        }

        if (peak is not null)
        {
            string label = $"FMA peak ({peak.Method}): {peak.Gflops.ToString("F1", CultureInfo.InvariantCulture)} GFLOP/s";
            double width = 30 + 6 + TextWidth(label, size);
            (x, y) = Wrap(x, y, width);
            body.Append(CultureInfo.InvariantCulture,
                $"""<line x1="{N(x)}" y1="{N(y - 4)}" x2="{N(x + 30)}" y2="{N(y - 4)}" stroke="{PeakColour}" stroke-width="1.5" stroke-dasharray="{PeakDash}"/>""").Append('\n');
            Text(body, x + 36, y, label, size, "start");
        }

        return y + 10;

        static (double X, double Y) Wrap(double x, double y, double width) =>
            x > PlotLeft && x + width > PlotRight ? (PlotLeft, y + 22) : (x, y);
    }

    /// <summary>One panel below <paramref name="top"/>; returns the y just below its shape labels.</summary>
    private static double Panel(
        StringBuilder body, GflopsPanel panel, List<string> allMethods, FmaPeak? peak, double yMax, double yStep, double top)
    {
        Text(body, (PlotLeft + PlotRight) / 2, top + 16, panel.Title, 15, "middle", weight: "bold");
        double plotTop = top + 30;
        double plotBottom = plotTop + PlotHeight;
        double Y(double value) => plotBottom - value / yMax * PlotHeight;

        // Grid and y axis.
        for (double tick = 0; tick <= yMax + yStep / 1000; tick += yStep)
        {
            double ty = Y(tick);
            if (tick > 0)
            {
                Line(body, PlotLeft, ty, PlotRight, ty, GridColour, 1);
            }

            Text(body, PlotLeft - 8, ty + 4, tick.ToString("0.###", CultureInfo.InvariantCulture), 12, "end", MutedColour);
        }

        // The axis unit, level above the tick labels (a rotated title is lost by some renderers, e.g. ImageMagick's own).
        Text(body, PlotLeft - 8, plotTop - 12, "GFLOP/s", 12, "end", MutedColour, "bold");

        // Bars, a group per shape.
        double groupWidth = (PlotRight - PlotLeft) / Math.Max(1, panel.Shapes.Count);
        double slot = groupWidth * 0.8 / Math.Max(1, panel.Methods.Count);
        double barWidth = Math.Max(1, slot - Math.Min(4, slot * 0.15));
        for (int s = 0; s < panel.Shapes.Count; s++)
        {
            string shape = panel.Shapes[s];
            double groupLeft = PlotLeft + s * groupWidth + groupWidth * 0.1;
            for (int m = 0; m < panel.Methods.Count; m++)
            {
                string method = panel.Methods[m];
                double centre = groupLeft + (m + 0.5) * slot;
                if (!panel.Gflops.TryGetValue((method, shape), out double value))
                {
                    Text(body, centre, plotBottom - 4, "n/a", 11, "middle", MutedColour);
                    continue;
                }

                double barTop = Math.Min(Y(value), plotBottom - 1); // at least 1 px, so that a bar is always seen
                body.Append(CultureInfo.InvariantCulture,
                    $"""<rect class="{BarClass}" x="{N(centre - barWidth / 2)}" y="{N(barTop)}" width="{N(barWidth)}" height="{N(plotBottom - barTop)}" fill="{Colour(allMethods.IndexOf(method))}">""")
                    .Append("<title>").Append(Escape($"{method}, {ShapeLabel(shape)}: {value.ToString("F2", CultureInfo.InvariantCulture)} GFLOP/s")).Append("</title></rect>\n");
                string label = FormatGflops(value);
                if (TextWidth(label, 11) <= slot)
                {
                    Text(body, centre, barTop - 4, label, 11, "middle");
                }
                else
                {
                    // Too narrow for the label: write it upwards from the bar's top.
                    body.Append(CultureInfo.InvariantCulture,
                        $"""<text x="{N(centre + 4)}" y="{N(barTop - 3)}" font-size="11" text-anchor="start" transform="rotate(-90 {N(centre + 4)} {N(barTop - 3)})">{Escape(label)}</text>""").Append('\n');
                }
            }

            Text(body, PlotLeft + (s + 0.5) * groupWidth, plotBottom + 20, ShapeLabel(shape), 13, "middle");
        }

        if (peak is not null)
        {
            double py = Y(peak.Gflops);
            body.Append(CultureInfo.InvariantCulture,
                $"""<line x1="{N(PlotLeft)}" y1="{N(py)}" x2="{N(PlotRight)}" y2="{N(py)}" stroke="{PeakColour}" stroke-width="1.5" stroke-dasharray="{PeakDash}"/>""").Append('\n');
            Text(body, PlotRight - 4, py - 5, $"FMA peak {peak.Gflops.ToString("F1", CultureInfo.InvariantCulture)}", 11, "end", PeakColour);
        }

        Line(body, PlotLeft, plotTop, PlotLeft, plotBottom, "#888888", 1);
        Line(body, PlotLeft, plotBottom, PlotRight, plotBottom, "#333333", 1.2);
        return plotBottom + 30;
    }

    /// <summary>The top of the shared y axis, with headroom for the labels above the bars, and its tick step.</summary>
    private static (double Max, double Step) Scale(GflopsChartData data)
    {
        double largest = data.Panels.SelectMany(p => p.Gflops.Values).DefaultIfEmpty(0).Max();
        if (data.Peak is not null)
        {
            largest = Math.Max(largest, data.Peak.Gflops);
        }

        double target = largest > 0 ? largest * 1.1 : 1;
        double rough = target / 5;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / magnitude;
        double step = magnitude * (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10);
        return (Math.Ceiling(target / step) * step, step);
    }

    private static string Colour(int methodIndex) => Palette[Math.Max(0, methodIndex) % Palette.Length];

    /// <summary>
    /// An estimate of the width of <paramref name="text"/> in DejaVu Sans (the widest of the fonts asked for): capitals
    /// and digits about 0.66 em, narrow letters and punctuation 0.34 em, other characters 0.58 em.
    /// </summary>
    private static double TextWidth(string text, double fontSize) =>
        fontSize * text.Sum(ch => char.IsUpper(ch) || char.IsDigit(ch) ? 0.66 : "fijlrt .,:;()'|!".Contains(ch) ? 0.34 : 0.58);

    private static void Text(
        StringBuilder body, double x, double y, string text, double size, string anchor, string? fill = null, string? weight = null)
    {
        body.Append(CultureInfo.InvariantCulture, $"""<text x="{N(x)}" y="{N(y)}" font-size="{N(size)}" text-anchor="{anchor}" """);
        if (fill is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""fill="{fill}" """);
        }

        if (weight is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""font-weight="{weight}" """);
        }

        body.Length--; // the space after the last attribute
        body.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    private static void Line(StringBuilder body, double x1, double y1, double x2, double y2, string stroke, double width) =>
        body.Append(CultureInfo.InvariantCulture,
            $"""<line x1="{N(x1)}" y1="{N(y1)}" x2="{N(x2)}" y2="{N(y2)}" stroke="{stroke}" stroke-width="{N(width)}"/>""").Append('\n');

    /// <summary>A coordinate: invariant culture, at most two decimals.</summary>
    private static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Text content or attribute value: XML-escaped, control characters (not allowed in XML) dropped.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char ch in text)
        {
            _ = ch switch
            {
                '&' => escaped.Append("&amp;"),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '"' => escaped.Append("&quot;"),
                _ when char.IsControl(ch) => escaped,
                _ => escaped.Append(ch),
            };
        }

        return escaped.ToString();
    }

    [GeneratedRegex(@"^B(\d+)_I(\d+)_O(\d+)$")]
    private static partial Regex ShapeName();
}
