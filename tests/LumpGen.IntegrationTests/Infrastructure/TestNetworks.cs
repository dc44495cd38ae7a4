using LumpGen.Format;
using LumpGen.Model;
using LumpGen.Onnx;
using LumpGen.Testing;

namespace LumpGen.IntegrationTests.Infrastructure;

/// <summary>Seeded random networks covering every kernel path, width boundary and activation.</summary>
internal static class TestNetworks
{
    private static readonly Activation[] s_hidden =
    [
        Activation.Identity, Activation.Relu, Activation.LeakyRelu(0.1f), Activation.Tanh, Activation.Sigmoid,
        Activation.Softplus, Activation.Elu(0.7f), Activation.Gelu,
    ];

    /// <summary>
    /// Hand-picked shapes (widths 1…300 around the 4/8/16/64 vector and block boundaries; tiny, row and
    /// column kernels; transforms; partitions) plus seeded random ones. Every activation appears, softmax last.
    /// </summary>
    public static IReadOnlyList<(string Name, Network Network)> All()
    {
        var list = new List<(string, Network)>();
        int seed = 100;
        void Add(int[] widths, Activation[] activations, bool transforms = false, bool partitions = false) =>
            list.Add(($"M{list.Count}", Build(seed++, widths, activations, transforms, partitions)));

        Add([1, 1], [Activation.Identity]);
        Add([1, 9], [Activation.Relu]);
        Add([2, 2, 3], [Activation.Sigmoid, Activation.Softmax]);
        Add([3, 7, 8], [Activation.Tanh, Activation.Elu()], transforms: true);
        Add([8, 16, 1], [Activation.LeakyRelu(0.1f), Activation.Identity], transforms: true);
        Add([9, 15, 17, 5], [Activation.Softplus, Activation.Gelu, Activation.Sigmoid], partitions: true);
        Add([17, 33, 2], [Activation.Gelu, Activation.Softmax]);
        Add([31, 63, 64, 65], [Activation.Relu, Activation.Tanh, Activation.Elu(0.5f)], transforms: true, partitions: true);
        Add([64, 128, 10], [Activation.Relu, Activation.Softmax]);
        Add([100, 129, 7], [Activation.Sigmoid, Activation.LeakyRelu(0.02f)]);
        Add([127, 300, 3], [Activation.Tanh, Activation.Identity], transforms: true);
        Add([300, 200, 1], [Activation.Relu, Activation.Sigmoid]);
        Add([5, 300], [Activation.Gelu]);
        Add([12, 40, 40, 40, 3], [Activation.Elu(), Activation.Softplus, Activation.Tanh, Activation.Identity], transforms: true, partitions: true);
        Add([250, 4], [Activation.Softplus]);
        Add([200, 1], [Activation.Tanh]);
        Add([8, 64, 64, 1], [Activation.Relu, Activation.Relu, Activation.Identity], transforms: true);
        Add([784, 10, 10], [Activation.Relu, Activation.Softmax]);

        // Seeded random shapes: widths log-uniform in 1…300, 1–3 layers, any activation.
        var random = new Random(2024);
        for (int k = 0; k < 8; k++)
        {
            int depth = 1 + random.Next(3);
            var widths = new int[depth + 1];
            for (int i = 0; i <= depth; i++)
            {
                widths[i] = (int)Math.Round(Math.Exp(random.NextDouble() * Math.Log(300)));
            }

            var activations = new Activation[depth];
            for (int i = 0; i < depth; i++)
            {
                activations[i] = i == depth - 1 && random.Next(4) == 0 ? Activation.Softmax : s_hidden[random.Next(s_hidden.Length)];
            }

            Add(widths, activations, transforms: random.Next(2) == 0);
        }

        return list;
    }

    /// <summary>
    /// The real trained MLPs in ../shared/data/onnx that the ONNX importer accepts (Marabou,
    /// ModelVerification.jl, numpy-quant), imported with LumpGen.Onnx. Files the importer refuses
    /// (a Conv network, single-operator test graphs) are skipped; the ONNX tests cover those refusals.
    /// </summary>
    public static IReadOnlyList<(string Name, Network Network)> RealMlps()
    {
        var list = new List<(string, Network)>();
        foreach (string path in Directory.GetFiles(RepoPaths.Data("onnx"), "*.onnx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                var network = OnnxImporter.Import(path).Network;
                list.Add(("Onnx_" + string.Concat(Path.GetFileNameWithoutExtension(path).Select(c => char.IsLetterOrDigit(c) ? c : '_')), network));
            }
            catch (OnnxImportException)
            {
                // Not an MLP the importer supports.
            }
        }

        return list;
    }

    /// <summary>Weights ~ U(−1, 1)/√inputs, biases ~ U(−0.5, 0.5): pre-activations stay O(1) through the layers.</summary>
    public static Network Build(int seed, int[] widths, Activation[] activations, bool transforms, bool partitions)
    {
        var random = new Random(seed);
        var layers = new List<DenseLayer>();
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
                bias[i] = random.NextSingle() - 0.5f;
            }

            int[]? partition = null;
            if (partitions && l + 2 < widths.Length)
            {
                partition = new int[m + (m / 2) + 1];
                for (int i = 0; i < partition.Length; i++)
                {
                    partition[i] = i < m ? i : random.Next(m);
                }
            }

            layers.Add(new DenseLayer(weights, bias, activations[l], partition));
        }

        InputTransform? input = null;
        OutputTransform? output = null;
        if (transforms)
        {
            int n = widths[0], m = widths[^1];
            input = new InputTransform(
                [.. Enumerable.Range(0, n).Select(j => (float)((j % 5) - 2) * 3f)],
                [.. Enumerable.Range(0, n).Select(j => 0.5f + (j % 4))]);
            output = new OutputTransform(
                [.. Enumerable.Range(0, m).Select(i => 1.5f + (i % 3))],
                [.. Enumerable.Range(0, m).Select(i => (i % 2) - 0.25f)]);
        }

        return new Network(layers, input, output);
    }

    /// <summary>
    /// Inputs for <paramref name="network"/>: U(−3, 3) around the input transform's mean (so normalised inputs
    /// are O(1)); for the real MLPs (<paramref name="unitInterval"/>) U(0, 1), the range they were trained on
    /// (MNIST pixels, normalised sensor values) — far outside it, their sums of hundreds of large,
    /// cancelling terms measure float32 accumulation rather than the generated code.
    /// </summary>
    public static float[] Inputs(Network network, int samples, int seed, bool unitInterval = false)
    {
        if (unitInterval && network.InputTransform is null)
        {
            var unit = new Random(seed);
            var result = new float[samples * network.InputLength];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = unit.NextSingle();
            }

            return result;
        }

        var random = new Random(seed);
        int n = network.InputLength;
        var values = new float[samples * n];
        for (int s = 0; s < samples; s++)
        {
            for (int j = 0; j < n; j++)
            {
                float center = network.InputTransform is { } t ? t.Mean[j] : 0f;
                float spread = network.InputTransform is { } t2 ? t2.Scale[j] : 1f;
                values[(s * n) + j] = center + (((random.NextSingle() * 6) - 3) * spread);
            }
        }

        return values;
    }
}
