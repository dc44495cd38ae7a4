namespace LumpGen.Onnx.Import;

/// <summary>Elementwise affine operations with constants (Add, Sub, Mul, Div, Neg, BatchNormalization, Scaler) and Concat.</summary>
internal sealed partial class OnnxGraphImporter
{
    private object Binary(OnnxNode node, object?[] inputs)
    {
        RequireLatest(node, inputs);
        if (inputs.Length != 2 || inputs[0] is null || inputs[1] is null)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"{node.OpType} needs two inputs.");
        }

        if (inputs[0] is DynamicValue a && inputs[1] is DynamicValue b)
        {
            return CombineDynamic(node, a, b);
        }

        bool dynamicFirst = inputs[0] is DynamicValue;
        var x = (DynamicValue)(dynamicFirst ? inputs[0] : inputs[1])!;
        var c = Constant(node, inputs, dynamicFirst ? 1 : 0, "constant operand")!;
        c = LegacyBroadcast(node, c, x);
        switch (node.OpType)
        {
            case "Add":
                return Elementwise(node, x, null, c);
            case "Mul":
                return Elementwise(node, x, c, null);
            case "Sub" when dynamicFirst:
                return Elementwise(node, x, null, Map(c, v => -v));
            case "Sub":
                return Elementwise(node, x, ConstantTensor.Scalar(-1), c);
            case "Div" when dynamicFirst:
                if (c.Values.Any(v => v == 0))
                {
                    throw node.Fail(OnnxErrorKind.InvalidValue, "the divisor contains zeros.");
                }

                return Elementwise(node, x, Map(c, v => 1.0 / v), null);
            default:
                throw node.Fail(
                    OnnxErrorKind.UnsupportedUsage,
                    "a constant is divided by the computed tensor: a reciprocal is not an affine map, so it is not part of a dense layer.");
        }
    }

    private static ConstantTensor Map(ConstantTensor c, Func<double, double> f) => new(c.Dims, [.. c.Values.Select(f)], false);

    /// <summary>Opset ≤ 6 Add/Mul/… with <c>broadcast=1, axis=k</c> align the constant's dimensions at axis k instead of at the end.</summary>
    private ConstantTensor LegacyBroadcast(OnnxNode node, ConstantTensor c, DynamicValue x)
    {
        if (_opset >= 7 || node.GetInt("broadcast", 0) == 0 || node.Attribute("axis") is null)
        {
            return c;
        }

        int axis = Shapes.NormalizeAxis(node.GetInt("axis", 0), x.Rank);
        int trailing = x.Rank - axis - c.Rank;
        if (axis < 0 || trailing < 0)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"legacy broadcast axis {node.GetInt("axis", 0)} does not fit shape {Shapes.Format(c.Dims)} into {x.ShapeText}.");
        }

        return new ConstantTensor([.. c.Dims, .. Enumerable.Repeat(1L, trailing)], c.Values, c.IsInteger);
    }

    /// <summary>x + y or x − y for two tensors computed from the same base: still one affine map.</summary>
    private DynamicValue CombineDynamic(OnnxNode node, DynamicValue a, DynamicValue b)
    {
        if (node.OpType is not ("Add" or "Sub"))
        {
            throw node.Fail(
                OnnxErrorKind.UnsupportedGraph,
                $"both operands ('{node.Input(0)}' and '{node.Input(1)}') are computed from the graph input: an input-dependent product or quotient is not a dense layer.");
        }

        if (!a.Shape.AsSpan().SequenceEqual(b.Shape) || a.BatchAxis != b.BatchAxis)
        {
            throw node.Fail(OnnxErrorKind.UnsupportedUsage, $"the operands have different shapes ({a.ShapeText} and {b.ShapeText}).");
        }

        var map = a.Map.Combine(b.Map, node.OpType == "Add" ? 1.0 : -1.0);
        return new DynamicValue(a.BaseId, map, a.Shape, a.BatchAxis, a.HasLinear || b.HasLinear, node);
    }

    /// <summary>y = scale·x + shift with broadcasting constants (either may be null).</summary>
    private DynamicValue Elementwise(OnnxNode node, DynamicValue x, ConstantTensor? scale, ConstantTensor? shift)
    {
        RequireLatest(x, node, node.Input(0));
        long[] shape = x.Shape;
        foreach (var c in new[] { scale, shift })
        {
            if (c is not null)
            {
                shape = Shapes.Broadcast(shape, c.Dims)
                    ?? throw node.Fail(OnnxErrorKind.InvalidValue, $"the constant of shape {Shapes.Format(c.Dims)} does not broadcast with {x.ShapeText}.");
            }
        }

        int batch = x.BatchAxis < 0 ? -1 : x.BatchAxis + (shape.Length - x.Rank);
        if (batch >= 0 && shape[batch] != 1)
        {
            throw node.Fail(
                OnnxErrorKind.UnsupportedUsage,
                $"the constant varies along the batch dimension (it broadcasts {x.ShapeText} to {Shapes.Format(shape)}); only per-feature constants are supported.");
        }

        var map = x.Map;
        bool expanded = Shapes.Product(shape) != x.FeatureCount;
        if (expanded || shape.Length != x.Rank)
        {
            map = map.Gather(Shapes.BroadcastIndex(x.Shape, shape));
        }

        double[]? a = scale is null ? null : ExpandConstant(node, scale, shape, batch, "constant");
        double[]? b = shift is null ? null : ExpandConstant(node, shift, shape, batch, "constant");
        if (x.BaseId == _layers.Count && !x.HasLinear)
        {
            _pendingElementwise.Add(node.Description);
        }

        return new DynamicValue(x.BaseId, map.ScaleShift(a, b), shape, batch, x.HasLinear, node)
        {
            Trailing = x.HasLinear && !expanded ? Trail(x, a, b, node) : null,
        };
    }

    /// <summary>Composes y = a·(s·z + c) + b onto the elementwise operations that follow the last linear step.</summary>
    private static TrailingElementwise Trail(DynamicValue x, double[]? a, double[]? b, OnnxNode node)
    {
        int n = x.FeatureCount;
        var t = x.Trailing ?? new TrailingElementwise(x.Map, [.. Enumerable.Repeat(1.0, n)], new double[n], []);
        var scale = new double[n];
        var shift = new double[n];
        for (int i = 0; i < n; i++)
        {
            double ai = a?[i] ?? 1.0;
            scale[i] = ai * t.Scale[i];
            shift[i] = (ai * t.Shift[i]) + (b?[i] ?? 0.0);
        }

        return new TrailingElementwise(t.Linear, scale, shift, [.. t.Operations, node.Description]);
    }

    /// <summary>The values of <paramref name="c"/> broadcast (unidirectionally) to <paramref name="shape"/>, refusing constants that vary along the batch.</summary>
    private static double[] ExpandConstant(OnnxNode node, ConstantTensor c, long[] shape, int batchAxis, string what)
    {
        if (!Shapes.BroadcastsTo(c.Dims, shape))
        {
            int aligned = batchAxis - (shape.Length - c.Rank);
            string reason = batchAxis >= 0 && aligned >= 0 && c.Dims[aligned] != 1
                ? "it varies along the batch dimension; only per-feature constants are supported"
                : "it does not broadcast to the tensor";
            throw node.Fail(OnnxErrorKind.UnsupportedUsage, $"the {what} has shape {Shapes.Format(c.Dims)} and the tensor {Shapes.Format(shape, batchAxis)}: {reason}.");
        }

        int[] index = Shapes.BroadcastIndex(c.Dims, shape);
        var values = new double[index.Length];
        for (int i = 0; i < index.Length; i++)
        {
            values[i] = c.Values[index[i]];
        }

        return values;
    }

    /// <summary>Inference-mode batch normalisation: y = γ·(x − μ)/√(σ² + ε) + β per channel (axis 1).</summary>
    private object BatchNormalization(OnnxNode node, object?[] inputs)
    {
        var x = Dynamic(node, inputs, 0);
        if (node.GetInt("training_mode", 0) != 0)
        {
            throw node.Fail(OnnxErrorKind.UnsupportedUsage, "training_mode=1 computes batch statistics; only inference mode is supported.");
        }

        if (x.Rank < 2)
        {
            throw node.Fail(OnnxErrorKind.UnsupportedUsage, $"the input has shape {x.ShapeText}; batch normalisation needs [N, C, …].");
        }

        if (_opset < 9 && node.GetInt("spatial", 1) == 0 && x.Rank > 2)
        {
            throw node.Fail(OnnxErrorKind.UnsupportedUsage, "spatial=0 (per-element statistics) is not supported.");
        }

        int channels = (int)x.Shape[1];
        string[] names = ["scale", "bias B", "mean", "variance"];
        var parameters = new ConstantTensor[4];
        for (int i = 0; i < 4; i++)
        {
            parameters[i] = Constant(node, inputs, i + 1, names[i])
                ?? throw node.Fail(OnnxErrorKind.InvalidValue, $"the {names[i]} input is missing.");
            if (parameters[i].Count != channels)
            {
                throw node.Fail(OnnxErrorKind.InvalidValue, $"the {names[i]} has {parameters[i].Count} values for {channels} channels.");
            }
        }

        double epsilon = node.GetFloat("epsilon", 1e-5f);
        var scale = new double[channels];
        var shift = new double[channels];
        for (int ch = 0; ch < channels; ch++)
        {
            scale[ch] = parameters[0].Values[ch] / Math.Sqrt(parameters[3].Values[ch] + epsilon);
            shift[ch] = parameters[1].Values[ch] - (parameters[2].Values[ch] * scale[ch]);
        }

        long[] dims = [channels, .. Enumerable.Repeat(1L, x.Rank - 2)];
        return Elementwise(node, x, new ConstantTensor(dims, scale, false), new ConstantTensor(dims, shift, false));
    }

    /// <summary>scikit-learn's StandardScaler as ai.onnx.ml Scaler: y = (x − offset)·scale along the last axis.</summary>
    private DynamicValue Scaler(OnnxNode node, DynamicValue x)
    {
        if (node.OpType != "Scaler")
        {
            throw node.Fail(OnnxErrorKind.UnsupportedOperator, "this ai.onnx.ml operator is not supported. Supported operators: " + OnnxOperators.SupportedText);
        }

        float[] offset = node.GetFloats("offset") ?? [0f];
        float[] scale = node.GetFloats("scale") ?? [1f];
        if (offset.Length == 0 || scale.Length == 0)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "offset and scale must not be empty.");
        }

        int n = Math.Max(offset.Length, scale.Length);
        if ((offset.Length != n && offset.Length != 1) || (scale.Length != n && scale.Length != 1))
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"offset has {offset.Length} values and scale {scale.Length}.");
        }

        // (x − o)·s = s·x − o·s, a single value applying to every feature.
        var a = new double[n];
        var b = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = scale[scale.Length == 1 ? 0 : i];
            b[i] = -offset[offset.Length == 1 ? 0 : i] * a[i];
        }

        return Elementwise(node, x, new ConstantTensor([a.Length], a, false), new ConstantTensor([b.Length], b, false));
    }

    /// <summary>Concat of tensors computed from the same base (and constants): one affine map with stacked rows.</summary>
    private object Concat(OnnxNode node, object?[] inputs)
    {
        RequireLatest(node, inputs);
        var first = inputs.OfType<DynamicValue>().First();
        int rank = first.Rank;
        int axis = Shapes.NormalizeAxis(node.GetInt("axis", 1), rank);
        if (axis < 0)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"axis {node.GetInt("axis", 1)} is out of range for rank {rank}.");
        }

        if (axis == first.BatchAxis)
        {
            throw node.Fail(OnnxErrorKind.UnsupportedUsage, "the concatenation runs along the batch dimension.");
        }

        var parts = new List<AffineMap>();
        var sizes = new List<long>();
        bool hasLinear = false;
        foreach (object? input in inputs)
        {
            long[] dims;
            switch (input)
            {
                case DynamicValue d:
                    if (d.BatchAxis != first.BatchAxis)
                    {
                        throw node.Fail(OnnxErrorKind.UnsupportedUsage, $"the inputs have their batch dimension on different axes ({first.ShapeText}, {d.ShapeText}).");
                    }

                    dims = d.Shape;
                    parts.Add(d.Map);
                    hasLinear |= d.HasLinear;
                    break;
                case ConstantTensor c when !c.HasBatchMarker:
                    dims = c.Dims;
                    parts.Add(AffineMap.ConstantOnly(first.Map.InCount, c.Values));
                    break;
                default:
                    throw node.Fail(OnnxErrorKind.UnsupportedUsage, "an input is missing or computed from the batch size.");
            }

            if (dims.Length != rank || Enumerable.Range(0, rank).Any(i => i != axis && dims[i] != first.Shape[i]))
            {
                throw node.Fail(OnnxErrorKind.InvalidValue, $"the inputs' shapes differ outside the concatenation axis ({first.ShapeText}, {Shapes.Format(dims)}).");
            }

            sizes.Add(dims[axis]);
        }

        long outer = Shapes.Product(first.Shape.AsSpan(0, axis));
        long inner = Shapes.Product(first.Shape.AsSpan(axis + 1));
        long total = sizes.Sum();
        long[] shape = [.. first.Shape];
        shape[axis] = total;
        if (Shapes.Product(shape) < 0)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "the concatenated tensor is too large.");
        }

        // Row r of the result is element (o, a, i); it comes from the part holding a, stacked after the earlier parts' rows.
        var stacked = AffineMap.Concatenate(parts);
        var order = new int[outer * total * inner];
        int position = 0;
        for (long o = 0; o < outer; o++)
        {
            long rowOffset = 0;
            foreach (long size in sizes)
            {
                for (long a = 0; a < size; a++)
                {
                    for (long i = 0; i < inner; i++)
                    {
                        order[position++] = (int)(rowOffset + (((o * size) + a) * inner) + i);
                    }
                }

                rowOffset += outer * size * inner;
            }
        }

        return new DynamicValue(first.BaseId, stacked.Gather(order), shape, first.BatchAxis, hasLinear, node);
    }
}
