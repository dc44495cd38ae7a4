using System.Numerics.Tensors;
using LumpGen.Evaluation;
using LumpGen.Model;

namespace LumpGen.Lumping;

/// <summary>
/// Batch forward pass in double that keeps every layer's pre- and post-activations (the reference
/// evaluator only returns outputs). Rows are samples: z_l = a_{l−1}·W_lᵀ + b_l, a_l = act(z_l).
/// </summary>
internal sealed class ForwardPass
{
    private ForwardPass(int rows, double[][] pre, double[][] post)
    {
        Rows = rows;
        PreActivations = pre;
        PostActivations = post;
    }

    public int Rows { get; }

    /// <summary>z_l, row-major [rows, width_l], per dense layer.</summary>
    public double[][] PreActivations { get; }

    /// <summary>a_l, row-major [rows, width_l]; index −1 would be the (transformed) input: see <see cref="Input"/>.</summary>
    public double[][] PostActivations { get; }

    /// <summary>The transformed inputs, row-major.</summary>
    public double[] Input { get; private init; } = [];

    /// <summary>The activations feeding dense layer <paramref name="layer"/>.</summary>
    public double[] LayerInput(int layer) => layer == 0 ? Input : PostActivations[layer - 1];

    public static ForwardPass Run(Network network, ReadOnlySpan<float> inputs, int rows)
    {
        var x = new double[rows * network.InputLength];
        network.NormalizeInputs(inputs[..x.Length], x);

        var pre = new double[network.Layers.Count][];
        var post = new double[network.Layers.Count][];
        var current = x;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            pre[l] = Linear(layer, current, rows);
            post[l] = (double[])pre[l].Clone();
            for (int r = 0; r < rows; r++)
            {
                ActivationMath.Apply(layer.Activation, post[l].AsSpan(r * layer.OutputLength, layer.OutputLength));
            }

            current = post[l];
        }

        return new ForwardPass(rows, pre, post) { Input = x };
    }

    /// <summary>z = a·Wᵀ + b with the weights widened to double once per layer.</summary>
    public static double[] Linear(DenseLayer layer, double[] input, int rows)
    {
        int inLen = layer.InputLength, outLen = layer.OutputLength;
        var w = new double[layer.Weights.Length];
        for (int k = 0; k < w.Length; k++)
        {
            w[k] = layer.Weights[k];
        }

        var z = new double[rows * outLen];
        for (int r = 0; r < rows; r++)
        {
            var a = input.AsSpan(r * inLen, inLen);
            for (int i = 0; i < outLen; i++)
            {
                z[(r * outLen) + i] = TensorPrimitives.Dot(a, w.AsSpan(i * inLen, inLen)) + layer.Bias[i];
            }
        }

        return z;
    }
}
