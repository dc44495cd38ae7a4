using System.Globalization;
using System.Text;

namespace LumpGen.IO;

/// <summary>A headerless numeric CSV file read into a row-major float matrix.</summary>
public sealed class CsvMatrix
{
    private CsvMatrix(float[] values, int rows, int columns)
    {
        Values = values;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>The values, row-major.</summary>
    public float[] Values { get; }

    /// <summary>Number of rows (samples).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (features).</summary>
    public int Columns { get; }

    /// <summary>
    /// Reads comma-separated numbers in the invariant culture ('.' decimal point), one sample per line.
    /// Blank lines are skipped. Every row must have the same number of columns.
    /// </summary>
    /// <exception cref="FormatException">A cell is not a number or a row is short/long; the message names the file, line and column.</exception>
    public static CsvMatrix Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>Reads from <paramref name="reader"/>; <paramref name="name"/> appears in error messages.</summary>
    public static CsvMatrix Read(TextReader reader, string name)
    {
        var values = new List<float>();
        int columns = -1, rows = 0, lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            int column = 0;
            foreach (var range in line.AsSpan().Split(','))
            {
                var cell = line.AsSpan(range).Trim();
                if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
                {
                    string hint = rows == 0 && column == 0 ? " (the file must not have a header row)" : "";
                    throw new FormatException(
                        $"{name}: line {lineNumber}, column {column + 1}: expected a number, found '{Clip(cell.ToString())}'{hint}.");
                }

                values.Add(value);
                column++;
            }

            if (columns < 0)
            {
                columns = column;
            }
            else if (column != columns)
            {
                throw new FormatException($"{name}: line {lineNumber} has {column} columns; the first row has {columns}.");
            }

            rows++;
        }

        if (rows == 0)
        {
            throw new FormatException($"{name}: the file has no rows.");
        }

        return new CsvMatrix([.. values], rows, columns);
    }

    /// <summary>Writes rows of <paramref name="columns"/> values with shortest round-trip formatting, atomically.</summary>
    public static void Write(string path, ReadOnlySpan<double> values, int columns)
    {
        if (columns < 1 || values.Length % columns != 0)
        {
            throw new ArgumentException($"{values.Length} values are not whole rows of {columns}.", nameof(values));
        }

        double[] copy = values.ToArray();
        AtomicFile.WriteText(path, writer =>
        {
            var sb = new StringBuilder();
            for (int r = 0; r < copy.Length / columns; r++)
            {
                sb.Clear();
                for (int c = 0; c < columns; c++)
                {
                    if (c > 0)
                    {
                        sb.Append(',');
                    }

                    sb.Append(copy[(r * columns) + c].ToString("R", CultureInfo.InvariantCulture));
                }

                sb.Append('\n');
                writer.Write(sb);
            }
        });
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
