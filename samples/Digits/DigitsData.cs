using System.Globalization;
using System.IO.Compression;

namespace Digits;

/// <summary>
/// The 8x8 handwritten digits: pixels scaled from 0..16 to [0, 1], one-vs-rest targets (1 for the digit's output, 0 for
/// the others) and the labels.
/// </summary>
internal sealed class DigitsData
{
    public const int Pixels = 64;
    public const int Classes = 10;

    private DigitsData(float[] x, float[] t, int[] labels)
    {
        X = x;
        T = t;
        Labels = labels;
    }

    /// <summary>Pixels, row-major [rows, 64].</summary>
    public float[] X { get; }

    /// <summary>One-vs-rest targets, [rows, 10].</summary>
    public float[] T { get; }

    /// <summary>The digit of each row.</summary>
    public int[] Labels { get; }

    public int Rows => Labels.Length;

    /// <summary>Loads the gzip CSV, shuffles the rows with a fixed seed and splits them: the first <paramref name="trainFraction"/> for training.</summary>
    public static (DigitsData Train, DigitsData Test) LoadSplit(string path, double trainFraction, int seed)
    {
        string[] lines;
        using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        int[] order = Enumerable.Range(0, lines.Length).ToArray();
        new Random(seed).Shuffle(order);
        int trainRows = (int)Math.Round(lines.Length * trainFraction);
        return (Take(lines, order[..trainRows]), Take(lines, order[trainRows..]));
    }

    private static DigitsData Take(string[] lines, int[] rows)
    {
        var x = new float[rows.Length * Pixels];
        var t = new float[rows.Length * Classes];
        var labels = new int[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            string[] cells = lines[rows[r]].Split(',');
            for (int p = 0; p < Pixels; p++)
            {
                x[(r * Pixels) + p] = float.Parse(cells[p], CultureInfo.InvariantCulture) / 16f;
            }

            labels[r] = int.Parse(cells[Pixels], CultureInfo.InvariantCulture);
            t[(r * Classes) + labels[r]] = 1f;
        }

        return new DigitsData(x, t, labels);
    }
}
