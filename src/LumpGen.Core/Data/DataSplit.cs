namespace LumpGen.Data;

/// <summary>
/// A fixed train/validation/test partition of a <see cref="RegressionData"/>. The rows are shuffled by
/// a seeded Fisher–Yates permutation (System.Random with an explicit seed is stable across .NET
/// versions and machines), then cut in order: the same file, fractions and seed always give the same
/// split, so <c>lumpgen train</c>, <c>prune</c> and <c>sweep</c> agree on which rows are test rows.
/// </summary>
/// <param name="Train">Rows used for gradient steps (and for calibration: Wanda norms, least-squares refit).</param>
/// <param name="Validation">Rows used for early stopping only.</param>
/// <param name="Test">Rows used for reporting only.</param>
public sealed record DataSplit(RegressionData Train, RegressionData Validation, RegressionData Test)
{
    /// <summary>The seed used when none is given.</summary>
    public const int DefaultSeed = 20260601;

    /// <summary>Shuffles and cuts: the first <paramref name="trainFraction"/> of rows train, the next <paramref name="validationFraction"/> validation, the rest test.</summary>
    /// <exception cref="ArgumentException">The fractions leave a part empty.</exception>
    public static DataSplit Create(RegressionData data, double trainFraction = 0.6, double validationFraction = 0.2, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(trainFraction > 0) || !(validationFraction > 0) || trainFraction + validationFraction >= 1)
        {
            throw new ArgumentException($"Fractions {trainFraction} (train) and {validationFraction} (validation) must be positive and leave room for a test part.", nameof(trainFraction));
        }

        int n = data.Rows;
        int trainRows = (int)Math.Round(n * trainFraction);
        int validationRows = (int)Math.Round(n * validationFraction);
        if (trainRows < 1 || validationRows < 1 || n - trainRows - validationRows < 1)
        {
            throw new ArgumentException($"{n} rows are too few to split into train, validation and test parts.", nameof(data));
        }

        int[] order = Permutation(n, seed);
        return new DataSplit(
            data.Select(order.AsSpan(0, trainRows), data.Name + "/train"),
            data.Select(order.AsSpan(trainRows, validationRows), data.Name + "/validation"),
            data.Select(order.AsSpan(trainRows + validationRows), data.Name + "/test"));
    }

    /// <summary>The same split with each part cut to at most the given number of rows (taken from the front of the already shuffled parts).</summary>
    public DataSplit Limit(int maxTrain, int maxValidation, int maxTest) =>
        new(Train.Take(maxTrain), Validation.Take(maxValidation), Test.Take(maxTest));

    /// <summary>A seeded uniform random permutation of 0..n−1 (Fisher–Yates).</summary>
    public static int[] Permutation(int n, int seed)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var random = new Random(seed);
        for (int i = n - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
