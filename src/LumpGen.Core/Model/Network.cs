using System.Globalization;
using LumpGen.Format;

namespace LumpGen.Model;

/// <summary>
/// A feed-forward network: optional <see cref="InputTransform"/>, dense layers, optional
/// <see cref="OutputTransform"/>, metadata. The in-memory model every LumpGen component takes and
/// returns (evaluator, lumping, pruning, training, import/export). Immutable and always consistent:
/// layers chain, values are finite, softmax can only be last.
/// </summary>
public sealed class Network
{
    private readonly DenseLayer[] _layers;

    /// <summary>Creates a network and checks that its parts fit together.</summary>
    /// <exception cref="ArgumentException">Layers do not chain, a transform has the wrong length, or softmax is not last; the message says where.</exception>
    public Network(
        IEnumerable<DenseLayer> layers,
        InputTransform? inputTransform = null,
        OutputTransform? outputTransform = null,
        NetworkMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = [.. layers];
        if (_layers.Length == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        for (int i = 0; i < _layers.Length; i++)
        {
            if (_layers[i] is null)
            {
                throw new ArgumentException($"Layer {i} is null.", nameof(layers));
            }

            if (i > 0 && _layers[i].InputLength != _layers[i - 1].OutputLength)
            {
                throw new ArgumentException(
                    $"Shape mismatch: layer {i} takes {_layers[i].InputLength} inputs but layer {i - 1} has {_layers[i - 1].OutputLength} neurons.",
                    nameof(layers));
            }

            if (_layers[i].Activation.Kind == ActivationKind.Softmax && i != _layers.Length - 1)
            {
                throw new ArgumentException($"Layer {i} uses softmax, which is allowed on the final layer only.", nameof(layers));
            }
        }

        if (inputTransform is not null && inputTransform.Length != _layers[0].InputLength)
        {
            throw new ArgumentException(
                $"Shape mismatch: the input transform has {inputTransform.Length} values but layer 0 takes {_layers[0].InputLength} inputs.",
                nameof(inputTransform));
        }

        if (outputTransform is not null && outputTransform.Length != _layers[^1].OutputLength)
        {
            throw new ArgumentException(
                $"Shape mismatch: the output transform has {outputTransform.Length} values but the last layer has {_layers[^1].OutputLength} neurons.",
                nameof(outputTransform));
        }

        InputTransform = inputTransform;
        OutputTransform = outputTransform;
        Metadata = metadata ?? NetworkMetadata.Empty;
    }

    /// <summary>The dense layers, first to last.</summary>
    public IReadOnlyList<DenseLayer> Layers => _layers;

    /// <summary>x' = (x − mean)/scale before layer 0, or null.</summary>
    public InputTransform? InputTransform { get; }

    /// <summary>y' = y·scale + offset after the last layer, or null.</summary>
    public OutputTransform? OutputTransform { get; }

    /// <summary>Name and provenance.</summary>
    public NetworkMetadata Metadata { get; }

    /// <summary>Inputs of layer 0.</summary>
    public int InputLength => _layers[0].InputLength;

    /// <summary>Neurons of the last layer.</summary>
    public int OutputLength => _layers[^1].OutputLength;

    /// <summary>Σ over layers of weights + biases (transforms are not counted: they are fixed pre/post-processing).</summary>
    public long ParameterCount => _layers.Sum(l => l.ParameterCount);

    /// <summary>Neurons in all layers (hidden and output).</summary>
    public int NeuronCount => _layers.Sum(l => l.OutputLength);

    /// <summary>
    /// Widens whole raw samples to double and applies the input transform, if any:
    /// destination[s·n + j] = (raw[s·n + j] − mean[j]) / scale[j], n = <see cref="InputLength"/>.
    /// The first step of every double-precision forward pass; does not allocate.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length or do not hold whole samples.</exception>
    public void NormalizeInputs(ReadOnlySpan<float> raw, Span<double> destination)
    {
        int width = InputLength;
        if (raw.Length != destination.Length || raw.Length % width != 0)
        {
            throw new ArgumentException(
                $"Expected equal lengths of whole samples of {width} inputs; got {raw.Length} raw and {destination.Length} destination values.",
                nameof(destination));
        }

        for (int k = 0; k < raw.Length; k++)
        {
            destination[k] = raw[k];
        }

        if (InputTransform is { } t)
        {
            var mean = t.Mean;
            var scale = t.Scale;
            for (int k = 0; k < destination.Length; k++)
            {
                int j = k % width;
                destination[k] = (destination[k] - mean[j]) / scale[j];
            }
        }
    }

    /// <summary>The same network with other metadata.</summary>
    public Network WithMetadata(NetworkMetadata metadata) => new(_layers, InputTransform, OutputTransform, metadata);

    /// <summary>The same network with other layers (transforms and metadata kept).</summary>
    public Network WithLayers(IEnumerable<DenseLayer> layers) => new(layers, InputTransform, OutputTransform, Metadata);

    /// <summary>A one-line summary such as <c>8-64-64-1 (relu, relu, identity), 4,801 parameters</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Shape} ({string.Join(", ", _layers.Select(l => l.Activation.ToString()))}), {ParameterCount:N0} parameters");

    /// <summary>The widths joined by dashes, inputs first: <c>8-64-64-1</c>.</summary>
    public string Shape => string.Join('-', new[] { InputLength }.Concat(_layers.Select(l => l.OutputLength)));
}
