using LumpGen.Format;
using LumpGen.Model;

namespace LumpGen.Onnx.Import;

/// <summary>Activations close layers; the ends of the chain become the input and output transforms.</summary>
internal sealed partial class OnnxGraphImporter
{
    private object Activate(OnnxNode node, DynamicValue x)
    {
        RequireLatest(x, node, node.Input(0));
        Activation activation = node.OpType switch
        {
            "Relu" => Activation.Relu,
            "LeakyRelu" => Activation.LeakyRelu(node.GetFloat("alpha", 0.01f)),
            "Tanh" => Activation.Tanh,
            "Sigmoid" => Activation.Sigmoid,
            "Softplus" => Activation.Softplus,
            "Elu" => Activation.Elu(node.GetFloat("alpha", 1f)),
            "Gelu" => node.GetString("approximate") == "tanh"
                ? Activation.Gelu
                : throw node.Fail(
                    OnnxErrorKind.UnsupportedUsage,
                    "exact (erf) GELU is not supported: LumpGen's gelu is the tanh approximation (export with approximate='tanh')."),
            "Softmax" => SoftmaxActivation(node, x),
            _ => throw new InvalidOperationException("Not an activation: " + node.OpType),
        };

        if (!float.IsFinite(activation.Alpha))
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "the activation parameter alpha is not finite.");
        }

        return CloseLayer(node, x, activation);
    }

    /// <summary>Softmax is accepted when it normalises exactly the features of one sample.</summary>
    private Activation SoftmaxActivation(OnnxNode node, DynamicValue x)
    {
        int rank = x.Rank;
        long axisAttribute = node.GetInt("axis", _opset < 13 ? 1 : -1);
        int axis = Shapes.NormalizeAxis(axisAttribute, rank);
        bool ok;
        if (axis < 0)
        {
            ok = false;
        }
        else if (_opset < 13)
        {
            // Opset ≤ 12 flattens to [∏ dims before axis, ∏ dims from axis] and normalises each row.
            ok = Shapes.Product(x.Shape.AsSpan(0, axis)) == 1 && x.BatchAxis < axis;
        }
        else
        {
            ok = x.Shape[axis] == x.FeatureCount && x.BatchAxis != axis;
        }

        return ok
            ? Activation.Softmax
            : throw node.Fail(
                OnnxErrorKind.UnsupportedUsage,
                $"softmax over axis {axisAttribute} of a tensor of shape {x.ShapeText} does not normalise exactly the features of one sample.");
    }

    /// <summary>Turns the pending linear map of <paramref name="x"/> into a dense layer with <paramref name="activation"/>.</summary>
    private DynamicValue CloseLayer(OnnxNode node, DynamicValue x, Activation activation)
    {
        if (!x.HasLinear)
        {
            throw node.Fail(
                OnnxErrorKind.UnsupportedUsage,
                x.BaseId == 0
                    ? "the activation is applied before any dense layer (Gemm or MatMul); a LumpGen network starts with a dense layer."
                    : $"the activation follows {_layerNodes[x.BaseId - 1].Description} with no dense layer in between; two activations in a row are not one dense layer.");
        }

        if (_layers.Count > 0 && _layers[^1].Activation.Kind == ActivationKind.Softmax)
        {
            throw node.Fail(
                OnnxErrorKind.UnsupportedUsage,
                $"a layer follows the softmax of {_layerNodes[^1].Description}; softmax is supported on the last layer only.");
        }

        var map = x.Map;
        if ((long)map.OutCount * map.InCount > Shapes.MaxElements)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"the layer would have {map.OutCount} × {map.InCount} weights, more than {Shapes.MaxElements}.");
        }

        double[] dense = map.ToDense();
        var weights = new float[dense.Length];
        for (int i = 0; i < dense.Length; i++)
        {
            weights[i] = (float)dense[i];
        }

        var bias = new float[map.OutCount];
        for (int i = 0; i < bias.Length; i++)
        {
            bias[i] = (float)map.Constant[i];
        }

        try
        {
            _layers.Add(new DenseLayer(weights, bias, activation));
        }
        catch (ArgumentException e)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "the layer ending here is invalid: " + Reason(e), e);
        }

        _layerNodes.Add(node);
        _pendingElementwise.Clear();
        return new DynamicValue(_layers.Count, AffineMap.Identity(map.OutCount), x.Shape, x.BatchAxis, false, node);
    }

    /// <summary>Before the first layer: an elementwise affine map becomes the input transform (or stays in the weights).</summary>
    private AffineMap DecideInputTransform(OnnxNode node, AffineMap map)
    {
        if (map.IsIdentity)
        {
            return map;
        }

        string operations = string.Join(", ", _pendingElementwise);
        if (_options.NormalizationAsInputTransform && map.TryGetDiagonal(out double[] scale, out double[] shift))
        {
            // a·x + c = (x − mean) / s with s = 1/a and mean = −c/a.
            var mean = new float[scale.Length];
            var divisor = new float[scale.Length];
            for (int j = 0; j < scale.Length; j++)
            {
                mean[j] = (float)(-shift[j] / scale[j]);
                divisor[j] = (float)(1.0 / scale[j]);
            }

            try
            {
                _inputTransform = new InputTransform(mean, divisor);
                _notices.Add($"Folded the input normalisation ({operations}) into the input transform x' = (x − mean) / scale.");
                return AffineMap.Identity(map.InCount);
            }
            catch (ArgumentException)
            {
                // Not representable as (x − mean)/scale in float32 (e.g. a tiny factor): keep it in the weights.
            }
        }

        _notices.Add($"Folded the operations before the first dense layer ({operations}) into the weights and bias of {node.Description}.");
        return map;
    }

    /// <summary>Ends the chain at the graph output: a pending linear map becomes a last identity layer, an elementwise one the output transform.</summary>
    private void Finish(DynamicValue value, string output)
    {
        var producer = value.Producer;
        if (value.BaseId != _layers.Count)
        {
            throw Fail(
                OnnxErrorKind.UnsupportedGraph,
                $"the graph branches: the output '{output}' was computed before {_layerNodes[^1].Description}, which starts another layer. LumpGen imports a single chain of layers.");
        }

        if (value.HasLinear)
        {
            // Gemm → Mul → Add at the very end (as the exporter writes an output transform): keep the scaling
            // out of the weights. Trailing additions alone stay in the bias (MatMul → Add is a biased layer).
            if (value.Trailing is { } t && t.Scale.Any(s => s != 1) && t.Scale.All(s => s != 0) && TryOutputTransform(t.Scale, t.Shift))
            {
                CloseLayer(producer!, value with { Map = t.Linear }, Activation.Identity);
                _notices.Add($"Folded the elementwise operations after the last layer ({string.Join(", ", t.Operations)}) into the output transform y' = y·scale + offset.");
                return;
            }

            value = CloseLayer(producer!, value, Activation.Identity);
        }

        if (_layers.Count == 0)
        {
            throw Fail(
                OnnxErrorKind.UnsupportedGraph,
                "the graph has no dense layer (Gemm or MatMul followed by an optional activation): there is no network to import.");
        }

        var map = value.Map;
        if (map.IsIdentity)
        {
            return;
        }

        string operations = string.Join(", ", _pendingElementwise);
        if (map.TryGetDiagonal(out double[] scale, out double[] shift))
        {
            if (!TryOutputTransform(scale, shift))
            {
                throw Fail(OnnxErrorKind.InvalidValue, $"the operations after the last layer ({operations}) cannot be an output transform: a factor or offset is not finite in float32.");
            }

            _notices.Add($"Folded the elementwise operations after the last layer ({operations}) into the output transform y' = y·scale + offset.");
            return;
        }

        if (TrySigmoidComplement(map))
        {
            _notices.Add(
                $"Rewrote the binary-classifier tail ({operations}) [1 − p, p] after the sigmoid of {_layerNodes[^1].Description} " +
                "as a sigmoid layer with 2 neurons, using 1 − sigmoid(z) = sigmoid(−z).");
            return;
        }

        if (_layers[^1].Activation.Kind == ActivationKind.Softmax)
        {
            throw Fail(
                OnnxErrorKind.UnsupportedUsage,
                $"the operations after the softmax of {_layerNodes[^1].Description} ({operations}) mix its outputs; softmax is supported on the last layer only.");
        }

        CloseLayer(producer ?? _layerNodes[^1], value with { HasLinear = true }, Activation.Identity);
        _notices.Add($"Kept the affine operations after the last activation ({operations}) as an extra identity layer.");
    }

    private bool TryOutputTransform(double[] scale, double[] shift)
    {
        float[] s = [.. scale.Select(v => (float)v)];
        float[] o = [.. shift.Select(v => (float)v)];
        if (s.Any(v => !float.IsFinite(v) || v == 0) || o.Any(v => !float.IsFinite(v)))
        {
            return false;
        }

        _outputTransform = new OutputTransform(s, o);
        return true;
    }

    /// <summary>
    /// skl2onnx's binary MLPClassifier ends with sigmoid p, then Sub(1, p) and Concat([1 − p, p]). Each output is
    /// +p_k or 1 − p_k = sigmoid(−z_k), so the last layer is rewritten with one (possibly negated) row per output.
    /// </summary>
    private bool TrySigmoidComplement(AffineMap map)
    {
        var last = _layers[^1];
        if (last.Activation.Kind != ActivationKind.Sigmoid)
        {
            return false;
        }

        var sources = new int[map.OutCount];
        var signs = new float[map.OutCount];
        for (int i = 0; i < map.OutCount; i++)
        {
            var (columns, coefficients) = map.Row(i);
            double c = map.Constant[i];
            if (columns.Length != 1 || !((coefficients[0] == 1 && c == 0) || (coefficients[0] == -1 && c == 1)))
            {
                return false;
            }

            sources[i] = columns[0];
            signs[i] = (float)coefficients[0];
        }

        int n = last.InputLength;
        var weights = new float[map.OutCount * n];
        var bias = new float[map.OutCount];
        for (int i = 0; i < map.OutCount; i++)
        {
            var row = last.Row(sources[i]);
            for (int j = 0; j < n; j++)
            {
                weights[(i * n) + j] = signs[i] * row[j];
            }

            bias[i] = signs[i] * last.Bias[sources[i]];
        }

        _layers[^1] = new DenseLayer(weights, bias, Activation.Sigmoid);
        return true;
    }
}
