using LumpGen.Format;
using LumpGen.Model;

namespace LumpGen.Cli.Tests;

/// <summary>
/// The bundled demo model <c>samples/models/demo.lump</c>, rebuilt from this recipe by
/// <see cref="SampleModelTests"/>: a 4-24-24-1 tanh MLP with planted structure. Each hidden layer has
/// 8 prototype neurons, each present 3 times — once exactly and twice perturbed by ±0.02 (uniform) —
/// so lumping has something real to find: 8 neurons per layer at a moderate ε, 24 at ε = 0.
/// </summary>
internal static class DemoModel
{
    public const string RelativePath = "samples/models/demo.lump";

    public static Network Create()
    {
        var random = new Random(20261204);
        var layers = new List<DenseLayer>
        {
            Hidden(random, 4),
            Hidden(random, 24),
        };

        var w = new float[24];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = Round((float)(random.NextDouble() - 0.5));
        }

        layers.Add(new DenseLayer(w, [0.1f], Activation.Identity));
        return new Network(
            layers,
            new InputTransform([0.5f, 1f, -0.25f, 2f], [0.25f, 0.5f, 1f, 2f]),
            new OutputTransform([3f], [10f]),
            new NetworkMetadata("demo", Properties: [new("about", "LumpGen demo: 4-24-24-1 tanh MLP with 8 planted prototype neurons per hidden layer")]));
    }

    private static DenseLayer Hidden(Random random, int inputs)
    {
        const int Prototypes = 8, Copies = 3;
        float scale = 2f / MathF.Sqrt(inputs);
        var prototypes = new float[Prototypes][];
        for (int p = 0; p < Prototypes; p++)
        {
            prototypes[p] = [.. Enumerable.Range(0, inputs + 1).Select(_ => Round((float)(random.NextDouble() * 2 - 1) * scale))];
        }

        var w = new float[Prototypes * Copies * inputs];
        var b = new float[Prototypes * Copies];
        for (int c = 0; c < Copies; c++)
        {
            for (int p = 0; p < Prototypes; p++)
            {
                int neuron = (c * Prototypes) + p;
                for (int j = 0; j <= inputs; j++)
                {
                    float value = prototypes[p][j] + (c == 0 ? 0f : Round((float)(random.NextDouble() - 0.5) * 0.04f));
                    if (j < inputs)
                    {
                        w[(neuron * inputs) + j] = value;
                    }
                    else
                    {
                        b[neuron] = value;
                    }
                }
            }
        }

        return new DenseLayer(w, b, Activation.Tanh);
    }

    // Four decimals, so the model reads like a hand-made one and is stable across platforms.
    private static float Round(float value) => MathF.Round(value, 4);
}
