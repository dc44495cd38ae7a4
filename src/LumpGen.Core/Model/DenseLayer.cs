using LumpGen.Format;

namespace LumpGen.Model;

/// <summary>
/// A fully connected layer: y[i] = act(Σ_j W[i,j]·x[j] + b[i]), W row-major [<see cref="OutputLength"/>, <see cref="InputLength"/>].
/// Immutable; the constructor validates shapes and rejects NaN/±∞ so every consumer can trust the values.
/// </summary>
public sealed class DenseLayer
{
    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly int[]? _partition;

    /// <summary>Creates a layer. The arrays are owned by the layer afterwards; do not change them.</summary>
    /// <param name="weights">W, row-major: one row of finite input weights per neuron (the input length is weights.Length / bias.Length).</param>
    /// <param name="bias">b, one finite value per neuron.</param>
    /// <param name="activation">The activation applied to the pre-activations.</param>
    /// <param name="partition">Optional lumping provenance: original neuron → neuron of this layer (see <see cref="Partition"/>).</param>
    /// <exception cref="ArgumentException">A shape is wrong, a value is not finite, or the partition is invalid; the message says which.</exception>
    public DenseLayer(float[] weights, float[] bias, Activation activation, int[]? partition = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        if (bias.Length == 0)
        {
            throw new ArgumentException("A layer needs at least one neuron (the bias is empty).", nameof(bias));
        }

        if (weights.Length == 0 || weights.Length % bias.Length != 0)
        {
            throw new ArgumentException(
                $"Weights have {weights.Length} values, which is not a non-zero multiple of the {bias.Length} neurons given by the bias.", nameof(weights));
        }

        // LumpLayer holds the one set of shape, finiteness and partition rules shared with the file format.
        var checkedLayer = new LumpLayer(weights.Length / bias.Length, bias.Length, activation, weights, bias, partition);
        InputLength = checkedLayer.InputLength;
        OutputLength = checkedLayer.OutputLength;
        Activation = activation;
        _weights = weights;
        _bias = bias;
        _partition = partition;
    }

    /// <summary>Number of inputs (columns of W).</summary>
    public int InputLength { get; }

    /// <summary>Number of neurons (rows of W).</summary>
    public int OutputLength { get; }

    /// <summary>The activation.</summary>
    public Activation Activation { get; }

    /// <summary>W, row-major [<see cref="OutputLength"/>, <see cref="InputLength"/>].</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>b.</summary>
    public ReadOnlySpan<float> Bias => _bias;

    /// <summary>
    /// For each neuron of the original layer this one was lumped from, the index of the neuron here that
    /// represents it; null when the layer was not lumped.
    /// </summary>
    public IReadOnlyList<int>? Partition => _partition;

    /// <summary>Weights plus biases.</summary>
    public long ParameterCount => (long)InputLength * OutputLength + OutputLength;

    /// <summary>W[<paramref name="row"/>, <paramref name="column"/>].</summary>
    public float Weight(int row, int column) => _weights[(row * InputLength) + column];

    /// <summary>Row <paramref name="neuron"/> of W: the incoming weights of one neuron.</summary>
    public ReadOnlySpan<float> Row(int neuron) => _weights.AsSpan(neuron * InputLength, InputLength);

    /// <summary>A copy with another partition (provenance only; the weights are shared, both layers are immutable).</summary>
    public DenseLayer WithPartition(int[]? partition) => new(_weights, _bias, Activation, partition);
}
