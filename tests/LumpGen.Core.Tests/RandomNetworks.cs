using LumpGen.Format;
using LumpGen.Model;

namespace LumpGen.Core.Tests;

/// <summary>Deterministic random networks for tests (seeded <see cref="Random"/>, so failures reproduce).</summary>
internal static class RandomNetworks
{
    public static readonly Activation[] AllHidden =
    [
        Activation.Identity, Activation.Relu, Activation.LeakyRelu(0.1f), Activation.Tanh, Activation.Sigmoid,
        Activation.Softplus, Activation.Elu(0.7f), Activation.Gelu,
    ];

    public static Network Create(Random random, int[] widths, Activation? hidden = null, Activation? last = null, bool transforms = false)
    {
        var layers = new List<DenseLayer>();
        for (int l = 0; l + 1 < widths.Length; l++)
        {
            int inputs = widths[l], outputs = widths[l + 1];
            float scale = 1f / MathF.Sqrt(inputs);
            var w = new float[inputs * outputs];
            var b = new float[outputs];
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = (float)((random.NextDouble() * 2 - 1) * 2 * scale);
            }

            for (int i = 0; i < b.Length; i++)
            {
                b[i] = (float)(random.NextDouble() - 0.5);
            }

            bool isLast = l + 2 == widths.Length;
            var activation = isLast ? last ?? Activation.Identity : hidden ?? AllHidden[random.Next(AllHidden.Length)];
            layers.Add(new DenseLayer(w, b, activation));
        }

        InputTransform? input = null;
        OutputTransform? output = null;
        if (transforms)
        {
            input = new InputTransform(
                [.. Enumerable.Range(0, widths[0]).Select(_ => (float)random.NextDouble() * 4 - 2)],
                [.. Enumerable.Range(0, widths[0]).Select(_ => 0.5f + (float)random.NextDouble())]);
            output = new OutputTransform(
                [.. Enumerable.Range(0, widths[^1]).Select(_ => 0.5f + (float)random.NextDouble() * 3)],
                [.. Enumerable.Range(0, widths[^1]).Select(_ => (float)random.NextDouble() * 10 - 5)]);
        }

        return new Network(layers, input, output);
    }

    public static float[] Inputs(Random random, int count, double range = 3)
    {
        var x = new float[count];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)((random.NextDouble() * 2 - 1) * range);
        }

        return x;
    }
}
