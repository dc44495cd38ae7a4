namespace LumpGen.Data;

/// <summary>
/// A regression table held in memory: features and targets as row-major float32 matrices, one row per
/// sample, with column names. Immutable by convention (the arrays are shared, never changed after
/// construction); every loader, generator, splitter, trainer and experiment passes this type.
/// </summary>
public sealed class RegressionData
{
    /// <summary>Creates a table; the arrays are owned by it afterwards.</summary>
    /// <param name="name">A short name used in reports and messages (<c>abalone</c>).</param>
    /// <param name="features">Row-major [rows, featureNames.Count]; finite values.</param>
    /// <param name="targets">Row-major [rows, targetNames.Count]; finite values.</param>
    /// <param name="featureNames">One name per feature column (at least one).</param>
    /// <param name="targetNames">One name per target column (at least one).</param>
    /// <exception cref="ArgumentException">Shapes disagree or a value is NaN/∞; the message says where.</exception>
    public RegressionData(string name, float[] features, float[] targets, IReadOnlyList<string> featureNames, IReadOnlyList<string> targetNames)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(targetNames);
        if (featureNames.Count == 0 || targetNames.Count == 0)
        {
            throw new ArgumentException("A regression table needs at least one feature and one target column.", nameof(featureNames));
        }

        if (features.Length % featureNames.Count != 0)
        {
            throw new ArgumentException($"{features.Length} feature values are not whole rows of {featureNames.Count} columns.", nameof(features));
        }

        int rows = features.Length / featureNames.Count;
        if (targets.Length != rows * targetNames.Count)
        {
            throw new ArgumentException($"{rows} feature rows need {rows * targetNames.Count} target values; got {targets.Length}.", nameof(targets));
        }

        CheckFinite(features, featureNames, "feature", nameof(features));
        CheckFinite(targets, targetNames, "target", nameof(targets));
        Name = name;
        Features = features;
        Targets = targets;
        FeatureNames = featureNames;
        TargetNames = targetNames;
        Rows = rows;
    }

    /// <summary>Short name for reports.</summary>
    public string Name { get; }

    /// <summary>Row-major [<see cref="Rows"/>, <see cref="FeatureCount"/>].</summary>
    public float[] Features { get; }

    /// <summary>Row-major [<see cref="Rows"/>, <see cref="TargetCount"/>].</summary>
    public float[] Targets { get; }

    /// <summary>Names of the feature columns.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Names of the target columns.</summary>
    public IReadOnlyList<string> TargetNames { get; }

    /// <summary>Number of samples.</summary>
    public int Rows { get; }

    /// <summary>Number of feature columns (the network's inputs).</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>Number of target columns (the network's outputs).</summary>
    public int TargetCount => TargetNames.Count;

    /// <summary>The features of sample <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> FeatureRow(int row) => Features.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>The targets of sample <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> TargetRow(int row) => Targets.AsSpan(row * TargetCount, TargetCount);

    /// <summary>A new table with the given rows, in the given order (copies; allocation O(rows·columns)).</summary>
    public RegressionData Select(ReadOnlySpan<int> rows, string? name = null)
    {
        var features = new float[rows.Length * FeatureCount];
        var targets = new float[rows.Length * TargetCount];
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            if ((uint)r >= (uint)Rows)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), r, $"Row index out of range 0..{Rows - 1}.");
            }

            FeatureRow(r).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            TargetRow(r).CopyTo(targets.AsSpan(i * TargetCount, TargetCount));
        }

        return new RegressionData(name ?? Name, features, targets, FeatureNames, TargetNames);
    }

    /// <summary>The first <paramref name="count"/> rows (all rows when there are fewer).</summary>
    public RegressionData Take(int count)
    {
        if (count >= Rows)
        {
            return this;
        }

        var rows = new int[Math.Max(0, count)];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = i;
        }

        return Select(rows);
    }

    /// <summary>Per column minimum and maximum of the features (for tests and reports).</summary>
    public (float Min, float Max) FeatureRange(int column) => Range(Features, FeatureCount, column);

    /// <summary>Per column minimum and maximum of the targets.</summary>
    public (float Min, float Max) TargetRange(int column) => Range(Targets, TargetCount, column);

    private static (float Min, float Max) Range(float[] values, int columns, int column)
    {
        if ((uint)column >= (uint)columns)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, $"Column index out of range 0..{columns - 1}.");
        }

        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int i = column; i < values.Length; i += columns)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }

        return (min, max);
    }

    private static void CheckFinite(float[] values, IReadOnlyList<string> names, string what, string parameter)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    $"The {what} '{names[i % names.Count]}' of row {i / names.Count} is {values[i]}; values must be finite.", parameter);
            }
        }
    }
}
