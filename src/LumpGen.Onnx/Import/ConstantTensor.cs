namespace LumpGen.Onnx.Import;

/// <summary>
/// A tensor known at import time (an initializer, a <c>Constant</c> node, or a folded expression of
/// those). Values are held as double, whatever the stored type: float32/float64/float16 weights and
/// integer shapes all fit exactly (integers up to 2^53).
/// </summary>
internal sealed class ConstantTensor
{
    public ConstantTensor(long[] dims, double[] values, bool isInteger, bool hasBatchMarker = false)
    {
        Dims = dims;
        Values = values;
        IsInteger = isInteger;
        HasBatchMarker = hasBatchMarker;
    }

    /// <summary>The dimensions, row-major; empty for a scalar.</summary>
    public long[] Dims { get; }

    /// <summary>The values, row-major. In a shape tensor with <see cref="HasBatchMarker"/>, NaN stands for the batch size.</summary>
    public double[] Values { get; }

    /// <summary>True for integer and boolean element types (shapes, axes, flags).</summary>
    public bool IsInteger { get; }

    /// <summary>
    /// True when the tensor is (part of) the shape of the input and one entry is the symbolic batch size,
    /// as produced by <c>Shape</c> in PyTorch's <c>x.view(x.size(0), -1)</c> pattern.
    /// </summary>
    public bool HasBatchMarker { get; }

    public int Rank => Dims.Length;

    public int Count => Values.Length;

    public static ConstantTensor Scalar(double value, bool isInteger = false) => new([], [value], isInteger);

    public static ConstantTensor Vector(long[] values) => new([values.Length], [.. values.Select(v => (double)v)], isInteger: true);
}
