using LumpGen.Model;

namespace LumpGen.Pruning;

/// <summary>
/// Magnitude pruning (Han et al. 2015, one shot, no retraining): keep the weights with the largest
/// |W[i,j]|, set the rest to zero. The network keeps its shape; biases are not pruned. The result has
/// exactly the requested number of non-zero parameters (see <see cref="SparseParameters"/>).
/// </summary>
public static class MagnitudePruner
{
    /// <summary>Prunes to <paramref name="keepNonZeros"/> non-zero weights + biases.</summary>
    /// <param name="network">The dense (or already sparse) network.</param>
    /// <param name="keepNonZeros">Non-zero parameters to keep, between the bias count and <see cref="SparseParameters.NonZeroCount"/>.</param>
    /// <param name="scope"><see cref="PruningScope.Layer"/>: every layer keeps the same fraction of its weights; <see cref="PruningScope.Global"/>: one ranking over all layers.</param>
    public static Network Prune(Network network, long keepNonZeros, PruningScope scope = PruningScope.Layer)
    {
        ArgumentNullException.ThrowIfNull(network);
        var weights = network.Layers.Select(l => l.Weights.ToArray()).ToArray();
        if (scope == PruningScope.Layer)
        {
            long[] budget = SparseParameters.WeightBudgetPerLayer(network, keepNonZeros);
            for (int l = 0; l < weights.Length; l++)
            {
                SparseParameters.KeepTop(weights[l], Magnitudes(weights[l]), budget[l]);
            }
        }
        else
        {
            long budget = SparseParameters.WeightBudget(network, keepNonZeros);
            float[] all = [.. weights.SelectMany(w => w)];
            SparseParameters.KeepTop(all, Magnitudes(all), budget);
            int offset = 0;
            foreach (var w in weights)
            {
                all.AsSpan(offset, w.Length).CopyTo(w);
                offset += w.Length;
            }
        }

        return Rebuild(network, weights, "magnitude-" + (scope == PruningScope.Layer ? "layer" : "global"));
    }

    internal static Network Rebuild(Network network, float[][] weights, string method)
    {
        var layers = new DenseLayer[weights.Length];
        for (int l = 0; l < layers.Length; l++)
        {
            var old = network.Layers[l];
            layers[l] = new DenseLayer(weights[l], old.Bias.ToArray(), old.Activation, old.Partition is { } p ? [.. p] : null);
        }

        var pruned = network.WithLayers(layers);
        var m = network.Metadata;
        var properties = m.PropertiesOrEmpty.Where(p => p.Key is not ("pruning" or "nonzero_parameters")).ToList();
        properties.Add(new("pruning", method));
        properties.Add(new("nonzero_parameters", SparseParameters.NonZeroCount(pruned).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return pruned.WithMetadata(m with
        {
            OriginalParameterCount = m.OriginalParameterCount ?? network.ParameterCount,
            Properties = properties,
        });
    }

    private static double[] Magnitudes(ReadOnlySpan<float> weights)
    {
        var scores = new double[weights.Length];
        for (int i = 0; i < weights.Length; i++)
        {
            scores[i] = Math.Abs(weights[i]);
        }

        return scores;
    }
}
