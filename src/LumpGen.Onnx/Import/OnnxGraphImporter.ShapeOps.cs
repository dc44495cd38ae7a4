using Onnx;

namespace LumpGen.Onnx.Import;

/// <summary>Operators that leave the per-sample values alone: Identity, Dropout, Cast, Flatten, Reshape, Squeeze, Unsqueeze, Transpose, Shape.</summary>
internal sealed partial class OnnxGraphImporter
{
    private object Dropout(OnnxNode node, object?[] inputs)
    {
        var x = Dynamic(node, inputs, 0);
        var training = Constant(node, inputs, 2, "training_mode");
        if (training is not null && training.Values.Any(v => v != 0))
        {
            throw node.Fail(OnnxErrorKind.UnsupportedUsage, "training_mode is true; dropout is only a no-op in inference mode.");
        }

        return x;
    }

    private static DynamicValue Cast(OnnxNode node, DynamicValue x)
    {
        long to = node.GetInt("to", (int)TensorProto.Types.DataType.Float);
        if (to is (int)TensorProto.Types.DataType.Float or (int)TensorProto.Types.DataType.Double)
        {
            return x;
        }

        throw node.Fail(
            OnnxErrorKind.UnsupportedUsage,
            $"the computed tensor is cast to {TensorReader.TypeName((int)to)}; only casts to FLOAT or DOUBLE are no-ops LumpGen can drop.");
    }

    /// <summary>Records that from here on the graph is read as if the batch size were 1.</summary>
    private DynamicValue MergeBatch(OnnxNode node, DynamicValue x, long[] shape, string what)
    {
        _notices.Add(
            $"{node.Description} {what} ({x.ShapeText} → {Shapes.Format(shape)}). Row-major order is unchanged, so each sample's values stay " +
            "together; LumpGen reads the graph as ONNX Runtime runs it with batch size 1.");
        return x with { Shape = shape, BatchAxis = -1, Producer = node };
    }

    private DynamicValue Flatten(OnnxNode node, DynamicValue x)
    {
        int axis = Shapes.NormalizeAxis(node.GetInt("axis", 1), x.Rank, allowEnd: true);
        if (axis < 0)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"axis {node.GetInt("axis", 1)} is out of range for rank {x.Rank}.");
        }

        long outer = Shapes.Product(x.Shape.AsSpan(0, axis));
        long inner = Shapes.Product(x.Shape.AsSpan(axis));
        long[] shape = [outer, inner];
        if (x.BatchAxis < 0)
        {
            return x with { Shape = shape, Producer = node };
        }

        if (x.BatchAxis < axis && outer == 1 && Shapes.Product(x.Shape.AsSpan(0, x.BatchAxis)) == 1)
        {
            return x with { Shape = shape, BatchAxis = 0, Producer = node };
        }

        return MergeBatch(node, x, shape, $"flattens the batch dimension together with features (axis={axis})");
    }

    private DynamicValue Reshape(OnnxNode node, DynamicValue x, object?[] inputs)
    {
        ConstantTensor target;
        if (_opset < 5)
        {
            target = ConstantTensor.Vector(node.GetInts("shape") ?? throw node.Fail(OnnxErrorKind.InvalidValue, "the shape attribute is missing."));
        }
        else
        {
            target = inputs.Length > 1 && inputs[1] is ConstantTensor t
                ? t
                : throw node.Fail(OnnxErrorKind.DynamicWeights, "the target shape must be a constant (or computed from the input's shape).");
        }

        bool allowZero = _opset >= 14 && node.GetInt("allowzero", 0) != 0;
        var spec = ReshapeSpec.Parse(node, target, allowZero, x.Shape, x.BatchAxis);
        long features = x.FeatureCount;
        long[] dims = spec.Dims;
        bool leading = x.BatchAxis < 0 || Shapes.Product(x.Shape.AsSpan(0, x.BatchAxis)) == 1;
        if (spec.BatchAt >= 0)
        {
            // The batch size is kept explicitly (a 0 copying it, or x.size(0) from Shape).
            if (spec.InferAt >= 0)
            {
                dims[spec.InferAt] = spec.Infer(node, features);
            }
            else if (spec.Known != features)
            {
                throw ShapeMismatch(node, x, target);
            }

            if (!leading || Shapes.Product(dims.AsSpan(0, spec.BatchAt)) != 1)
            {
                throw node.Fail(OnnxErrorKind.UnsupportedUsage, $"the reshape moves the batch dimension ({x.ShapeText} → {Shapes.Format(dims, spec.BatchAt)}).");
            }

            return x with { Shape = dims, BatchAxis = spec.BatchAt, Producer = node };
        }

        if (spec.InferAt >= 0)
        {
            long rest = spec.Infer(node, features);
            dims[spec.InferAt] = rest;
            if (x.BatchAxis < 0)
            {
                return x with { Shape = dims, Producer = node };
            }

            if (rest == 1 && leading && Shapes.Product(dims.AsSpan(0, spec.InferAt)) == 1)
            {
                return x with { Shape = dims, BatchAxis = spec.InferAt, Producer = node };
            }

            return MergeBatch(node, x, dims, "merges the batch dimension with features");
        }

        if (spec.Known != features)
        {
            throw ShapeMismatch(node, x, target);
        }

        return x.BatchAxis < 0
            ? x with { Shape = dims, Producer = node }
            : MergeBatch(node, x, dims, "fixes the batch size to 1");
    }

    private static OnnxImportException ShapeMismatch(OnnxNode node, DynamicValue x, ConstantTensor target) => node.Fail(
        OnnxErrorKind.InvalidValue,
        $"cannot reshape {x.ShapeText} ({x.FeatureCount} values per sample) to {FormatTarget(target)}.");

    private static string FormatTarget(ConstantTensor target) =>
        "[" + string.Join(",", target.Values.Select(v => double.IsNaN(v) ? "N" : ((long)v).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    private DynamicValue Squeeze(OnnxNode node, DynamicValue x, object?[] inputs)
    {
        long[]? axes = _opset < 13 ? node.GetInts("axes") : Constant(node, inputs, 1, "axes") is { } t ? [.. t.Values.Select(v => (long)v)] : null;
        var remove = new HashSet<int>();
        if (axes is null)
        {
            for (int i = 0; i < x.Rank; i++)
            {
                if (x.Shape[i] == 1)
                {
                    remove.Add(i);
                }
            }
        }
        else
        {
            foreach (long a in axes)
            {
                int axis = Shapes.NormalizeAxis(a, x.Rank);
                if (axis < 0 || x.Shape[axis] != 1)
                {
                    throw node.Fail(OnnxErrorKind.InvalidValue, $"axis {a} of {x.ShapeText} cannot be squeezed.");
                }

                remove.Add(axis);
            }
        }

        long[] shape = [.. x.Shape.Where((_, i) => !remove.Contains(i))];
        if (x.BatchAxis >= 0 && remove.Contains(x.BatchAxis))
        {
            return MergeBatch(node, x, shape, "squeezes the batch dimension away");
        }

        int batch = x.BatchAxis < 0 ? -1 : x.BatchAxis - remove.Count(i => i < x.BatchAxis);
        return x with { Shape = shape, BatchAxis = batch, Producer = node };
    }

    private DynamicValue Unsqueeze(OnnxNode node, DynamicValue x, object?[] inputs)
    {
        long[] axes = (_opset < 13 ? node.GetInts("axes") : Constant(node, inputs, 1, "axes") is { } t ? [.. t.Values.Select(v => (long)v)] : null)
            ?? throw node.Fail(OnnxErrorKind.InvalidValue, "the axes are missing.");
        int rank = x.Rank + axes.Length;
        if (rank > Shapes.MaxRank)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"the result would have rank {rank}.");
        }

        var inserted = new HashSet<int>();
        foreach (long a in axes)
        {
            int axis = Shapes.NormalizeAxis(a, rank);
            if (axis < 0 || !inserted.Add(axis))
            {
                throw node.Fail(OnnxErrorKind.InvalidValue, $"axis {a} is out of range or repeated for an output of rank {rank}.");
            }
        }

        var shape = new long[rank];
        int batch = -1;
        for (int i = 0, source = 0; i < rank; i++)
        {
            if (inserted.Contains(i))
            {
                shape[i] = 1;
                continue;
            }

            if (source == x.BatchAxis)
            {
                batch = i;
            }

            shape[i] = x.Shape[source++];
        }

        return x with { Shape = shape, BatchAxis = batch, Producer = node };
    }

    private DynamicValue Transpose(OnnxNode node, DynamicValue x)
    {
        RequireLatest(x, node, node.Input(0));
        int[] perm = ConstantFolder.Permutation(node, x.Rank);
        long[] shape = [.. perm.Select(p => x.Shape[p])];
        int[] order = ConstantFolder.TransposeIndex(x.Shape, perm);
        int batch = x.BatchAxis < 0 ? -1 : Array.IndexOf(perm, x.BatchAxis);
        return new DynamicValue(x.BaseId, x.Map.Gather(order), shape, batch, x.HasLinear, node);
    }

    /// <summary>Shape of the computed tensor: known, except the batch size, which is marked (PyTorch's x.view(x.size(0), -1)).</summary>
    private ConstantTensor ShapeOf(OnnxNode node, DynamicValue x)
    {
        var values = x.Shape.Select((d, i) => i == x.BatchAxis ? double.NaN : d).ToArray();
        var (start, end) = ConstantFolder.ShapeRange(node, x.Rank, _opset);
        values = values[start..end];
        return new ConstantTensor([values.Length], values, isInteger: true, hasBatchMarker: values.Any(double.IsNaN));
    }
}
