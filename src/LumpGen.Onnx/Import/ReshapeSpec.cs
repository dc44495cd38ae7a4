namespace LumpGen.Onnx.Import;

/// <summary>A Reshape target decoded against the input: concrete sizes, the −1 to infer, and where the batch size is copied.</summary>
internal sealed class ReshapeSpec
{
    private ReshapeSpec(long[] dims, int inferAt, int batchAt, long known)
    {
        Dims = dims;
        InferAt = inferAt;
        BatchAt = batchAt;
        Known = known;
    }

    /// <summary>Target sizes (1 at <see cref="InferAt"/> and <see cref="BatchAt"/> until resolved).</summary>
    public long[] Dims { get; }

    /// <summary>Index of the −1 entry, or −1.</summary>
    public int InferAt { get; }

    /// <summary>Index of the entry that is the batch size (a 0 copying the input's batch axis, or the marked size from Shape), or −1.</summary>
    public int BatchAt { get; }

    /// <summary>Product of the concrete sizes.</summary>
    public long Known { get; }

    /// <summary>Reads <paramref name="target"/> (ONNX Reshape rules: 0 copies the input dimension unless allowzero, −1 is inferred).</summary>
    public static ReshapeSpec Parse(OnnxNode node, ConstantTensor target, bool allowZero, long[] inputShape, int inputBatchAxis)
    {
        if (target.Rank != 1 || target.Count > Shapes.MaxRank)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"the target shape must be a 1-D tensor of at most {Shapes.MaxRank} sizes; it has shape {Shapes.Format(target.Dims)}.");
        }

        var dims = new long[target.Count];
        int inferAt = -1;
        int batchAt = -1;
        long known = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            double v = target.Values[i];
            if (double.IsNaN(v) && target.HasBatchMarker)
            {
                if (batchAt >= 0)
                {
                    throw node.Fail(OnnxErrorKind.UnsupportedUsage, "the target shape uses the batch size twice.");
                }

                batchAt = i;
                dims[i] = 1;
                continue;
            }

            if (v != Math.Floor(v) || v < -1 || v > Shapes.MaxElements)
            {
                throw node.Fail(OnnxErrorKind.InvalidValue, $"the target shape has the invalid size {v}.");
            }

            long d = (long)v;
            if (d == -1)
            {
                if (inferAt >= 0)
                {
                    throw node.Fail(OnnxErrorKind.InvalidValue, "the target shape has more than one −1.");
                }

                inferAt = i;
                dims[i] = 1;
                continue;
            }

            if (d == 0 && !allowZero)
            {
                if (i >= inputShape.Length)
                {
                    throw node.Fail(OnnxErrorKind.InvalidValue, $"size 0 at position {i} copies a dimension the input (rank {inputShape.Length}) does not have.");
                }

                if (i == inputBatchAxis)
                {
                    if (batchAt >= 0)
                    {
                        throw node.Fail(OnnxErrorKind.UnsupportedUsage, "the target shape uses the batch size twice.");
                    }

                    batchAt = i;
                    dims[i] = 1;
                    continue;
                }

                d = inputShape[i];
            }

            if (d == 0)
            {
                throw node.Fail(OnnxErrorKind.InvalidValue, "the target shape makes an empty tensor.");
            }

            dims[i] = d;
            known *= d;
            if (known > Shapes.MaxElements)
            {
                throw node.Fail(OnnxErrorKind.InvalidValue, "the target shape is too large.");
            }
        }

        if (batchAt >= 0 && inputBatchAxis < 0)
        {
            throw node.Fail(OnnxErrorKind.UnsupportedUsage, "the target shape uses a batch size, but the tensor has none.");
        }

        return new ReshapeSpec(dims, inferAt, batchAt, known);
    }

    /// <summary>The size of the −1 entry for <paramref name="total"/> values.</summary>
    public long Infer(OnnxNode node, long total)
    {
        if (total % Known != 0)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"{total} values cannot be reshaped with the known sizes (product {Known}).");
        }

        return total / Known;
    }
}
