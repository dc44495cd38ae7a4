using System.Globalization;

namespace LumpGen.Onnx;

/// <summary>
/// Keys of the ONNX <c>metadata_props</c> that <see cref="OnnxExporter"/> writes and <see cref="OnnxImporter"/>
/// reads back, so <c>.lump → .onnx → .lump</c> keeps the provenance.
/// </summary>
public static class OnnxMetadataKeys
{
    /// <summary>The <c>producer_name</c> of exported models.</summary>
    public const string Producer = "LumpGen";

    /// <summary>The network's name.</summary>
    public const string Name = "lumpgen.name";

    /// <summary>The lumping tolerance ε (ERODE convention), round-trip format.</summary>
    public const string Epsilon = "lumpgen.epsilon";

    /// <summary>Weights + biases before compression.</summary>
    public const string OriginalParameterCount = "lumpgen.original_parameter_count";

    /// <summary>Weights + biases of the exported network.</summary>
    public const string ParameterCount = "lumpgen.parameter_count";

    /// <summary>SHA-256 of the model file the network came from.</summary>
    public const string SourceSha256 = "lumpgen.source_sha256";

    /// <summary>How reduced layers were built (<c>rep</c>, <c>mean</c>).</summary>
    public const string Quotient = "lumpgen.quotient";

    /// <summary>Prefix of the free key/value properties of <see cref="Model.NetworkMetadata"/>.</summary>
    public const string PropertyPrefix = "lumpgen.property.";

    /// <summary>The partition of layer <paramref name="layer"/> (original neuron → neuron), comma-separated.</summary>
    public static string Partition(int layer) => "lumpgen.partition." + layer.ToString(CultureInfo.InvariantCulture);
}
