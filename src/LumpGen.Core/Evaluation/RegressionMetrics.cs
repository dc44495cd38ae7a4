namespace LumpGen.Evaluation;

/// <summary>Errors of predictions against targets, over all samples and outputs.</summary>
/// <param name="Rmse">√(Σ (p − t)² / N).</param>
/// <param name="Mae">Σ |p − t| / N.</param>
/// <param name="R2">Coefficient of determination averaged over outputs: 1 − Σ (p − t)² / Σ (t − t̄)² per output column (scikit-learn's "uniform average"); a constant target column counts as 1 when predicted exactly, else 0.</param>
/// <param name="MaxAbsError">max |p − t|.</param>
/// <param name="Count">N, the number of values compared (samples × outputs).</param>
public readonly record struct RegressionMetrics(double Rmse, double Mae, double R2, double MaxAbsError, long Count)
{
    /// <summary>
    /// Compares row-major <paramref name="predicted"/> with <paramref name="actual"/>, <paramref name="outputs"/> values per sample.
    /// NaN anywhere makes every metric NaN (nothing is silently skipped).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, are empty, or are not whole samples.</exception>
    public static RegressionMetrics Compute(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual, int outputs = 1)
    {
        if (predicted.Length != actual.Length)
        {
            throw new ArgumentException($"{predicted.Length} predictions but {actual.Length} targets.", nameof(actual));
        }

        if (outputs < 1 || predicted.Length == 0 || predicted.Length % outputs != 0)
        {
            throw new ArgumentException($"Expected a non-empty whole number of samples of {outputs} outputs; got {predicted.Length} values.", nameof(predicted));
        }

        int samples = predicted.Length / outputs;
        double sumSq = 0, sumAbs = 0, max = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            double d = predicted[i] - actual[i];
            sumSq += d * d;
            sumAbs += Math.Abs(d);
            max = double.IsNaN(d) ? double.NaN : Math.Max(max, Math.Abs(d));
        }

        long n = predicted.Length;
        if (double.IsNaN(sumSq))
        {
            return new RegressionMetrics(double.NaN, double.NaN, double.NaN, double.NaN, n);
        }

        double r2 = 0;
        for (int c = 0; c < outputs; c++)
        {
            double mean = 0;
            for (int s = 0; s < samples; s++)
            {
                mean += actual[(s * outputs) + c];
            }

            mean /= samples;
            double ssRes = 0, ssTot = 0;
            for (int s = 0; s < samples; s++)
            {
                double t = actual[(s * outputs) + c];
                double d = predicted[(s * outputs) + c] - t;
                ssRes += d * d;
                ssTot += (t - mean) * (t - mean);
            }

            r2 += ssTot > 0 ? 1 - (ssRes / ssTot) : (ssRes == 0 ? 1 : 0);
        }

        return new RegressionMetrics(Math.Sqrt(sumSq / n), sumAbs / n, r2 / outputs, max, n);
    }
}
