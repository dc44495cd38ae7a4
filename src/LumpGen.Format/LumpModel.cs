using System;
using System.Collections.Generic;
using System.Linq;

namespace LumpGen.Format;

/// <summary>
/// A network as described by a <c>.lump</c> file: optional input transform, dense layers, optional
/// output transform, and metadata. Constructed only in a consistent state (shapes chain, values
/// finite, softmax last), so a reader can never hand out a half-built model.
/// </summary>
public sealed class LumpModel
{
    /// <summary>The format version this library writes and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    private readonly LumpLayer[] _layers;
    private readonly KeyValuePair<string, string>[] _metadata;

    /// <summary>Creates a model and checks that it is consistent.</summary>
    /// <exception cref="ArgumentException">Layers do not chain, a transform has the wrong length, softmax is not last, or a metadata key is invalid.</exception>
    public LumpModel(
        IEnumerable<LumpLayer> layers,
        LumpInputTransform? inputTransform = null,
        LumpOutputTransform? outputTransform = null,
        string? name = null,
        LumpProvenance? provenance = null,
        IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        if (layers is null)
        {
            throw new ArgumentNullException(nameof(layers));
        }

        _layers = layers.ToArray();
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
                    $"Layer {i} takes {_layers[i].InputLength} inputs but layer {i - 1} has {_layers[i - 1].OutputLength} neurons.", nameof(layers));
            }

            if (_layers[i].Activation.Kind == ActivationKind.Softmax && i != _layers.Length - 1)
            {
                throw new ArgumentException($"Layer {i} uses softmax, which is allowed on the final layer only.", nameof(layers));
            }
        }

        if (inputTransform is not null && inputTransform.Length != _layers[0].InputLength)
        {
            throw new ArgumentException(
                $"The input transform has {inputTransform.Length} values but the network takes {_layers[0].InputLength} inputs.", nameof(inputTransform));
        }

        if (outputTransform is not null && outputTransform.Length != _layers[_layers.Length - 1].OutputLength)
        {
            throw new ArgumentException(
                $"The output transform has {outputTransform.Length} values but the network has {_layers[_layers.Length - 1].OutputLength} outputs.", nameof(outputTransform));
        }

        if (name is not null && !LumpNames.IsValidName(name))
        {
            throw new ArgumentException($"Model name '{name}' must be 1–200 characters without control characters.", nameof(name));
        }

        _metadata = metadata?.ToArray() ?? Array.Empty<KeyValuePair<string, string>>();
        foreach (var pair in _metadata)
        {
            if (!LumpNames.IsValidKey(pair.Key))
            {
                throw new ArgumentException($"Metadata key '{pair.Key}' must be 1–100 characters of A–Z, a–z, 0–9, '_', '-', '.'.", nameof(metadata));
            }

            if (pair.Value is null)
            {
                throw new ArgumentException($"Metadata value of '{pair.Key}' is null.", nameof(metadata));
            }
        }

        if (provenance is not null)
        {
            if (provenance.SourceSha256 is not null && !LumpNames.IsSha256(provenance.SourceSha256))
            {
                throw new ArgumentException("SourceSha256 must be 64 lower-case hex digits.", nameof(provenance));
            }

            if (provenance.Epsilon is double eps && (double.IsNaN(eps) || double.IsInfinity(eps) || eps < 0))
            {
                throw new ArgumentException("Epsilon must be finite and ≥ 0.", nameof(provenance));
            }

            if (provenance.OriginalParameterCount is long count && count < 0)
            {
                throw new ArgumentException("OriginalParameterCount must be ≥ 0.", nameof(provenance));
            }

            if (provenance.Quotient is not null && !LumpNames.IsValidKey(provenance.Quotient))
            {
                throw new ArgumentException("Quotient must be a single word.", nameof(provenance));
            }
        }

        InputTransform = inputTransform;
        OutputTransform = outputTransform;
        Name = name;
        Provenance = provenance ?? new LumpProvenance();
    }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<LumpLayer> Layers => _layers;

    /// <summary>x' = (x − mean)/scale before the first layer, or null.</summary>
    public LumpInputTransform? InputTransform { get; }

    /// <summary>y' = y·scale + offset after the last layer, or null.</summary>
    public LumpOutputTransform? OutputTransform { get; }

    /// <summary>A human-readable model name, or null.</summary>
    public string? Name { get; }

    /// <summary>Where the model came from.</summary>
    public LumpProvenance Provenance { get; }

    /// <summary>Free key/value pairs, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata => _metadata;

    /// <summary>Inputs of the first layer.</summary>
    public int InputLength => _layers[0].InputLength;

    /// <summary>Neurons of the last layer.</summary>
    public int OutputLength => _layers[_layers.Length - 1].OutputLength;

    /// <summary>Σ over layers of weights plus biases (transforms are not counted).</summary>
    public long ParameterCount
    {
        get
        {
            long total = 0;
            foreach (var layer in _layers)
            {
                total += layer.ParameterCount;
            }

            return total;
        }
    }
}
