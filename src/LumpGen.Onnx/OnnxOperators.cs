namespace LumpGen.Onnx;

/// <summary>The operators the importer understands, and the families it refuses by name (docs/onnx.md has the full table).</summary>
public static class OnnxOperators
{
    /// <summary>Operators that make dense layers, their activations, or fold into them.</summary>
    public static IReadOnlyList<string> Supported { get; } =
    [
        "Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Neg",
        "Relu", "LeakyRelu", "Tanh", "Sigmoid", "Softplus", "Elu", "Gelu", "Softmax",
        "BatchNormalization", "Flatten", "Reshape", "Squeeze", "Unsqueeze", "Identity", "Dropout", "Cast", "Concat",
        "Constant", "Shape", "Gather", "Transpose", "Sqrt", "Reciprocal",
        "ai.onnx.ml Scaler",
    ];

    /// <summary>scikit-learn classifier tails that are dropped with a notice (the probabilities are kept).</summary>
    public static IReadOnlyList<string> DroppedTails { get; } = ["ArgMax", "ai.onnx.ml ArrayFeatureExtractor", "ai.onnx.ml ZipMap", "ai.onnx.ml Binarizer"];

    /// <summary>The list as it appears in error messages.</summary>
    public static string SupportedText =>
        string.Join(", ", Supported) + "; dropped classifier tails: " + string.Join(", ", DroppedTails) +
        ". Gather, Transpose, Sqrt and Reciprocal only on constants and shapes.";

    /// <summary>A phrase for operator families that are refused by design, or null for other unsupported operators.</summary>
    internal static string? RefusedFamily(string opType) => opType switch
    {
        "Conv" or "ConvTranspose" or "ConvInteger" or "QLinearConv" or "DeformConv" =>
            "convolutions are not supported: LumpGen compresses fully connected networks (MLPs)",
        "MaxPool" or "AveragePool" or "GlobalAveragePool" or "GlobalMaxPool" or "LpPool" or "GlobalLpPool" or "MaxRoiPool" or "MaxUnpool" =>
            "pooling belongs to convolutional networks, which are not supported: LumpGen compresses fully connected networks (MLPs)",
        "RNN" or "GRU" or "LSTM" =>
            "recurrent layers are not supported: LumpGen compresses feed-forward networks",
        "If" or "Loop" or "Scan" =>
            "control flow (subgraphs) is not supported: LumpGen imports a single chain of layers",
        "QuantizeLinear" or "DequantizeLinear" or "DynamicQuantizeLinear" or "QLinearMatMul" or "MatMulInteger" =>
            "quantized operators are not supported: export the float model",
        _ => null,
    };
}
