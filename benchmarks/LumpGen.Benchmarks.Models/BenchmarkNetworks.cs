using LumpGen.Format;
using LumpGen.Model;

namespace LumpGen.Benchmarks.Models;

/// <summary>
/// The inference benchmark's networks, seeded so the generated code (built from the .lump files this
/// produces at build time) and ONNX Runtime (fed the same network in memory) compute the same function.
/// </summary>
public static class BenchmarkNetworks
{
    /// <summary>8-64-64-1, ReLU hidden layers (4,801 parameters).</summary>
    public static Network Small() => Mlp("mlp-8-64-64-1", [8, 64, 64, 1], seed: 1);

    /// <summary>64-512-512-10, ReLU hidden layers (300,554 parameters).</summary>
    public static Network Large() => Mlp("mlp-64-512-512-10", [64, 512, 512, 10], seed: 2);

    /// <summary>He-initialised weights (U(±√(6/n))), small random biases, ReLU hidden layers, identity output.</summary>
    public static Network Mlp(string name, int[] widths, int seed)
    {
        var random = new Random(seed);
        var layers = new List<DenseLayer>();
        for (int l = 0; l + 1 < widths.Length; l++)
        {
            int n = widths[l], m = widths[l + 1];
            float limit = MathF.Sqrt(6f / n);
            var weights = new float[n * m];
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = ((random.NextSingle() * 2) - 1) * limit;
            }

            var bias = new float[m];
            for (int i = 0; i < m; i++)
            {
                bias[i] = (random.NextSingle() - 0.5f) * 0.1f;
            }

            layers.Add(new DenseLayer(weights, bias, l + 2 < widths.Length ? Activation.Relu : Activation.Identity));
        }

        return new Network(layers, metadata: new NetworkMetadata(Name: name));
    }
}
