using System.Text;

namespace SigmoidGen.Benchmarks.Infrastructure.Chart;

/// <summary>
/// One BenchmarkDotNet <c>*-report.csv</c>: a header record and data records. Fields may be quoted (BenchmarkDotNet
/// quotes those that contain the separator, e.g. <c>"1,383.5 ns"</c>), with <c>""</c> for a quote inside a quoted
/// field and line breaks allowed inside quotes. The separator is <c>,</c>, or <c>;</c> when the header line has a
/// <c>;</c> and no <c>,</c> (BenchmarkDotNet's default separator is the current culture's list separator).
/// </summary>
public sealed class BenchmarkCsv
{
    private BenchmarkCsv(string source, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Source = source;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>Where the text came from (a path), for messages.</summary>
    public string Source { get; }

    /// <summary>The column names, from the header record.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The data records, each with exactly <see cref="Columns"/>.Count fields.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Reads and parses the file at <paramref name="path"/> (UTF-8, with or without a byte-order mark).</summary>
    public static BenchmarkCsv Read(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), path);

    /// <summary>Parses CSV text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="FormatException">No header, an unterminated quote, or a record with the wrong field count.</exception>
    public static BenchmarkCsv Parse(string text, string source)
    {
        int firstLineEnd = text.IndexOfAny(['\r', '\n']);
        string firstLine = firstLineEnd < 0 ? text : text[..firstLineEnd];
        char separator = firstLine.Contains(';') && !firstLine.Contains(',') ? ';' : ',';

        List<List<string>> records = SplitRecords(text, separator, source);
        if (records.Count == 0)
        {
            throw new FormatException($"{source}: empty file, no header.");
        }

        List<string> columns = records[0];
        var rows = new List<IReadOnlyList<string>>(records.Count - 1);
        for (int r = 1; r < records.Count; r++)
        {
            if (records[r].Count != columns.Count)
            {
                throw new FormatException(
                    $"{source}: record {r + 1} has {records[r].Count} fields, the header has {columns.Count}.");
            }

            rows.Add(records[r]);
        }

        return new BenchmarkCsv(source, columns, rows);
    }

    /// <summary>
    /// The index of the column named <paramref name="name"/>, or of one named <c>"{name} [unit]"</c> (BenchmarkDotNet's
    /// style with units in the header), with that unit; -1 if there is none.
    /// </summary>
    public int FindColumn(string name, out string? headerUnit)
    {
        headerUnit = null;
        for (int c = 0; c < Columns.Count; c++)
        {
            string column = Columns[c].Trim();
            if (column == name)
            {
                return c;
            }

            if (column.StartsWith(name + " [", StringComparison.Ordinal) && column.EndsWith(']'))
            {
                headerUnit = column[(name.Length + 2)..^1].Trim();
                return c;
            }
        }

        return -1;
    }

    /// <summary>The index of the column named <paramref name="name"/> (or <c>"{name} [unit]"</c>), or -1.</summary>
    public int FindColumn(string name) => FindColumn(name, out _);

    private static List<List<string>> SplitRecords(string text, char separator, string source)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;      // inside a quoted field
        bool fieldStarted = false; // the current record has at least one character or separator
        int i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        for (; i < text.Length; i++)
        {
            char ch = text[i];
            if (quoted)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            if (ch == '"')
            {
                quoted = true;
                fieldStarted = true;
            }
            else if (ch == separator)
            {
                record.Add(field.ToString());
                field.Clear();
                fieldStarted = true;
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                EndRecord();
            }
            else
            {
                field.Append(ch);
                fieldStarted = true;
            }
        }

        if (quoted)
        {
            throw new FormatException($"{source}: a quoted field is not closed before the end of the file.");
        }

        EndRecord();
        return records;

        void EndRecord()
        {
            if (fieldStarted)
            {
                record.Add(field.ToString());
                records.Add(record);
            }

            // A blank line (no character, no separator) is no record.
            record = [];
            field.Clear();
            fieldStarted = false;
        }
    }
}
