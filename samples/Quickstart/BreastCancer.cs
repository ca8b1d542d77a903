using System.Globalization;

namespace Quickstart;

/// <summary>The Breast Cancer Wisconsin data: 569 rows of 30 features, label 1 = benign, 0 = malignant.</summary>
internal sealed class BreastCancer
{
    public const int Features = 30;

    private BreastCancer(float[] features, float[] labels)
    {
        X = features;
        Y = labels;
    }

    /// <summary>Features, row-major [rows, 30].</summary>
    public float[] X { get; }

    /// <summary>Labels, 0 or 1.</summary>
    public float[] Y { get; }

    public int Rows => Y.Length;

    public static BreastCancer Load(string path)
    {
        string[] lines = File.ReadAllLines(path);
        int rows = int.Parse(lines[0].Split(',')[0], CultureInfo.InvariantCulture);
        var x = new float[rows * Features];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            string[] cells = lines[r + 1].Split(',');
            for (int f = 0; f < Features; f++)
            {
                x[(r * Features) + f] = float.Parse(cells[f], CultureInfo.InvariantCulture);
            }

            y[r] = float.Parse(cells[Features], CultureInfo.InvariantCulture);
        }

        return new BreastCancer(x, y);
    }

    /// <summary>Shuffles the rows with a fixed seed and splits them: the first <paramref name="trainFraction"/> for training.</summary>
    public (BreastCancer Train, BreastCancer Test) Split(double trainFraction, int seed)
    {
        int[] order = Enumerable.Range(0, Rows).ToArray();
        new Random(seed).Shuffle(order);
        int trainRows = (int)Math.Round(Rows * trainFraction);
        return (Take(order[..trainRows]), Take(order[trainRows..]));
    }

    /// <summary>Standardises every feature to mean 0 and deviation 1, with statistics taken from <paramref name="reference"/>.</summary>
    public void Standardise(BreastCancer reference)
    {
        for (int f = 0; f < Features; f++)
        {
            double mean = 0, squares = 0;
            for (int r = 0; r < reference.Rows; r++)
            {
                mean += reference.X[(r * Features) + f];
            }

            mean /= reference.Rows;
            for (int r = 0; r < reference.Rows; r++)
            {
                double d = reference.X[(r * Features) + f] - mean;
                squares += d * d;
            }

            double deviation = Math.Sqrt(squares / reference.Rows) + 1e-12;
            for (int r = 0; r < Rows; r++)
            {
                X[(r * Features) + f] = (float)((X[(r * Features) + f] - mean) / deviation);
            }
        }
    }

    private BreastCancer Take(int[] rows)
    {
        var x = new float[rows.Length * Features];
        var y = new float[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            Array.Copy(X, rows[i] * Features, x, i * Features, Features);
            y[i] = Y[rows[i]];
        }

        return new BreastCancer(x, y);
    }
}
