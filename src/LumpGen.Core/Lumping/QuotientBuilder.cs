using LumpGen.Model;
using LumpGen.Ode;

namespace LumpGen.Lumping;

/// <summary>
/// Builds the reduced network from one partition per layer (DESIGN §3.3). For block G of layer l and
/// block H of layer l−1:
/// <code>
///   W'[G, H] = Σ_{m∈H} W[r, m]   and   b'[G] = b[r]            (rep, r = lowest member of G)
///   W'[G, H] = mean_{i∈G} Σ_{m∈H} W[i, m],  b'[G] = mean_{i∈G} b[i]   (mean)
/// </code>
/// i.e. outgoing weights of a merged block are summed over its members. Exact when the partition is an
/// exact FDE (ε = 0) for any elementwise activation. Sums run in double, then round to float32 once.
/// </summary>
public static class QuotientBuilder
{
    /// <summary>The reduced network; each merged layer records original neuron → reduced neuron in <see cref="DenseLayer.Partition"/>.</summary>
    /// <exception cref="ArgumentException">A partition does not match its layer's width.</exception>
    public static Network Build(Network network, IReadOnlyList<Partition> partitions, QuotientKind kind)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(partitions);
        if (partitions.Count != network.Layers.Count)
        {
            throw new ArgumentException($"{partitions.Count} partitions for {network.Layers.Count} layers.", nameof(partitions));
        }

        var layers = new DenseLayer[network.Layers.Count];
        var previous = Partition.Discrete(network.InputLength);
        for (int l = 0; l < layers.Length; l++)
        {
            var layer = network.Layers[l];
            var partition = partitions[l];
            if (partition.VariableCount != layer.OutputLength)
            {
                throw new ArgumentException($"The partition of layer {l} covers {partition.VariableCount} neurons; the layer has {layer.OutputLength}.", nameof(partitions));
            }

            layers[l] = BuildLayer(layer, previous, partition, kind);
            previous = partition;
        }

        return network.WithLayers(layers);
    }

    private static DenseLayer BuildLayer(DenseLayer layer, Partition previous, Partition partition, QuotientKind kind)
    {
        bool inputsMerged = previous.BlockCount != previous.VariableCount;
        bool neuronsMerged = partition.BlockCount != partition.VariableCount;
        if (!inputsMerged && !neuronsMerged)
        {
            return layer;
        }

        int columns = previous.BlockCount, rows = partition.BlockCount;
        var weights = new float[rows * columns];
        var bias = new float[rows];
        var row = new double[columns];
        var blockOf = previous.BlockOf;
        for (int g = 0; g < rows; g++)
        {
            Array.Clear(row);
            double b = 0;
            var members = kind == QuotientKind.Rep ? partition.Block(g)[..1] : partition.Block(g);
            foreach (int i in members)
            {
                var w = layer.Row(i);
                for (int m = 0; m < w.Length; m++)
                {
                    row[blockOf[m]] += w[m];
                }

                b += layer.Bias[i];
            }

            for (int h = 0; h < columns; h++)
            {
                weights[(g * columns) + h] = (float)(row[h] / members.Length);
            }

            bias[g] = (float)(b / members.Length);
        }

        return new DenseLayer(weights, bias, layer.Activation, neuronsMerged || layer.Partition is not null ? Provenance(layer, partition) : null);
    }

    /// <summary>Original neuron → reduced neuron, composed with an earlier lumping if the layer has one.</summary>
    private static int[] Provenance(DenseLayer layer, Partition partition)
    {
        var blockOf = partition.BlockOf;
        if (layer.Partition is not { } earlier)
        {
            return blockOf.ToArray();
        }

        var composed = new int[earlier.Count];
        for (int o = 0; o < composed.Length; o++)
        {
            composed[o] = blockOf[earlier[o]];
        }

        return composed;
    }
}
