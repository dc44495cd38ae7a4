using LumpGen.Model;
using Onnx;

namespace LumpGen.Onnx.Import;

/// <summary>
/// Turns one ONNX graph into a <see cref="Network"/> by walking its nodes in order along a single chain.
/// Constants are folded; every tensor computed from the input is tracked as an affine map from the last
/// nonlinearity (<see cref="DynamicValue"/>); each activation turns the map into a dense layer.
/// </summary>
/// <remarks>
/// One instance imports one model and is then discarded. Everything that is not an MLP is refused with an
/// <see cref="OnnxImportException"/> naming the node; deliberate simplifications are reported as notices.
/// </remarks>
internal sealed partial class OnnxGraphImporter
{
    private const string MlDomain = "ai.onnx.ml";

    private readonly ModelProto _model;
    private readonly GraphProto _graph;
    private readonly OnnxImportOptions _options;
    private readonly string? _source;
    private readonly List<string> _notices = [];
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorProto> _initializers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sparseInitializers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _referenced = new(StringComparer.Ordinal);
    private readonly List<DenseLayer> _layers = [];
    private readonly List<OnnxNode> _layerNodes = [];
    private readonly List<string> _pendingElementwise = [];
    private readonly long _opset;
    private InputTransform? _inputTransform;
    private OutputTransform? _outputTransform;
    private bool _inputDecided;
    private bool _roundedDoubles;

    public OnnxGraphImporter(ModelProto model, OnnxImportOptions options, string? source)
    {
        _model = model;
        _options = options;
        _source = source;
        _graph = model.Graph ?? throw Fail(OnnxErrorKind.InvalidFile, "the model has no graph.");
        var opset = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx");
        if (opset is null)
        {
            throw Fail(OnnxErrorKind.InvalidFile, "the model declares no opset for the default ai.onnx domain (opset_import is missing).");
        }

        _opset = opset.Version;
    }

    /// <summary>A wrapped reference to a graph input that is not the network input (used only to report dynamic weights).</summary>
    private sealed record ForeignInput(string Name);

    public OnnxImportResult Run(string? name, string sha256)
    {
        foreach (var tensor in _graph.Initializer)
        {
            _initializers[tensor.Name] = tensor;
        }

        foreach (var sparse in _graph.SparseInitializer)
        {
            _sparseInitializers.Add(sparse.Values?.Name ?? string.Empty);
        }

        var all = _graph.Node.Select((n, i) => new OnnxNode(n, i, _source)).ToList();
        var (output, needed) = SelectOutput(all);
        foreach (var node in needed)
        {
            CheckOperator(node);
            foreach (string input in node.Inputs)
            {
                _referenced.Add(input);
            }
        }

        _referenced.Add(output);
        BindInput(output);

        foreach (var node in needed)
        {
            Apply(node);
        }

        if (!_values.TryGetValue(output, out object? result) && _initializers.ContainsKey(output))
        {
            result = "constant";
        }

        if (result is not DynamicValue value)
        {
            throw Fail(OnnxErrorKind.UnsupportedGraph, $"the output '{output}' does not depend on the graph input.");
        }

        Finish(value, output);
        if (_roundedDoubles)
        {
            _notices.Add("float64 weights were rounded to float32 (LumpGen networks store float32 parameters).");
        }

        try
        {
            var network = new Network(_layers, _inputTransform, _outputTransform, ReadMetadata(name, sha256));
            return new OnnxImportResult(network, _notices);
        }
        catch (ArgumentException e)
        {
            throw Fail(OnnxErrorKind.InvalidValue, "the imported layers do not form a valid network: " + Reason(e), e);
        }
    }

    /// <summary>An ArgumentException's message without the "(Parameter 'x')" suffix.</summary>
    private static string Reason(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);

    private OnnxImportException Fail(OnnxErrorKind kind, string detail, Exception? inner = null) =>
        new(kind, detail, _source, innerException: inner);

    /// <summary>Refuses unknown domains and unsupported operators up front, so a convolution is reported as such wherever it sits.</summary>
    private static void CheckOperator(OnnxNode node)
    {
        string domain = node.Proto.Domain;
        if (domain is not ("" or "ai.onnx" or MlDomain))
        {
            throw node.Fail(
                OnnxErrorKind.UnknownDomain,
                $"the operator domain '{domain}' is not supported; LumpGen imports standard ai.onnx operators (and scikit-learn's ai.onnx.ml tails). " +
                "Export without custom or runtime-specific (e.g. com.microsoft) operators. Supported operators: " + OnnxOperators.SupportedText);
        }

        string? family = OnnxOperators.RefusedFamily(node.OpType);
        if (family is not null)
        {
            throw node.Fail(OnnxErrorKind.UnsupportedOperator, family + ". Supported operators: " + OnnxOperators.SupportedText);
        }

        bool known = domain == MlDomain
            ? node.OpType == "Scaler"
            : s_dynamicOperators.Contains(node.OpType) || ConstantFolder.Supports(node.OpType);
        if (!known)
        {
            throw node.Fail(OnnxErrorKind.UnsupportedOperator, "this operator is not supported. Supported operators: " + OnnxOperators.SupportedText);
        }
    }

    private static readonly HashSet<string> s_dynamicOperators =
    [
        "Identity", "Dropout", "Cast", "Flatten", "Reshape", "Squeeze", "Unsqueeze", "Transpose", "Shape",
        "Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Neg", "BatchNormalization", "Concat",
        "Relu", "LeakyRelu", "Tanh", "Sigmoid", "Softplus", "Elu", "Gelu", "Softmax",
    ];

    private object Resolve(OnnxNode node, string name)
    {
        if (_values.TryGetValue(name, out object? value))
        {
            return value;
        }

        if (_initializers.TryGetValue(name, out var tensor))
        {
            var constant = ReadTensor(tensor, node);
            _values[name] = constant;
            return constant;
        }

        if (_sparseInitializers.Contains(name))
        {
            throw node.Fail(OnnxErrorKind.UnsupportedUsage, $"the input '{name}' is a sparse initializer; store the weights as dense tensors.");
        }

        throw node.Fail(
            OnnxErrorKind.InvalidValue,
            $"the input '{name}' is neither a graph input, an initializer nor the output of an earlier node (the graph is not topologically sorted, or the name is wrong).");
    }

    private ConstantTensor ReadTensor(TensorProto tensor, OnnxNode node)
    {
        var constant = TensorReader.Read(tensor, (kind, detail) => node.Fail(kind, detail));
        if (tensor.DataType == (int)TensorProto.Types.DataType.Double && !constant.IsInteger)
        {
            _roundedDoubles = true;
        }

        return constant;
    }

    private void Apply(OnnxNode node)
    {
        var inputs = new object?[node.Inputs.Count];
        bool dynamic = false;
        for (int i = 0; i < inputs.Length; i++)
        {
            string name = node.Inputs[i];
            if (name.Length == 0)
            {
                continue;
            }

            inputs[i] = Resolve(node, name);
            if (inputs[i] is ForeignInput foreign)
            {
                throw node.Fail(
                    OnnxErrorKind.DynamicWeights,
                    $"the input '{foreign.Name}' is a second graph input, not a constant: this node would compute with dynamic weights. " +
                    "LumpGen needs weights stored in the model (initializers or Constant nodes) and a single network input.");
            }

            dynamic |= inputs[i] is DynamicValue;
        }

        object result = dynamic
            ? ApplyDynamic(node, inputs)
            : ConstantFolder.Fold(node, [.. inputs.Select(i => (ConstantTensor?)i)], _opset, t => ReadTensor(t, node));
        if (node.Proto.Output.Count == 0 || node.Proto.Output[0].Length == 0)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "the node has no output.");
        }

        _values[node.Proto.Output[0]] = result;
        for (int i = 1; i < node.Proto.Output.Count; i++)
        {
            string extra = node.Proto.Output[i];
            if (extra.Length > 0 && _referenced.Contains(extra))
            {
                throw node.Fail(
                    OnnxErrorKind.UnsupportedUsage,
                    $"the graph uses its output #{i} '{extra}'; only the first output of {node.OpType} is supported (inference mode).");
            }
        }
    }

    private object ApplyDynamic(OnnxNode node, object?[] inputs)
    {
        if (node.Proto.Domain == MlDomain)
        {
            return Scaler(node, Dynamic(node, inputs, 0));
        }

        switch (node.OpType)
        {
            case "Identity":
                return Dynamic(node, inputs, 0);
            case "Dropout":
                return Dropout(node, inputs);
            case "Cast":
                return Cast(node, Dynamic(node, inputs, 0));
            case "Flatten":
                return Flatten(node, Dynamic(node, inputs, 0));
            case "Reshape":
                return Reshape(node, Dynamic(node, inputs, 0), inputs);
            case "Squeeze":
                return Squeeze(node, Dynamic(node, inputs, 0), inputs);
            case "Unsqueeze":
                return Unsqueeze(node, Dynamic(node, inputs, 0), inputs);
            case "Transpose":
                return Transpose(node, Dynamic(node, inputs, 0));
            case "Shape":
                return ShapeOf(node, Dynamic(node, inputs, 0));
            case "Gemm":
                return Gemm(node, inputs);
            case "MatMul":
                return MatMul(node, inputs);
            case "Add" or "Sub" or "Mul" or "Div":
                return Binary(node, inputs);
            case "Neg":
                return Elementwise(node, Dynamic(node, inputs, 0), ConstantTensor.Scalar(-1), null);
            case "BatchNormalization":
                return BatchNormalization(node, inputs);
            case "Concat":
                return Concat(node, inputs);
            case "Relu" or "LeakyRelu" or "Tanh" or "Sigmoid" or "Softplus" or "Elu" or "Gelu" or "Softmax":
                return Activate(node, Dynamic(node, inputs, 0));
            default:
                throw node.Fail(
                    OnnxErrorKind.UnsupportedUsage,
                    $"{node.OpType} is supported on constants and shapes only, not on the tensor computed from the input. Supported operators: {OnnxOperators.SupportedText}");
        }
    }

    /// <summary>Input <paramref name="index"/>, which must be the tensor computed from the input; the others must be constants.</summary>
    private static DynamicValue Dynamic(OnnxNode node, object?[] inputs, int index)
    {
        for (int i = 0; i < inputs.Length; i++)
        {
            if (i != index && inputs[i] is DynamicValue)
            {
                throw node.Fail(
                    OnnxErrorKind.DynamicWeights,
                    $"input #{i} '{node.Input(i)}' is computed from the graph input; it must be a constant (dynamic weights, shapes or parameters are not supported).");
            }
        }

        return inputs.Length > index && inputs[index] is DynamicValue value
            ? value
            : throw node.Fail(OnnxErrorKind.UnsupportedUsage, $"input #{index} must be the tensor computed from the graph input; the computed tensor arrives in another position.");
    }

    /// <summary>Input <paramref name="index"/> as a constant, or null when the optional input is absent.</summary>
    private static ConstantTensor? Constant(OnnxNode node, object?[] inputs, int index, string what)
    {
        if (index >= inputs.Length || inputs[index] is null)
        {
            return null;
        }

        if (inputs[index] is ConstantTensor constant)
        {
            if (constant.HasBatchMarker)
            {
                throw node.Fail(OnnxErrorKind.UnsupportedUsage, $"the {what} is computed from the batch size of the input; it must be a constant.");
            }

            return constant;
        }

        throw node.Fail(OnnxErrorKind.DynamicWeights, $"the {what} ('{node.Input(index)}') is computed from the graph input; it must be a constant.");
    }

    /// <summary>Fails when <paramref name="value"/> was computed before the latest layer: the graph branches or has a skip connection.</summary>
    private void RequireLatest(DynamicValue value, OnnxNode node, string inputName)
    {
        if (value.BaseId == _layers.Count)
        {
            return;
        }

        string when = value.BaseId == 0 ? "from the network input" : "after " + _layerNodes[value.BaseId - 1].Description;
        throw node.Fail(
            OnnxErrorKind.UnsupportedGraph,
            $"the graph branches: '{inputName}' was computed {when}, but {_layerNodes[^1].Description} has since started another layer from it. " +
            "LumpGen imports a single chain of layers (no residual, skip or parallel paths).");
    }

    private void RequireLatest(OnnxNode node, object?[] inputs)
    {
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is DynamicValue value)
            {
                RequireLatest(value, node, node.Input(i));
            }
        }
    }

    private string Notice(string text)
    {
        _notices.Add(text);
        return text;
    }
}
