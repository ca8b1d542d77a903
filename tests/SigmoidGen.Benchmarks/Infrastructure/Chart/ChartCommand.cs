using System.Xml.Linq;
using SigmoidGen.Benchmarks.Layers;
using SigmoidGen.Benchmarks.Peak;

namespace SigmoidGen.Benchmarks.Infrastructure.Chart;

/// <summary>
/// <c>--chart &lt;resultsDir&gt; &lt;output.svg|output.png&gt; [--title "machine, date"]</c>: reads the forward and
/// forward + backward layer reports (and the FMA peak report, if there is one) of a finished BenchmarkDotNet run from
/// <c>resultsDir</c> and draws them with <see cref="GflopsChart"/>. The SVG is parsed back (XDocument) and its bars
/// counted before it is written, so malformed output fails the command. For a <c>.png</c> output the SVG is written
/// beside it and converted by <see cref="PngConversion"/> (rsvg-convert or ImageMagick, if installed). Runs no benchmark.
/// Exit codes: 0 written; 1 error; 2 bad arguments; 3 SVG written but no PNG.
/// </summary>
public static class ChartCommand
{
    /// <summary>The first command-line argument that selects this command.</summary>
    public const string Switch = "--chart";

    private const string Usage =
        "usage: --chart <resultsDir> <output.svg|output.png> [--title \"machine, date\"]\n" +
        "  resultsDir: BenchmarkDotNet.Artifacts/results of a run that included the ForwardLayer and/or ForwardBackward\n" +
        "  benchmarks (FmaPeak too, for the peak line). A .png output also leaves the .svg beside it.";

    /// <summary>Runs the command with the arguments after <see cref="Switch"/>; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        string? caption = null;
        for (int a = 0; a < args.Count; a++)
        {
            switch (args[a])
            {
                case "--title" when a + 1 < args.Count:
                    caption = args[++a];
                    break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                case string option when option.StartsWith("--", StringComparison.Ordinal):
                    return Fail(2, $"unknown or incomplete option '{option}'\n{Usage}");
                default:
                    positional.Add(args[a]);
                    break;
            }
        }

        if (positional.Count != 2)
        {
            return Fail(2, Usage);
        }

        try
        {
            return Write(positional[0], positional[1], caption);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or FormatException or System.Xml.XmlException)
        {
            return Fail(1, e.Message);
        }
    }

    private static int Write(string resultsDir, string output, string? caption)
    {
        if (!Directory.Exists(resultsDir))
        {
            return Fail(1, $"no directory '{resultsDir}'.");
        }

        var warnings = new List<string>();
        var panels = new List<GflopsPanel>();
        AddPanel(typeof(ForwardLayerBenchmarks), "Forward pass (2·B·I·O flops)");
        AddPanel(typeof(ForwardBackwardLayerBenchmarks), "Forward + backward pass, with the input gradient (6·B·I·O flops)");
        if (panels.Count == 0)
        {
            return Fail(1, $"neither {ReportName(typeof(ForwardLayerBenchmarks))} nor {ReportName(typeof(ForwardBackwardLayerBenchmarks))} is in '{resultsDir}'.");
        }

        string peakPath = Path.Combine(resultsDir, ReportName(typeof(FmaPeakBenchmarks)));
        FmaPeak? peak = null;
        if (File.Exists(peakPath))
        {
            peak = GflopsReportReader.ReadPeak(BenchmarkCsv.Read(peakPath), typeof(FmaPeakBenchmarks), warnings);
        }
        else
        {
            warnings.Add($"no {ReportName(typeof(FmaPeakBenchmarks))}: the chart has no peak line.");
        }

        if (string.IsNullOrWhiteSpace(caption))
        {
            warnings.Add("no --title: the chart names no machine and no date.");
        }

        var data = new GflopsChartData(caption, panels, peak);
        string svg = GflopsChart.ToSvg(data);
        Check(svg, panels.Sum(p => p.Gflops.Count));

        bool png = output.EndsWith(".png", StringComparison.OrdinalIgnoreCase);
        string svgPath = png ? Path.ChangeExtension(output, ".svg") : output;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(svgPath))!);
        File.WriteAllText(svgPath, svg);

        foreach (string warning in warnings)
        {
            Console.Error.WriteLine($"chart: warning: {warning}");
        }

        Console.WriteLine($"chart: wrote {svgPath} ({string.Join(", ", panels.Select(p => $"{p.Title}: {p.Gflops.Count} bars"))}" +
            (peak is null ? ")" : $"; FMA peak {GflopsChart.FormatGflops(peak.Gflops)} GFLOP/s, {peak.Method})"));
        if (!png)
        {
            return 0;
        }

        bool converted = PngConversion.TryConvert(svgPath, output, out string message);
        Console.Error.WriteLine(converted ? $"chart: wrote {output}: {message}" : $"chart: {message}; the SVG is at {svgPath}.");
        return converted ? 0 : 3;

        void AddPanel(Type benchmarkType, string title)
        {
            string path = Path.Combine(resultsDir, ReportName(benchmarkType));
            if (File.Exists(path))
            {
                panels.Add(GflopsReportReader.ReadLayerPanel(BenchmarkCsv.Read(path), benchmarkType, title, warnings));
            }
            else
            {
                warnings.Add($"no {ReportName(benchmarkType)}: its panel is left out.");
            }
        }
    }

    /// <summary>BenchmarkDotNet's CSV report name for a benchmark class (not for runs with <c>--join</c>).</summary>
    private static string ReportName(Type benchmarkType) => $"{benchmarkType.FullName}-report.csv";

    /// <summary>
    /// The smoke check: <paramref name="svg"/> must parse as XML with an SVG root and hold one bar per value.
    /// Throws (and so nothing is written) otherwise.
    /// </summary>
    private static void Check(string svg, int expectedBars)
    {
        XNamespace ns = "http://www.w3.org/2000/svg";
        XDocument document = XDocument.Parse(svg);
        if (document.Root?.Name != ns + "svg")
        {
            throw new FormatException($"internal error: the root element is {document.Root?.Name}, not svg.");
        }

        int bars = document.Descendants(ns + "rect").Count(r => (string?)r.Attribute("class") == GflopsChart.BarClass);
        if (bars != expectedBars)
        {
            throw new FormatException($"internal error: the SVG has {bars} bars, expected {expectedBars}.");
        }
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"chart: {message}");
        return code;
    }
}
