namespace LumpGen.Onnx;

/// <summary>Choices for <see cref="OnnxImporter"/>. The defaults import what the common exporters produce.</summary>
public sealed class OnnxImportOptions
{
    /// <summary>The default options.</summary>
    public static OnnxImportOptions Default { get; } = new();

    /// <summary>
    /// When the graph has several outputs that are not classifier label/ZipMap tails, the name of the one to
    /// import; null (the default) requires a single output.
    /// </summary>
    public string? OutputName { get; init; }

    /// <summary>
    /// True (default): constant elementwise operations on the input before the first dense layer
    /// (<c>Sub</c>, <c>Div</c>, <c>Mul</c>, <c>Add</c>, <c>BatchNormalization</c>, scikit-learn's <c>Scaler</c>)
    /// become the network's <see cref="Model.InputTransform"/>. False: they are folded into the first
    /// layer's weights and bias.
    /// </summary>
    public bool NormalizationAsInputTransform { get; init; } = true;

    /// <summary>Files larger than this are refused before parsing (protobuf itself stops at 2 GiB). Default 1 GiB.</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;
}
