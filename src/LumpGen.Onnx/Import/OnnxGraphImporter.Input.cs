using Onnx;

namespace LumpGen.Onnx.Import;

/// <summary>The network input: which graph input it is, its batch axis and its number of features.</summary>
internal sealed partial class OnnxGraphImporter
{
    /// <summary>Chooses the network input among the graph inputs and records the others as foreign (dynamic weights if used).</summary>
    private void BindInput(string output)
    {
        var dynamicInputs = _graph.Input.Where(i => !_initializers.ContainsKey(i.Name)).ToList();
        var used = dynamicInputs.Where(i => _referenced.Contains(i.Name)).ToList();
        if (used.Count == 0)
        {
            throw Fail(
                OnnxErrorKind.UnsupportedGraph,
                dynamicInputs.Count == 0
                    ? "the graph has no input (every graph input has an initializer)."
                    : $"the output '{output}' does not depend on any graph input.");
        }

        foreach (var unused in dynamicInputs.Where(i => !_referenced.Contains(i.Name)))
        {
            _notices.Add($"Ignored the graph input '{unused.Name}', which the output does not use.");
        }

        _values[used[0].Name] = CreateInput(used[0]);
        foreach (var other in used.Skip(1))
        {
            _values[other.Name] = new ForeignInput(other.Name);
        }
    }

    private DynamicValue CreateInput(ValueInfoProto input)
    {
        var tensor = input.Type?.TensorType;
        if (tensor is null)
        {
            throw Fail(OnnxErrorKind.UnsupportedUsage, $"the graph input '{input.Name}' is not a tensor (it is a sequence, map or optional value).");
        }

        if (tensor.ElemType is not ((int)TensorProto.Types.DataType.Float or (int)TensorProto.Types.DataType.Double))
        {
            throw Fail(
                OnnxErrorKind.UnsupportedUsage,
                $"the graph input '{input.Name}' has element type {TensorReader.TypeName(tensor.ElemType)}; LumpGen networks take float32 or float64 inputs.");
        }

        if (tensor.Shape is null)
        {
            throw Fail(OnnxErrorKind.UnsupportedUsage, $"the graph input '{input.Name}' has no shape, so its number of features is unknown.");
        }

        var dimensions = tensor.Shape.Dim;
        if (dimensions.Count > Shapes.MaxRank)
        {
            throw Fail(OnnxErrorKind.InvalidValue, $"the graph input '{input.Name}' has rank {dimensions.Count}.");
        }

        var shape = new long[dimensions.Count];
        int batchAxis = -1;
        for (int i = 0; i < shape.Length; i++)
        {
            var d = dimensions[i];
            if (d.HasDimValue && d.DimValue > 0)
            {
                shape[i] = d.DimValue;
                continue;
            }

            if (batchAxis >= 0)
            {
                throw Fail(
                    OnnxErrorKind.UnsupportedUsage,
                    $"the graph input '{input.Name}' has more than one dynamic dimension (axes {batchAxis} and {i}); only a batch dimension may be dynamic (sequences are not supported).");
            }

            batchAxis = i;
            shape[i] = 1;
        }

        long features = Shapes.Product(shape);
        if (features <= 0 || features > int.MaxValue)
        {
            throw Fail(OnnxErrorKind.InvalidValue, $"the graph input '{input.Name}' has an unusable shape {Shapes.Format(shape, batchAxis)}.");
        }

        if (batchAxis < 0 && shape.Length >= 2 && shape[0] != 1)
        {
            _notices.Add(
                $"The graph input '{input.Name}' has the fixed shape {Shapes.Format(shape)} with no batch dimension; the whole tensor is taken as one sample of {features} features (row-major).");
        }

        return new DynamicValue(0, AffineMap.Identity((int)features), shape, batchAxis, false, null);
    }
}
