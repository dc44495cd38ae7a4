using LumpGen.Evaluation;
using LumpGen.Model;

namespace LumpGen.Lumping;

/// <summary>How far a reduced network's outputs are from a reference, and where test inputs come from.</summary>
public static class LumpingErrors
{
    /// <summary>
    /// Errors of <paramref name="reduced"/> against <paramref name="original"/>'s outputs on the row-major
    /// <paramref name="inputs"/> (both evaluated by the double-precision <see cref="ReferenceEvaluator"/>).
    /// </summary>
    public static RegressionMetrics AgainstOriginal(Network original, Network reduced, ReadOnlySpan<float> inputs)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(reduced);
        return RegressionMetrics.Compute(ReferenceEvaluator.PredictBatch(reduced, inputs), ReferenceEvaluator.PredictBatch(original, inputs), original.OutputLength);
    }

    /// <summary>Errors of <paramref name="network"/> against row-major <paramref name="targets"/>.</summary>
    public static RegressionMetrics AgainstTargets(Network network, ReadOnlySpan<float> inputs, ReadOnlySpan<double> targets)
    {
        ArgumentNullException.ThrowIfNull(network);
        return RegressionMetrics.Compute(ReferenceEvaluator.PredictBatch(network, inputs), targets, network.OutputLength);
    }

    /// <summary>
    /// <paramref name="count"/> random samples, uniform per column in [min_j, max_j] of
    /// <paramref name="data"/> (row-major, <paramref name="columns"/> wide): "random inputs in the data's range".
    /// </summary>
    public static float[] UniformInDataRange(ReadOnlySpan<float> data, int columns, int count, int seed = 1)
    {
        if (columns < 1 || data.Length < columns || data.Length % columns != 0)
        {
            throw new ArgumentException($"{data.Length} values are not whole rows of {columns}.", nameof(data));
        }

        var min = new float[columns];
        var max = new float[columns];
        data[..columns].CopyTo(min);
        data[..columns].CopyTo(max);
        for (int k = columns; k < data.Length; k++)
        {
            min[k % columns] = Math.Min(min[k % columns], data[k]);
            max[k % columns] = Math.Max(max[k % columns], data[k]);
        }

        return Uniform(min, max, count, seed);
    }

    /// <summary>
    /// Random inputs when no data is given: per input, uniform in mean ± 2·scale of the network's input
    /// transform (the range its training data had), or in [−1, 1] without one.
    /// </summary>
    public static float[] UniformForNetwork(Network network, int count, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        int n = network.InputLength;
        var min = new float[n];
        var max = new float[n];
        for (int j = 0; j < n; j++)
        {
            var t = network.InputTransform;
            float centre = t is null ? 0f : t.Mean[j];
            float half = t is null ? 1f : 2f * Math.Abs(t.Scale[j]);
            min[j] = centre - half;
            max[j] = centre + half;
        }

        return Uniform(min, max, count, seed);
    }

    private static float[] Uniform(float[] min, float[] max, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var x = new float[count * min.Length];
        for (int k = 0; k < x.Length; k++)
        {
            int j = k % min.Length;
            x[k] = (float)(min[j] + (random.NextDouble() * (max[j] - min[j])));
        }

        return x;
    }
}
