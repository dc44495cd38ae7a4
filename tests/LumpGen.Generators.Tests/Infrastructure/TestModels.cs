using LumpGen.Format;

namespace LumpGen.Generators.Tests.Infrastructure;

/// <summary>Deterministic .lump models for the tests (seeded; written with the format's own writer).</summary>
internal static class TestModels
{
    /// <summary>A network with the given widths; weights ~ U(−1, 1)/√inputs so activations stay O(1).</summary>
    public static LumpModel Random(int seed, int[] widths, Activation[] activations, bool transforms = false, bool partitions = false, string? name = null)
    {
        var random = new Random(seed);
        var layers = new List<LumpLayer>();
        for (int l = 0; l + 1 < widths.Length; l++)
        {
            int n = widths[l], m = widths[l + 1];
            float scale = 1f / MathF.Sqrt(n);
            var weights = new float[n * m];
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = ((random.NextSingle() * 2) - 1) * scale;
            }

            var bias = new float[m];
            for (int i = 0; i < m; i++)
            {
                bias[i] = (random.NextSingle() * 2) - 1;
            }

            int[]? partition = null;
            if (partitions && l + 2 < widths.Length)
            {
                // Pretend the layer was lumped from 1.5× as many neurons.
                partition = new int[m + (m / 2)];
                for (int i = 0; i < partition.Length; i++)
                {
                    partition[i] = i < m ? i : random.Next(m);
                }
            }

            layers.Add(new LumpLayer(n, m, activations[l], weights, bias, partition));
        }

        LumpInputTransform? input = null;
        LumpOutputTransform? output = null;
        if (transforms)
        {
            int n = widths[0], m = widths[^1];
            input = new LumpInputTransform(
                [.. Enumerable.Range(0, n).Select(j => (float)(j * 0.5))],
                [.. Enumerable.Range(0, n).Select(j => (float)(1 + (j % 3)))]);
            output = new LumpOutputTransform(
                [.. Enumerable.Range(0, m).Select(i => (float)(2 + i))],
                [.. Enumerable.Range(0, m).Select(i => (float)(-1 + (0.25 * i)))]);
        }

        var provenance = new LumpProvenance { Epsilon = partitions ? 0.05 : null, OriginalParameterCount = partitions ? 12345 : null };
        return new LumpModel(layers, input, output, name, provenance.IsEmpty ? null : provenance);
    }

    public static string Text(LumpModel model) => LumpWriter.WriteToString(model);
}
