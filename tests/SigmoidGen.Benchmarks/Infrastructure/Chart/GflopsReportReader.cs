using System.Reflection;

namespace SigmoidGen.Benchmarks.Infrastructure.Chart;

/// <summary>
/// Turns BenchmarkDotNet report CSVs into chart data. A row's GFLOP/s is its <c>GFLOP/s</c> cell (written by
/// <see cref="GflopsColumn"/>, flops / median) when the report has one; otherwise the benchmark class's own
/// <see cref="IFlopCounted.FlopsPerInvocation"/>, with the row's parameters, divided by the <c>Median</c> (or, without
/// one, the <c>Mean</c>) time. Rows without a usable value are left out, with a warning.
/// </summary>
public static class GflopsReportReader
{
    /// <summary>
    /// A panel from a layer report (one row per method and shape) of <paramref name="benchmarkType"/>, an
    /// <see cref="IFlopCounted"/> class whose settable property <paramref name="shapeParameter"/> (an enum or a string,
    /// <c>Shape</c> by default) names the shape.
    /// </summary>
    public static GflopsPanel ReadLayerPanel(
        BenchmarkCsv csv, Type benchmarkType, string title, ICollection<string> warnings, string shapeParameter = "Shape")
    {
        int shapeColumn = RequireColumn(csv, shapeParameter);
        int methodColumn = RequireColumn(csv, "Method");
        var shapes = new List<string>();
        var methods = new List<string>();
        var gflops = new Dictionary<(string Method, string Shape), double>();
        foreach (IReadOnlyList<string> row in csv.Rows)
        {
            string method = row[methodColumn].Trim();
            string shape = row[shapeColumn].Trim();
            AddOnce(methods, method);
            AddOnce(shapes, shape);
            if (gflops.ContainsKey((method, shape)))
            {
                warnings.Add($"{csv.Source}: more than one row for {method} at {shape} (several jobs?); the first is charted.");
                continue;
            }

            if (RowGflops(csv, row, benchmarkType, method, new Dictionary<string, string> { [shapeParameter] = shape }) is double value)
            {
                gflops[(method, shape)] = value;
            }
            else
            {
                warnings.Add($"{csv.Source}: no GFLOP/s for {method} at {shape} (no usable GFLOP/s, Median or Mean cell); left out.");
            }
        }

        return new GflopsPanel(title, shapes, methods, gflops);
    }

    /// <summary>The fastest method of an FMA peak report of <paramref name="benchmarkType"/>, or null if none has a value.</summary>
    public static FmaPeak? ReadPeak(BenchmarkCsv csv, Type benchmarkType, ICollection<string> warnings)
    {
        int methodColumn = RequireColumn(csv, "Method");
        FmaPeak? best = null;
        foreach (IReadOnlyList<string> row in csv.Rows)
        {
            string method = row[methodColumn].Trim();
            double? value = RowGflops(csv, row, benchmarkType, method, new Dictionary<string, string>());
            if (value is null)
            {
                warnings.Add($"{csv.Source}: no GFLOP/s for {method}; left out of the peak.");
            }
            else if (best is null || value.Value > best.Gflops)
            {
                best = new FmaPeak(method, value.Value);
            }
        }

        return best;
    }

    private static double? RowGflops(
        BenchmarkCsv csv, IReadOnlyList<string> row, Type benchmarkType, string method, IReadOnlyDictionary<string, string> parameters)
    {
        int gflopsColumn = csv.FindColumn(new GflopsColumn().ColumnName);
        if (gflopsColumn >= 0 && ReportCells.TryParseNumber(row[gflopsColumn], out double reported) && reported > 0)
        {
            return reported;
        }

        int timeColumn = csv.FindColumn("Median", out string? unit);
        if (timeColumn < 0)
        {
            timeColumn = csv.FindColumn("Mean", out unit);
        }

        if (timeColumn < 0 || !ReportCells.TryParseNanoseconds(row[timeColumn], unit, out double nanoseconds))
        {
            return null;
        }

        return FlopsPerInvocation(benchmarkType, method, parameters) is double flops ? flops / nanoseconds : null;
    }

    /// <summary>
    /// Asks a fresh instance of <paramref name="benchmarkType"/>, with its parameter properties set from their report
    /// text, for its flop count (as <see cref="GflopsColumn"/> does during a run); null if a parameter does not fit.
    /// </summary>
    private static double? FlopsPerInvocation(Type benchmarkType, string method, IReadOnlyDictionary<string, string> parameters)
    {
        if (Activator.CreateInstance(benchmarkType) is not IFlopCounted instance)
        {
            return null;
        }

        foreach ((string name, string text) in parameters)
        {
            PropertyInfo? property = benchmarkType.GetProperty(name);
            if (property?.PropertyType == typeof(string))
            {
                property.SetValue(instance, text);
                continue;
            }

            if (property is null || !property.PropertyType.IsEnum
                || !Enum.TryParse(property.PropertyType, text, ignoreCase: false, out object? value))
            {
                return null;
            }

            property.SetValue(instance, value);
        }

        double flops = instance.FlopsPerInvocation(method);
        return flops > 0 ? flops : null;
    }

    private static int RequireColumn(BenchmarkCsv csv, string name)
    {
        int column = csv.FindColumn(name);
        return column >= 0 ? column : throw new FormatException($"{csv.Source}: no '{name}' column.");
    }

    private static void AddOnce(List<string> list, string item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }
}
