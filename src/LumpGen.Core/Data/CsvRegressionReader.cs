namespace LumpGen.Data;

/// <summary>
/// Reads any comma-separated file with a header line as a regression table: the named target
/// columns are the targets, every other column is a numeric feature. Parsing uses the invariant
/// culture ('.' decimal point); a non-numeric or missing cell is an error that names the file, the
/// line and the column (nothing is silently dropped or imputed).
/// </summary>
public static class CsvRegressionReader
{
    /// <summary>Reads <paramref name="path"/> with <paramref name="targetColumns"/> as targets.</summary>
    /// <exception cref="DatasetFormatException">A column is missing, a row is short or long, or a cell is not a finite number.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static RegressionData Read(string path, IReadOnlyList<string> targetColumns, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(targetColumns);
        if (targetColumns.Count == 0)
        {
            throw new ArgumentException("Give at least one target column.", nameof(targetColumns));
        }

        var table = CsvTable.Read(path);
        var targetIndex = new int[targetColumns.Count];
        for (int t = 0; t < targetIndex.Length; t++)
        {
            targetIndex[t] = table.Column(targetColumns[t]);
        }

        var featureIndex = new List<int>();
        for (int c = 0; c < table.Header.Length; c++)
        {
            if (Array.IndexOf(targetIndex, c) < 0)
            {
                featureIndex.Add(c);
            }
        }

        if (featureIndex.Count == 0)
        {
            throw new DatasetFormatException(path, 1, "every column is a target; at least one feature column is needed.");
        }

        int rows = table.Rows.Count;
        var features = new float[rows * featureIndex.Count];
        var targets = new float[rows * targetIndex.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int f = 0; f < featureIndex.Count; f++)
            {
                features[(r * featureIndex.Count) + f] = table.Number(r, featureIndex[f]);
            }

            for (int t = 0; t < targetIndex.Length; t++)
            {
                targets[(r * targetIndex.Length) + t] = table.Number(r, targetIndex[t]);
            }
        }

        return new RegressionData(
            name ?? Path.GetFileNameWithoutExtension(path),
            features,
            targets,
            [.. featureIndex.Select(i => table.Header[i])],
            [.. targetIndex.Select(i => table.Header[i])]);
    }
}
