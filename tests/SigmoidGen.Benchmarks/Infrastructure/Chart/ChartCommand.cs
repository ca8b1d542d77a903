using System.Xml.Linq;
using SigmoidGen.Benchmarks.Layers;
using SigmoidGen.Benchmarks.Peak;

namespace SigmoidGen.Benchmarks.Infrastructure.Chart;

/// <summary>
/// <c>--chart &lt;resultsDir|chart.csv&gt; &lt;output&gt; [--title "machine, date"]</c>: reads the forward and
/// forward + backward layer reports, the ONNX Runtime layer report (and the FMA peak report), each if there is one, of a finished BenchmarkDotNet run from
/// <c>resultsDir</c>, or the numbers behind an earlier chart (<see cref="GflopsChartFile"/>), and draws them with
/// <see cref="GflopsChart"/> (ScottPlot): <c>output</c> with its extension replaced by <c>.png</c>, <c>.svg</c> and
/// <c>.csv</c> (the numbers, to redraw it later). The SVG is parsed back as XML before the command reports success.
/// Runs no benchmark. Exit codes: 0 written; 1 error; 2 bad arguments.
/// </summary>
public static class ChartCommand
{
    /// <summary>The first command-line argument that selects this command.</summary>
    public const string Switch = "--chart";

    private const string Usage =
        "usage: --chart <resultsDir|chart.csv> <output> [--title \"machine, date\"]\n" +
        "  resultsDir: BenchmarkDotNet.Artifacts/results of a run that included the ForwardLayer and/or ForwardBackward\n" +
        "  benchmarks (OnnxRuntimeLayer for the ONNX Runtime panel, FmaPeak for the peak line); chart.csv: the numbers written beside an earlier chart.\n" +
        "  Writes <output> as .png, .svg and .csv (its extension replaced).";

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

    private static int Write(string input, string output, string? caption)
    {
        var warnings = new List<string>();
        GflopsChartData? data;
        if (File.Exists(input) && input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            data = GflopsChartFile.Read(input);
            data = string.IsNullOrWhiteSpace(caption) ? data : data with { Caption = caption };
        }
        else if (Directory.Exists(input))
        {
            data = ReadReports(input, caption, warnings);
            if (data is null)
            {
                return Fail(1, $"neither {ReportName(typeof(ForwardLayerBenchmarks))} nor {ReportName(typeof(ForwardBackwardLayerBenchmarks))} is in '{input}'.");
            }
        }
        else
        {
            return Fail(1, $"no directory or .csv file '{input}'.");
        }

        if (string.IsNullOrWhiteSpace(data.Caption))
        {
            warnings.Add("no --title: the chart names no machine and no date.");
        }

        string png = Path.ChangeExtension(output, ".png"), svg = Path.ChangeExtension(output, ".svg"), csv = Path.ChangeExtension(output, ".csv");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(png))!);
        GflopsChart.Save(data, png, svg);
        Check(svg);
        if (Path.GetFullPath(csv) != Path.GetFullPath(input))
        {
            GflopsChartFile.Write(data, csv);
        }

        foreach (string warning in warnings)
        {
            Console.Error.WriteLine($"chart: warning: {warning}");
        }

        Console.WriteLine($"chart: wrote {png}, {svg} and {csv} ({string.Join(", ", data.Panels.Select(p => $"{p.Title}: {p.Gflops.Count} bars"))}" +
            (data.Peak is null ? ")" : $"; FMA peak {GflopsChart.FormatGflops(data.Peak.Gflops)} GFLOP/s, {data.Peak.Method})"));
        return 0;
    }

    /// <summary>The chart data from a run's report CSVs, or null when it has neither layer report.</summary>
    private static GflopsChartData? ReadReports(string resultsDir, string? caption, List<string> warnings)
    {
        var panels = new List<GflopsPanel>();
        AddPanel(typeof(ForwardLayerBenchmarks), "Forward pass (2·B·I·O flops)");
        AddPanel(typeof(ForwardBackwardLayerBenchmarks), "Forward + backward pass, with the input gradient (6·B·I·O flops)");
        AddPanel(typeof(OnnxRuntimeLayerBenchmarks), "Forward against ONNX Runtime (2·B·I·O flops)", shapeParameter: "Case");
        if (panels.Count == 0)
        {
            return null;
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

        return new GflopsChartData(caption, panels, peak);

        void AddPanel(Type benchmarkType, string title, string shapeParameter = "Shape")
        {
            string path = Path.Combine(resultsDir, ReportName(benchmarkType));
            if (File.Exists(path))
            {
                panels.Add(GflopsReportReader.ReadLayerPanel(BenchmarkCsv.Read(path), benchmarkType, title, warnings, shapeParameter));
            }
            else
            {
                warnings.Add($"no {ReportName(benchmarkType)}: its panel is left out.");
            }
        }
    }

    /// <summary>BenchmarkDotNet's CSV report name for a benchmark class (not for runs with <c>--join</c>).</summary>
    private static string ReportName(Type benchmarkType) => $"{benchmarkType.FullName}-report.csv";

    /// <summary>The smoke check: the SVG ScottPlot wrote must parse as XML with an SVG root. Throws otherwise.</summary>
    private static void Check(string svgPath)
    {
        XNamespace ns = "http://www.w3.org/2000/svg";
        XDocument document = XDocument.Load(svgPath);
        if (document.Root?.Name != ns + "svg")
        {
            throw new FormatException($"{svgPath}: the root element is {document.Root?.Name}, not svg.");
        }
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"chart: {message}");
        return code;
    }
}
