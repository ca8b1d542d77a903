namespace SigmoidGen.Benchmarks.Infrastructure.Chart;

/// <summary>
/// One panel of the chart: GFLOP/s of each benchmark method at each layer shape, from one report.
/// </summary>
/// <param name="Title">The panel's heading, e.g. "Forward (2·B·I·O flops)".</param>
/// <param name="Shapes">Shape parameter values in report order, e.g. <c>B64_I784_O128</c>.</param>
/// <param name="Methods">Benchmark methods in report order.</param>
/// <param name="Gflops">GFLOP/s by (method, shape); a pair without a usable value is absent.</param>
public sealed record GflopsPanel(
    string Title,
    IReadOnlyList<string> Shapes,
    IReadOnlyList<string> Methods,
    IReadOnlyDictionary<(string Method, string Shape), double> Gflops);

/// <summary>The measured FMA peak: the fastest method of the FMA peak report.</summary>
/// <param name="Method">The benchmark method that reached it, e.g. <c>Vector256Fma</c>.</param>
/// <param name="Gflops">Its GFLOP/s.</param>
public sealed record FmaPeak(string Method, double Gflops);

/// <summary>Everything the chart shows.</summary>
/// <param name="Caption">A line under the title naming the machine and date, or null.</param>
/// <param name="Panels">The panels, drawn top to bottom on one GFLOP/s scale.</param>
/// <param name="Peak">The FMA peak, drawn as a dashed line in every panel, or null.</param>
public sealed record GflopsChartData(string? Caption, IReadOnlyList<GflopsPanel> Panels, FmaPeak? Peak);
