using System.Globalization;
using System.Text;

namespace SigmoidGen.Benchmarks.Infrastructure.Chart;

/// <summary>
/// The numbers behind a chart, written beside it (<c>docs/benchmarks-gflops.csv</c>) so that it can be redrawn
/// without the run's BenchmarkDotNet reports: one record per line, <c>Record,Panel,Shape,Method,Value</c>, with
/// records <c>caption</c> (Value: the caption), <c>peak</c> (Method and GFLOP/s) and <c>bar</c> (panel title, shape,
/// method, GFLOP/s), in chart order. Read back with <see cref="BenchmarkCsv"/>.
/// </summary>
public static class GflopsChartFile
{
    private static readonly string[] Header = ["Record", "Panel", "Shape", "Method", "Value"];

    /// <summary>Writes <paramref name="data"/> to <paramref name="path"/>.</summary>
    public static void Write(GflopsChartData data, string path)
    {
        var text = new StringBuilder();
        Line(Header);
        if (!string.IsNullOrWhiteSpace(data.Caption))
        {
            Line("caption", "", "", "", data.Caption);
        }

        if (data.Peak is { } peak)
        {
            Line("peak", "", "", peak.Method, peak.Gflops.ToString("R", CultureInfo.InvariantCulture));
        }

        foreach (GflopsPanel panel in data.Panels)
        {
            foreach (string shape in panel.Shapes)
            {
                foreach (string method in panel.Methods)
                {
                    if (panel.Gflops.TryGetValue((method, shape), out double value))
                    {
                        Line("bar", panel.Title, shape, method, value.ToString("R", CultureInfo.InvariantCulture));
                    }
                }
            }
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));

        void Line(params string[] fields) =>
            text.Append(string.Join(",", fields.Select(f => f.Contains(',') || f.Contains('"') ? $"\"{f.Replace("\"", "\"\"")}\"" : f))).Append('\n');
    }

    /// <summary>Reads a file written by <see cref="Write"/>.</summary>
    /// <exception cref="FormatException">A column is missing, a record is unknown or a value is not a number.</exception>
    public static GflopsChartData Read(string path)
    {
        BenchmarkCsv csv = BenchmarkCsv.Read(path);
        int[] columns = Header.Select(name => csv.FindColumn(name) is >= 0 and int c ? c : throw new FormatException($"{path}: no '{name}' column.")).ToArray();
        string? caption = null;
        FmaPeak? peak = null;
        var panels = new List<(string Title, List<string> Shapes, List<string> Methods, Dictionary<(string, string), double> Gflops)>();
        foreach (IReadOnlyList<string> row in csv.Rows)
        {
            string record = row[columns[0]], title = row[columns[1]], shape = row[columns[2]], method = row[columns[3]], value = row[columns[4]];
            switch (record)
            {
                case "caption":
                    caption = value;
                    break;
                case "peak":
                    peak = new FmaPeak(method, Number(value));
                    break;
                case "bar":
                    if (panels.Count == 0 || panels[^1].Title != title)
                    {
                        panels.Add((title, [], [], []));
                    }

                    var panel = panels[^1];
                    if (!panel.Shapes.Contains(shape))
                    {
                        panel.Shapes.Add(shape);
                    }

                    if (!panel.Methods.Contains(method))
                    {
                        panel.Methods.Add(method);
                    }

                    panel.Gflops[(method, shape)] = Number(value);
                    break;
                default:
                    throw new FormatException($"{path}: unknown record '{record}'.");
            }
        }

        return new GflopsChartData(caption, panels.Select(p => new GflopsPanel(p.Title, p.Shapes, p.Methods, p.Gflops)).ToList(), peak);

        double Number(string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw new FormatException($"{path}: '{text}' is not a number.");
    }
}
