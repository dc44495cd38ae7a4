using System;
using System.Collections.Generic;

namespace LumpGen.Format;

/// <summary>
/// A dense layer as stored in a <c>.lump</c> file: y[i] = act(Σ_j W[i,j]·x[j] + b[i]) with
/// <see cref="Weights"/> row-major [<see cref="OutputLength"/>, <see cref="InputLength"/>].
/// </summary>
public sealed class LumpLayer
{
    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly int[]? _partition;

    /// <summary>Creates a layer; the arrays are taken as they are (not copied) and must not change afterwards.</summary>
    /// <param name="inputLength">Number of inputs (columns of W), ≥ 1.</param>
    /// <param name="outputLength">Number of neurons (rows of W), ≥ 1.</param>
    /// <param name="activation">The activation applied to the pre-activations.</param>
    /// <param name="weights">W, row-major, length <paramref name="outputLength"/>·<paramref name="inputLength"/>, finite.</param>
    /// <param name="bias">b, length <paramref name="outputLength"/>, finite.</param>
    /// <param name="partition">
    /// Optional provenance: for each neuron of the original (unlumped) layer, the index of the neuron of
    /// this layer it was merged into. Every index is in [0, <paramref name="outputLength"/>) and each
    /// neuron of this layer has at least one original member.
    /// </param>
    /// <exception cref="ArgumentException">A shape does not match, a value is NaN or ±∞, or the partition is invalid.</exception>
    public LumpLayer(int inputLength, int outputLength, Activation activation, float[] weights, float[] bias, int[]? partition = null)
    {
        if (inputLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inputLength), inputLength, "A layer needs at least one input.");
        }

        if (outputLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(outputLength), outputLength, "A layer needs at least one neuron.");
        }

        if (weights is null)
        {
            throw new ArgumentNullException(nameof(weights));
        }

        if (bias is null)
        {
            throw new ArgumentNullException(nameof(bias));
        }

        if ((long)inputLength * outputLength != weights.Length)
        {
            throw new ArgumentException(
                $"Weights have {weights.Length} values; a {inputLength}→{outputLength} layer needs {(long)inputLength * outputLength} ({outputLength} rows of {inputLength}).",
                nameof(weights));
        }

        if (bias.Length != outputLength)
        {
            throw new ArgumentException($"Bias has {bias.Length} values; the layer has {outputLength} neurons.", nameof(bias));
        }

        int bad = FloatBlocks.IndexOfNonFinite(weights);
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"Weight W[{bad / inputLength},{bad % inputLength}] is {FloatBlocks.Describe(weights[bad])}; weights must be finite.", nameof(weights));
        }

        bad = FloatBlocks.IndexOfNonFinite(bias);
        if (bad >= 0)
        {
            throw new ArgumentException($"Bias b[{bad}] is {FloatBlocks.Describe(bias[bad])}; biases must be finite.", nameof(bias));
        }

        if (partition is not null)
        {
            string? problem = ValidatePartition(partition, outputLength);
            if (problem is not null)
            {
                throw new ArgumentException(problem, nameof(partition));
            }
        }

        InputLength = inputLength;
        OutputLength = outputLength;
        Activation = activation;
        _weights = weights;
        _bias = bias;
        _partition = partition;
    }

    /// <summary>Number of inputs.</summary>
    public int InputLength { get; }

    /// <summary>Number of neurons (outputs).</summary>
    public int OutputLength { get; }

    /// <summary>The activation.</summary>
    public Activation Activation { get; }

    /// <summary>W, row-major [<see cref="OutputLength"/>, <see cref="InputLength"/>].</summary>
    public IReadOnlyList<float> Weights => _weights;

    /// <summary>b.</summary>
    public IReadOnlyList<float> Bias => _bias;

    /// <summary>Original neuron → neuron of this layer, or null when the layer was not lumped.</summary>
    public IReadOnlyList<int>? Partition => _partition;

    /// <summary>Weights plus biases.</summary>
    public long ParameterCount => (long)InputLength * OutputLength + OutputLength;

    internal float[] WeightArray => _weights;

    internal float[] BiasArray => _bias;

    internal int[]? PartitionArray => _partition;

    /// <summary>Copies W into <paramref name="destination"/> (length ≥ W's).</summary>
    public void CopyWeightsTo(float[] destination) => Array.Copy(_weights, destination, _weights.Length);

    /// <summary>Returns null when <paramref name="partition"/> maps onto all of [0, <paramref name="blocks"/>), else why not.</summary>
    internal static string? ValidatePartition(int[] partition, int blocks)
    {
        if (partition.Length < blocks)
        {
            return $"The partition lists {partition.Length} original neurons, fewer than the layer's {blocks} neurons.";
        }

        var seen = new bool[blocks];
        int covered = 0;
        for (int i = 0; i < partition.Length; i++)
        {
            int b = partition[i];
            if (b < 0 || b >= blocks)
            {
                return $"Partition entry {i} is {b}; it must be a neuron index in [0, {blocks}).";
            }

            if (!seen[b])
            {
                seen[b] = true;
                covered++;
            }
        }

        return covered == blocks ? null : $"The partition leaves {blocks - covered} neuron(s) of the layer without an original member.";
    }
}
