using System.Globalization;

namespace SigmoidGen.Benchmarks.Infrastructure.Chart;

/// <summary>
/// Numbers in BenchmarkDotNet report cells, always read with <see cref="CultureInfo.InvariantCulture"/> (the culture
/// BenchmarkDotNet formats them in): plain numbers such as <c>24.29</c> or <c>1,234.5</c>, and times such as
/// <c>40.71 ns</c>, <c>"1,383.5 ns"</c>, <c>60.2 us</c>, <c>60.2 μs</c> or <c>1.946 ms</c>.
/// </summary>
public static class ReportCells
{
    private const NumberStyles Style = NumberStyles.Float | NumberStyles.AllowThousands;

    /// <summary>Parses a plain number; false for <c>-</c>, <c>NA</c>, <c>?</c>, empty or anything else that is not one.</summary>
    public static bool TryParseNumber(string cell, out double value) =>
        double.TryParse(cell.Trim(), Style, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>
    /// Parses a time into nanoseconds. The unit is the cell's suffix (ps, ns, us, μs, µs, ms, s) or, for a bare number,
    /// <paramref name="headerUnit"/> (from a header such as <c>Mean [us]</c>). False for a cell that is not a time
    /// (<c>NA</c>, <c>-</c>, an unknown unit).
    /// </summary>
    public static bool TryParseNanoseconds(string cell, string? headerUnit, out double nanoseconds)
    {
        nanoseconds = 0;
        string text = cell.Trim();
        int unitStart = text.Length;
        while (unitStart > 0 && char.IsLetter(text[unitStart - 1]))
        {
            unitStart--;
        }

        string unit = text[unitStart..];
        if (unit.Length == 0)
        {
            unit = headerUnit ?? "";
        }

        if (!TryParseNumber(text[..unitStart], out double value) || UnitInNanoseconds(unit) is not double scale)
        {
            return false;
        }

        nanoseconds = value * scale;
        return nanoseconds > 0;
    }

    private static double? UnitInNanoseconds(string unit) => unit switch
    {
        "ps" => 1e-3,
        "ns" => 1,
        "us" or "\u03BCs" or "\u00B5s" => 1e3, // ASCII, Greek mu (BenchmarkDotNet's), micro sign
        "ms" => 1e6,
        "s" => 1e9,
        _ => null,
    };
}
