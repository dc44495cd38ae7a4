using LumpGen.Model;

namespace LumpGen.Pruning;

/// <summary>
/// Parameter counting for pruned networks, which keep their shape and store zeros: the size of a
/// pruned network is its number of <b>non-zero</b> weights and biases, the quantity matched against a
/// lumped network's (dense) <see cref="Network.ParameterCount"/>.
/// </summary>
public static class SparseParameters
{
    /// <summary>Non-zero weights plus non-zero biases over all layers.</summary>
    public static long NonZeroCount(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        long count = 0;
        foreach (var layer in network.Layers)
        {
            count += NonZero(layer.Weights) + NonZero(layer.Bias);
        }

        return count;
    }

    /// <summary>The number of non-zero values.</summary>
    public static long NonZero(ReadOnlySpan<float> values)
    {
        long count = 0;
        foreach (float v in values)
        {
            if (v != 0f)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Per layer 0/1 masks of the non-zero weights (row-major like the weights), for masked fine-tuning.</summary>
    public static float[][] Masks(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var masks = new float[network.Layers.Count][];
        for (int l = 0; l < masks.Length; l++)
        {
            var w = network.Layers[l].Weights;
            var mask = new float[w.Length];
            for (int i = 0; i < w.Length; i++)
            {
                mask[i] = w[i] != 0f ? 1f : 0f;
            }

            masks[l] = mask;
        }

        return masks;
    }

    /// <summary>
    /// Non-zeros to keep for a sparsity <paramref name="sparsity"/> ∈ [0, 1]: round((1 − S)·P) with P the
    /// parameter count (weights + biases), so sparsity is a fraction of all parameters, as GRP is.
    /// </summary>
    public static long KeepForSparsity(Network network, double sparsity)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(sparsity is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, "Sparsity must be between 0 and 1.");
        }

        return (long)Math.Round((1 - sparsity) * network.ParameterCount);
    }

    /// <summary>
    /// Splits a budget of <paramref name="keepNonZeros"/> parameters over layers. Biases are never
    /// pruned (they are 1/(in+1) of a layer's parameters and cheap), so the weight budget is the rest;
    /// each layer keeps the same fraction of its non-zero weights, rounded by largest remainder so the
    /// total is exact. Returns the weights to keep per layer.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The budget is below the biases' count or above the non-zero count.</exception>
    public static long[] WeightBudgetPerLayer(Network network, long keepNonZeros)
    {
        long weightBudget = WeightBudget(network, keepNonZeros);
        int layers = network.Layers.Count;
        var capacity = new long[layers];
        long total = 0;
        for (int l = 0; l < layers; l++)
        {
            capacity[l] = NonZero(network.Layers[l].Weights);
            total += capacity[l];
        }

        var keep = new long[layers];
        var remainder = new double[layers];
        long assigned = 0;
        for (int l = 0; l < layers; l++)
        {
            double exact = total == 0 ? 0 : (double)weightBudget * capacity[l] / total;
            keep[l] = Math.Min(capacity[l], (long)Math.Floor(exact));
            remainder[l] = exact - keep[l];
            assigned += keep[l];
        }

        while (assigned < weightBudget)
        {
            int best = -1;
            for (int l = 0; l < layers; l++)
            {
                if (keep[l] < capacity[l] && (best < 0 || remainder[l] > remainder[best]))
                {
                    best = l;
                }
            }

            keep[best]++;
            remainder[best] = double.NegativeInfinity;
            assigned++;
        }

        return keep;
    }

    /// <summary>The number of weights to keep so that non-zero weights + non-zero biases = <paramref name="keepNonZeros"/>.</summary>
    public static long WeightBudget(Network network, long keepNonZeros)
    {
        ArgumentNullException.ThrowIfNull(network);
        long biases = 0, weights = 0;
        foreach (var layer in network.Layers)
        {
            biases += NonZero(layer.Bias);
            weights += NonZero(layer.Weights);
        }

        if (keepNonZeros < biases || keepNonZeros > biases + weights)
        {
            throw new ArgumentOutOfRangeException(
                nameof(keepNonZeros), keepNonZeros, $"Can keep between {biases} (the non-zero biases, which are not pruned) and {biases + weights} non-zero parameters.");
        }

        return keepNonZeros - biases;
    }

    /// <summary>Zeroes every weight of <paramref name="weights"/> whose index is not among the <paramref name="keep"/> highest <paramref name="scores"/> (ties: lower index first). Zero weights are never counted as kept.</summary>
    internal static void KeepTop(Span<float> weights, ReadOnlySpan<double> scores, long keep)
    {
        int n = weights.Length;
        var order = new int[n];
        var keys = new double[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            keys[i] = weights[i] == 0f ? double.PositiveInfinity : -scores[i]; // ascending sort: best first, zeros last
        }

        Array.Sort(keys, order);
        var kept = new bool[n];
        for (int k = 0; k < keep && k < n; k++)
        {
            kept[order[k]] = true;
        }

        for (int i = 0; i < n; i++)
        {
            if (!kept[i])
            {
                weights[i] = 0f;
            }
        }
    }
}
