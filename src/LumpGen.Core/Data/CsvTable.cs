using System.Globalization;
using nietras.SeparatedValues;

namespace LumpGen.Data;

/// <summary>
/// Reads a comma-separated file into string cells with Sep, checking that every row has the header's
/// number of columns, so that the loaders above it only deal with meaning. Small files only (the UCI
/// tables are a few MB): cells are materialised as strings once, which keeps error reporting simple.
/// </summary>
internal sealed class CsvTable
{
    private CsvTable(string file, string[] header, List<string[]> rows, int firstDataLine)
    {
        File = file;
        Header = header;
        Rows = rows;
        FirstDataLine = firstDataLine;
    }

    public string File { get; }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    /// <summary>The 1-based file line of <c>Rows[0]</c> (2 with a header, 1 without).</summary>
    public int FirstDataLine { get; }

    public int LineOf(int row) => FirstDataLine + row;

    /// <summary>Reads <paramref name="path"/>; with <paramref name="header"/> null the first line is the header, else the file has none and these are the names.</summary>
    public static CsvTable Read(string path, string[]? header = null)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"Data file '{path}' does not exist.", path);
        }

        bool hasHeader = header is null;
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = hasHeader, DisableColCountCheck = true, Unescape = true }).FromFile(path);
        string[] names = header ?? [.. reader.Header.ColNames];
        if (names.Length == 0 || (names.Length == 1 && names[0].Length == 0))
        {
            throw new DatasetFormatException(path, 1, "the file is empty; expected a header line with column names.");
        }

        var rows = new List<string[]>();
        int line = hasHeader ? 1 : 0;
        foreach (var row in reader)
        {
            line++;
            if (row.ColCount == 1 && row[0].Span.Trim().Length == 0)
            {
                continue; // a blank line (for example a trailing newline pair)
            }

            if (row.ColCount != names.Length)
            {
                throw new DatasetFormatException(path, line, string.Create(
                    CultureInfo.InvariantCulture, $"expected {names.Length} comma-separated values ({string.Join(",", names)}), found {row.ColCount}."));
            }

            var cells = new string[names.Length];
            for (int c = 0; c < cells.Length; c++)
            {
                cells[c] = row[c].Span.Trim().ToString();
            }

            rows.Add(cells);
        }

        if (rows.Count == 0)
        {
            throw new DatasetFormatException(path, 0, "the file has no data rows.");
        }

        return new CsvTable(path, names, rows, hasHeader ? 2 : 1);
    }

    /// <summary>The index of column <paramref name="name"/> (exact, then case-insensitive), or a <see cref="DatasetFormatException"/> listing the columns.</summary>
    public int Column(string name)
    {
        int index = Array.IndexOf(Header, name);
        if (index < 0)
        {
            index = Array.FindIndex(Header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        }

        if (index < 0)
        {
            throw new DatasetFormatException(File, 1, $"there is no column '{name}'; the columns are {string.Join(", ", Header)}.");
        }

        return index;
    }

    /// <summary>Parses the cell as a finite float (invariant culture) or throws naming file, line and column.</summary>
    public float Number(int row, int column)
    {
        string cell = Rows[row][column];
        if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
        {
            throw new DatasetFormatException(File, LineOf(row), $"column '{Header[column]}': expected a finite number, found '{Clip(cell)}'.");
        }

        return value;
    }

    public DatasetFormatException Error(int row, int column, string problem) =>
        new(File, LineOf(row), $"column '{Header[column]}': {problem}");

    public static string Clip(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
