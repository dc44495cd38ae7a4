using Onnx;

namespace LumpGen.Onnx.Import;

/// <summary>
/// Evaluates nodes whose inputs are all constants (Constant, shape arithmetic, weight reshapes and
/// transposes, constant MatMul). Sizes are bounded by <see cref="Shapes.MaxElements"/>.
/// </summary>
internal static class ConstantFolder
{
    private static readonly HashSet<string> s_operators =
    [
        "Constant", "Identity", "Dropout", "Cast", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose",
        "Concat", "Gather", "Shape", "Add", "Sub", "Mul", "Div", "Neg", "Sqrt", "Reciprocal", "MatMul",
    ];

    public static bool Supports(string opType) => s_operators.Contains(opType);

    public static ConstantTensor Fold(OnnxNode node, ConstantTensor?[] inputs, long opset, Func<TensorProto, ConstantTensor> read)
    {
        ConstantTensor In(int i) => i < inputs.Length && inputs[i] is { } t
            ? t
            : throw node.Fail(OnnxErrorKind.InvalidValue, $"input #{i} is missing.");

        bool marked = inputs.Any(i => i?.HasBatchMarker == true);
        if (marked && node.OpType is not ("Identity" or "Cast" or "Reshape" or "Squeeze" or "Unsqueeze" or "Concat" or "Gather"))
        {
            throw node.Fail(
                OnnxErrorKind.UnsupportedUsage,
                "computes with the batch size of the input; only copying it into a target shape (PyTorch's x.view(x.size(0), -1)) is supported.");
        }

        switch (node.OpType)
        {
            case "Constant":
                return ConstantNode(node, read);
            case "Identity" or "Dropout":
                return In(0);
            case "Cast":
                return Cast(node, In(0));
            case "Reshape":
                return Reshape(node, In(0), opset < 5 ? ConstantTensor.Vector(node.GetInts("shape") ?? []) : In(1), opset >= 14 && node.GetInt("allowzero", 0) != 0);
            case "Flatten":
                {
                    var x = In(0);
                    int axis = Shapes.NormalizeAxis(node.GetInt("axis", 1), x.Rank, allowEnd: true);
                    if (axis < 0)
                    {
                        throw node.Fail(OnnxErrorKind.InvalidValue, "the axis is out of range.");
                    }

                    return new ConstantTensor([Shapes.Product(x.Dims.AsSpan(0, axis)), Shapes.Product(x.Dims.AsSpan(axis))], x.Values, x.IsInteger);
                }

            case "Squeeze" or "Unsqueeze":
                return SqueezeOrUnsqueeze(node, In(0), opset < 13 ? node.GetInts("axes") : inputs.Length > 1 && inputs[1] is { } a ? [.. a.Values.Select(v => (long)v)] : null);
            case "Transpose":
                {
                    var x = In(0);
                    int[] perm = Permutation(node, x.Rank);
                    int[] index = TransposeIndex(x.Dims, perm);
                    return new ConstantTensor([.. perm.Select(p => x.Dims[p])], [.. index.Select(i => x.Values[i])], x.IsInteger);
                }

            case "Concat":
                return Concat(node, [.. inputs.Where(i => i is not null)!]);
            case "Gather":
                return Gather(node, In(0), In(1));
            case "Shape":
                {
                    var x = In(0);
                    var (start, end) = ShapeRange(node, x.Rank, opset);
                    return ConstantTensor.Vector(x.Dims[start..end]);
                }

            case "Add" or "Sub" or "Mul" or "Div":
                return Binary(node, In(0), In(1));
            case "Neg":
                return Unary(In(0), v => -v);
            case "Sqrt":
                return Unary(In(0), Math.Sqrt);
            case "Reciprocal":
                return Unary(In(0), v => 1.0 / v);
            case "MatMul":
                return MatMul(node, In(0), In(1));
            default:
                throw node.Fail(
                    OnnxErrorKind.UnsupportedOperator,
                    "this operator is not supported (here all its inputs are constants). Supported operators: " + OnnxOperators.SupportedText);
        }
    }

    private static ConstantTensor ConstantNode(OnnxNode node, Func<TensorProto, ConstantTensor> read)
    {
        if (node.Attribute("value") is { } value)
        {
            if (value.T is null)
            {
                throw node.Fail(OnnxErrorKind.InvalidValue, "the value attribute holds no tensor.");
            }

            return read(value.T);
        }

        if (node.Attribute("value_float") is not null)
        {
            return ConstantTensor.Scalar(node.GetFloat("value_float", 0));
        }

        if (node.GetFloats("value_floats") is { } floats)
        {
            return new ConstantTensor([floats.Length], [.. floats.Select(f => (double)f)], false);
        }

        if (node.Attribute("value_int") is not null)
        {
            return ConstantTensor.Scalar(node.GetInt("value_int", 0), isInteger: true);
        }

        if (node.GetInts("value_ints") is { } ints)
        {
            return ConstantTensor.Vector(ints);
        }

        throw node.Fail(OnnxErrorKind.UnsupportedUsage, "the Constant holds no numeric dense tensor (sparse and string constants are not supported).");
    }

    private static ConstantTensor Cast(OnnxNode node, ConstantTensor x)
    {
        var to = (TensorProto.Types.DataType)node.GetInt("to", 1);
        return to switch
        {
            TensorProto.Types.DataType.Float => new(x.Dims, [.. x.Values.Select(v => (double)(float)v)], false),
            TensorProto.Types.DataType.Double => new(x.Dims, x.Values, false),
            TensorProto.Types.DataType.Float16 => new(x.Dims, [.. x.Values.Select(v => (double)(Half)v)], false),
            TensorProto.Types.DataType.Int64 or TensorProto.Types.DataType.Int32 =>
                new(x.Dims, [.. x.Values.Select(v => double.IsNaN(v) ? v : Math.Truncate(v))], true, x.HasBatchMarker),
            TensorProto.Types.DataType.Bool => new(x.Dims, [.. x.Values.Select(v => v != 0 ? 1.0 : 0.0)], true),
            _ => throw node.Fail(OnnxErrorKind.UnsupportedUsage, $"casting a constant to {TensorReader.TypeName((int)to)} is not supported."),
        };
    }

    private static ConstantTensor Reshape(OnnxNode node, ConstantTensor x, ConstantTensor target, bool allowZero)
    {
        var spec = ReshapeSpec.Parse(node, target, allowZero, x.Dims, -1);
        long[] dims = spec.Dims;
        if (spec.InferAt >= 0)
        {
            dims[spec.InferAt] = spec.Infer(node, x.Count);
        }
        else if (spec.Known != x.Count)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"a constant of shape {Shapes.Format(x.Dims)} cannot be reshaped to {Shapes.Format(dims)}.");
        }

        return new ConstantTensor(dims, x.Values, x.IsInteger, x.HasBatchMarker);
    }

    private static ConstantTensor SqueezeOrUnsqueeze(OnnxNode node, ConstantTensor x, long[]? axes)
    {
        if (node.OpType == "Squeeze")
        {
            var remove = axes is null
                ? Enumerable.Range(0, x.Rank).Where(i => x.Dims[i] == 1).ToHashSet()
                : axes.Select(a => Shapes.NormalizeAxis(a, x.Rank)).ToHashSet();
            if (remove.Any(a => a < 0 || x.Dims[a] != 1))
            {
                throw node.Fail(OnnxErrorKind.InvalidValue, $"the axes cannot be squeezed from {Shapes.Format(x.Dims)}.");
            }

            return new ConstantTensor([.. x.Dims.Where((_, i) => !remove.Contains(i))], x.Values, x.IsInteger, x.HasBatchMarker);
        }

        if (axes is null || x.Rank + axes.Length > Shapes.MaxRank)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "the axes are missing or make the rank too large.");
        }

        int rank = x.Rank + axes.Length;
        var inserted = axes.Select(a => Shapes.NormalizeAxis(a, rank)).ToHashSet();
        if (inserted.Contains(-1) || inserted.Count != axes.Length)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "the axes are out of range or repeated.");
        }

        var dims = new long[rank];
        for (int i = 0, source = 0; i < rank; i++)
        {
            dims[i] = inserted.Contains(i) ? 1 : x.Dims[source++];
        }

        return new ConstantTensor(dims, x.Values, x.IsInteger, x.HasBatchMarker);
    }

    private static ConstantTensor Concat(OnnxNode node, ConstantTensor[] parts)
    {
        if (parts.Length == 0)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "Concat has no inputs.");
        }

        int rank = parts[0].Rank;
        int axis = Shapes.NormalizeAxis(node.GetInt("axis", 0), rank);
        if (axis < 0 || parts.Any(p => p.Rank != rank || Enumerable.Range(0, rank).Any(i => i != axis && p.Dims[i] != parts[0].Dims[i])))
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "the inputs' shapes do not fit the concatenation axis.");
        }

        long outer = Shapes.Product(parts[0].Dims.AsSpan(0, axis));
        long inner = Shapes.Product(parts[0].Dims.AsSpan(axis + 1));
        long[] dims = [.. parts[0].Dims];
        dims[axis] = parts.Sum(p => p.Dims[axis]);
        if (Shapes.Product(dims) < 0)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "the result is too large.");
        }

        var values = new List<double>();
        for (long o = 0; o < outer; o++)
        {
            foreach (var p in parts)
            {
                long block = p.Dims[axis] * inner;
                values.AddRange(p.Values.AsSpan((int)(o * block), (int)block).ToArray());
            }
        }

        return new ConstantTensor(dims, [.. values], parts.All(p => p.IsInteger), parts.Any(p => p.HasBatchMarker));
    }

    private static ConstantTensor Gather(OnnxNode node, ConstantTensor data, ConstantTensor indices)
    {
        int axis = Shapes.NormalizeAxis(node.GetInt("axis", 0), data.Rank);
        if (axis < 0 || !indices.IsInteger || indices.HasBatchMarker)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "the axis is out of range or the indices are not integers.");
        }

        long size = data.Dims[axis];
        long outer = Shapes.Product(data.Dims.AsSpan(0, axis));
        long inner = Shapes.Product(data.Dims.AsSpan(axis + 1));
        long[] dims = [.. data.Dims[..axis], .. indices.Dims, .. data.Dims[(axis + 1)..]];
        if (dims.Length > Shapes.MaxRank || Shapes.Product(dims) < 0)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "the result is too large.");
        }

        var values = new List<double>();
        for (long o = 0; o < outer; o++)
        {
            foreach (double raw in indices.Values)
            {
                long index = raw < 0 ? (long)raw + size : (long)raw;
                if (index < 0 || index >= size)
                {
                    throw node.Fail(OnnxErrorKind.InvalidValue, $"index {raw} is out of range for a dimension of size {size}.");
                }

                values.AddRange(data.Values.AsSpan((int)(((o * size) + index) * inner), (int)inner).ToArray());
            }
        }

        return new ConstantTensor(dims, [.. values], data.IsInteger, values.Any(double.IsNaN) && data.HasBatchMarker);
    }

    private static ConstantTensor Binary(OnnxNode node, ConstantTensor a, ConstantTensor b)
    {
        long[] dims = Shapes.Broadcast(a.Dims, b.Dims)
            ?? throw node.Fail(OnnxErrorKind.InvalidValue, $"shapes {Shapes.Format(a.Dims)} and {Shapes.Format(b.Dims)} do not broadcast.");
        int[] ia = Shapes.BroadcastIndex(a.Dims, dims);
        int[] ib = Shapes.BroadcastIndex(b.Dims, dims);
        bool integer = a.IsInteger && b.IsInteger;
        Func<double, double, double> f = node.OpType switch
        {
            "Add" => (x, y) => x + y,
            "Sub" => (x, y) => x - y,
            "Mul" => (x, y) => x * y,
            _ when integer => (x, y) => y == 0
                ? throw node.Fail(OnnxErrorKind.InvalidValue, "integer division by zero.")
                : Math.Truncate(x / y),
            _ => (x, y) => x / y,
        };
        var values = new double[ia.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = f(a.Values[ia[i]], b.Values[ib[i]]);
        }

        return new ConstantTensor(dims, values, integer);
    }

    private static ConstantTensor Unary(ConstantTensor x, Func<double, double> f) => new(x.Dims, [.. x.Values.Select(f)], false);

    private static ConstantTensor MatMul(OnnxNode node, ConstantTensor a, ConstantTensor b)
    {
        if (a.Rank is < 1 or > 2 || b.Rank is < 1 or > 2)
        {
            throw node.Fail(OnnxErrorKind.UnsupportedUsage, "only 1-D and 2-D constant matrix products are supported.");
        }

        long m = a.Rank == 2 ? a.Dims[0] : 1;
        long k = a.Dims[^1];
        long kb = b.Dims[0];
        long n = b.Rank == 2 ? b.Dims[1] : 1;
        if (k != kb || m * n > Shapes.MaxElements || m * n * k > 1L << 32)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"cannot multiply {Shapes.Format(a.Dims)} by {Shapes.Format(b.Dims)}.");
        }

        var values = new double[m * n];
        for (long i = 0; i < m; i++)
        {
            for (long j = 0; j < n; j++)
            {
                double sum = 0;
                for (long l = 0; l < k; l++)
                {
                    sum += a.Values[(i * k) + l] * b.Values[(l * n) + j];
                }

                values[(i * n) + j] = sum;
            }
        }

        long[] dims = [.. (a.Rank == 2 ? new[] { m } : []), .. (b.Rank == 2 ? new[] { n } : [])];
        return new ConstantTensor(dims, values, false);
    }

    /// <summary>The Transpose permutation (default: reversed axes), validated.</summary>
    public static int[] Permutation(OnnxNode node, int rank)
    {
        long[]? perm = node.GetInts("perm");
        if (perm is null)
        {
            return [.. Enumerable.Range(0, rank).Reverse()];
        }

        if (perm.Length != rank || perm.Any(p => p < 0 || p >= rank) || perm.Distinct().Count() != rank)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"perm [{string.Join(",", perm)}] is not a permutation of {rank} axes.");
        }

        return [.. perm.Select(p => (int)p)];
    }

    /// <summary>For each element of the transposed tensor (row-major), the flat index of its source.</summary>
    public static int[] TransposeIndex(long[] dims, int[] perm)
    {
        long[] strides = Shapes.Strides(dims);
        long[] outDims = [.. perm.Select(p => dims[p])];
        int count = (int)Shapes.Product(outDims);
        var index = new int[count];
        var position = new long[perm.Length];
        for (int flat = 0; flat < count; flat++)
        {
            long source = 0;
            for (int axis = 0; axis < perm.Length; axis++)
            {
                source += position[axis] * strides[perm[axis]];
            }

            index[flat] = (int)source;
            for (int axis = perm.Length - 1; axis >= 0; axis--)
            {
                if (++position[axis] < outDims[axis])
                {
                    break;
                }

                position[axis] = 0;
            }
        }

        return index;
    }

    /// <summary>The [start, end) range of Shape (opset 15 adds start/end attributes).</summary>
    public static (int Start, int End) ShapeRange(OnnxNode node, int rank, long opset)
    {
        if (opset < 15)
        {
            return (0, rank);
        }

        long start = Math.Clamp(node.GetInt("start", 0), -rank, rank);
        long end = Math.Clamp(node.GetInt("end", rank), -rank, rank);
        int s = (int)(start < 0 ? start + rank : start);
        int e = (int)(end < 0 ? end + rank : end);
        return (s, Math.Max(s, e));
    }
}
