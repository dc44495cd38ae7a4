using CsCheck;
using LumpGen.Format;
using LumpGen.Model;

namespace LumpGen.Core.Tests.Lumping;

/// <summary>Random networks for lumping properties, built from a seed so CsCheck can report and replay them.</summary>
internal static class PlantedNetworks
{
    private static readonly Activation[] s_hidden =
    [
        Activation.Identity, Activation.Relu, Activation.LeakyRelu(0.1f), Activation.Tanh, Activation.Sigmoid,
        Activation.Softplus, Activation.Elu(0.7f), Activation.Gelu,
    ];

    /// <summary>Widths input-hidden…-output: 1–5 inputs, 1–3 hidden layers of 1–8, 1–3 outputs.</summary>
    public static readonly Gen<int[]> Widths =
        Gen.Int[1, 3].SelectMany(hidden => Gen.Int[1, 8].Array[hidden + 2])
            .Select(w => w.Select((x, i) => i == 0 ? Math.Min(x, 5) : i == w.Length - 1 ? Math.Min(x, 3) : x).ToArray());

    /// <summary>Continuous weights in ±1 (no two neurons alike with probability 1).</summary>
    public static Network Continuous(int[] widths, int seed) => Build(widths, new Random(seed), r => (float)((r.NextDouble() * 2) - 1));

    /// <summary>Weights on the grid {−1, −½, 0, ½, 1}: many ties and exact arithmetic, so distances equal ε exactly sometimes.</summary>
    public static Network Grid(int[] widths, int seed) => Build(widths, new Random(seed), r => (r.Next(5) - 2) * 0.5f);

    /// <summary>
    /// <paramref name="network"/> with each hidden neuron copied 0–2 extra times: copies share the
    /// incoming row and bias; the next layer's weight on a neuron is split at random among its copies,
    /// so the expanded network computes the same function. Returns the expanded network.
    /// </summary>
    public static Network PlantDuplicates(Network network, int seed)
    {
        var random = new Random(seed);
        var layers = new List<DenseLayer>();
        int[] copiesOf = [.. Enumerable.Repeat(1, network.InputLength)]; // copies of each neuron feeding the current layer
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            bool last = l == network.Layers.Count - 1;
            int[] copies = [.. Enumerable.Range(0, layer.OutputLength).Select(_ => last ? 1 : 1 + random.Next(3))];
            int expandedInputs = copiesOf.Sum();
            var weights = new List<float>();
            var bias = new List<float>();
            for (int i = 0; i < layer.OutputLength; i++)
            {
                var row = new List<float>(expandedInputs);
                for (int m = 0; m < layer.InputLength; m++)
                {
                    row.AddRange(Split(layer.Weight(i, m), copiesOf[m], random));
                }

                for (int c = 0; c < copies[i]; c++)
                {
                    weights.AddRange(row);
                    bias.Add(layer.Bias[i]);
                }
            }

            layers.Add(new DenseLayer([.. weights], [.. bias], layer.Activation));
            copiesOf = copies;
        }

        return network.WithLayers(layers);
    }

    private static float[] Split(float w, int parts, Random random)
    {
        var result = new float[parts];
        float rest = w;
        for (int p = 0; p < parts - 1; p++)
        {
            result[p] = (float)(w * random.NextDouble() / parts);
            rest -= result[p];
        }

        result[^1] = rest;
        return result;
    }

    private static Network Build(int[] widths, Random random, Func<Random, float> weight)
    {
        var layers = new List<DenseLayer>();
        for (int l = 0; l + 1 < widths.Length; l++)
        {
            var w = new float[widths[l] * widths[l + 1]];
            var b = new float[widths[l + 1]];
            for (int k = 0; k < w.Length; k++)
            {
                w[k] = weight(random);
            }

            for (int k = 0; k < b.Length; k++)
            {
                b[k] = weight(random);
            }

            var activation = l + 2 == widths.Length ? Activation.Identity : s_hidden[random.Next(s_hidden.Length)];
            layers.Add(new DenseLayer(w, b, activation));
        }

        return new Network(layers);
    }
}
