using System.Buffers.Binary;
using System.Globalization;
using System.Reflection;
using Google.Protobuf;
using LumpGen.Format;
using LumpGen.IO;
using LumpGen.Model;
using Onnx;

namespace LumpGen.Onnx;

/// <summary>
/// Writes a <see cref="Network"/> as a self-contained ONNX model that ONNX Runtime (and any ONNX backend)
/// runs: opset 17, one <c>Gemm</c> (transB = 1) plus one activation node per layer, the input transform as
/// <c>Sub</c>/<c>Div</c> and the output transform as <c>Mul</c>/<c>Add</c>. Input <c>input</c> [N, in] and
/// output <c>output</c> [N, out], float32; weights as little-endian raw_data.
/// </summary>
/// <remarks>
/// A network with a GELU layer is written with opset 20, the first with the <c>Gelu</c> operator
/// (approximate = "tanh"). Model metadata carries the producer (LumpGen and its version), ε and the original
/// parameter count (when the network was compressed), the current parameter count, the source hash, the quotient and each layer's partition
/// (<see cref="OnnxMetadataKeys"/>), so importing the file gives back the same network and provenance.
/// The bytes are deterministic: the same network always gives the same file.
/// </remarks>
public static class OnnxExporter
{
    /// <summary>The opset used unless the network needs a newer operator.</summary>
    public const int Opset = 17;

    /// <summary>Name of the graph input.</summary>
    public const string InputName = "input";

    /// <summary>Name of the graph output.</summary>
    public const string OutputName = "output";

    /// <summary>Writes <paramref name="network"/> to <paramref name="path"/> atomically (temporary file, then move).</summary>
    public static void Export(Network network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        var model = ToModel(network);
        AtomicFile.Write(path, stream => model.WriteTo(stream));
    }

    /// <summary>The serialized model.</summary>
    public static byte[] ToBytes(Network network) => ToModel(network).ToByteArray();

    internal static ModelProto ToModel(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        bool needsGelu = network.Layers.Any(l => l.Activation.Kind == ActivationKind.Gelu);
        int opset = needsGelu ? 20 : Opset;
        var graph = new GraphProto { Name = string.IsNullOrEmpty(network.Metadata.Name) ? "lumpgen" : network.Metadata.Name };
        graph.Input.Add(TensorInfo(InputName, network.InputLength));
        string current = InputName;

        if (network.InputTransform is { } input)
        {
            graph.Initializer.Add(FloatTensor("input_transform.mean", [input.Length], input.Mean));
            graph.Initializer.Add(FloatTensor("input_transform.scale", [input.Length], input.Scale));
            current = AddNode(graph, "Sub", "input_transform/Sub", [current, "input_transform.mean"]);
            current = AddNode(graph, "Div", "input_transform/Div", [current, "input_transform.scale"]);
        }

        for (int i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            string prefix = "layer" + i.ToString(CultureInfo.InvariantCulture);
            graph.Initializer.Add(FloatTensor(prefix + ".weight", [layer.OutputLength, layer.InputLength], layer.Weights));
            graph.Initializer.Add(FloatTensor(prefix + ".bias", [layer.OutputLength], layer.Bias));
            current = AddNode(graph, "Gemm", prefix + "/Gemm", [current, prefix + ".weight", prefix + ".bias"], IntAttribute("transB", 1));
            current = AddActivation(graph, prefix, layer.Activation, current);
        }

        if (network.OutputTransform is { } output)
        {
            graph.Initializer.Add(FloatTensor("output_transform.scale", [output.Length], output.Scale));
            graph.Initializer.Add(FloatTensor("output_transform.offset", [output.Length], output.Offset));
            current = AddNode(graph, "Mul", "output_transform/Mul", [current, "output_transform.scale"]);
            current = AddNode(graph, "Add", "output_transform/Add", [current, "output_transform.offset"]);
        }

        // The last node writes the graph output directly.
        graph.Node[^1].Output[0] = OutputName;
        graph.Output.Add(TensorInfo(OutputName, network.OutputLength));

        var model = new ModelProto
        {
            IrVersion = opset >= 20 ? 9 : 8,
            ProducerName = OnnxMetadataKeys.Producer,
            ProducerVersion = ProducerVersion,
            DocString = "Written by LumpGen: " + network,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
        AddMetadata(model, network);
        return model;
    }

    private static string ProducerVersion =>
        typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(OnnxExporter).Assembly.GetName().Version?.ToString()
        ?? "0";

    private static string AddActivation(GraphProto graph, string prefix, Activation activation, string current)
    {
        string name = prefix + "/" + activation.Kind;
        return activation.Kind switch
        {
            ActivationKind.Identity => current,
            ActivationKind.Relu => AddNode(graph, "Relu", name, [current]),
            ActivationKind.LeakyRelu => AddNode(graph, "LeakyRelu", name, [current], FloatAttribute("alpha", activation.Alpha)),
            ActivationKind.Tanh => AddNode(graph, "Tanh", name, [current]),
            ActivationKind.Sigmoid => AddNode(graph, "Sigmoid", name, [current]),
            ActivationKind.Softplus => AddNode(graph, "Softplus", name, [current]),
            ActivationKind.Elu => AddNode(graph, "Elu", name, [current], FloatAttribute("alpha", activation.Alpha)),
            ActivationKind.Gelu => AddNode(graph, "Gelu", name, [current], new AttributeProto
            {
                Name = "approximate",
                Type = AttributeProto.Types.AttributeType.String,
                S = ByteString.CopyFromUtf8("tanh"),
            }),
            ActivationKind.Softmax => AddNode(graph, "Softmax", name, [current], IntAttribute("axis", -1)),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation.Kind, "Unknown activation."),
        };
    }

    private static string AddNode(GraphProto graph, string opType, string name, string[] inputs, AttributeProto? attribute = null)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.Add(inputs);
        node.Output.Add(name + "_output");
        if (attribute is not null)
        {
            node.Attribute.Add(attribute);
        }

        graph.Node.Add(node);
        return node.Output[0];
    }

    private static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto FloatAttribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static ValueInfoProto TensorInfo(string name, int features)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = features });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }

    private static TensorProto FloatTensor(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.Add(dims);
        return tensor;
    }

    private static void AddMetadata(ModelProto model, Network network)
    {
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
            }
        }

        var m = network.Metadata;
        Add(OnnxMetadataKeys.Name, m.Name);
        Add(OnnxMetadataKeys.Epsilon, m.Epsilon?.ToString("R", CultureInfo.InvariantCulture));
        Add(OnnxMetadataKeys.OriginalParameterCount, m.OriginalParameterCount?.ToString(CultureInfo.InvariantCulture));
        Add(OnnxMetadataKeys.ParameterCount, network.ParameterCount.ToString(CultureInfo.InvariantCulture));
        Add(OnnxMetadataKeys.SourceSha256, m.SourceSha256);
        Add(OnnxMetadataKeys.Quotient, m.Quotient);
        foreach (var (key, value) in m.PropertiesOrEmpty)
        {
            Add(OnnxMetadataKeys.PropertyPrefix + key, value);
        }

        for (int i = 0; i < network.Layers.Count; i++)
        {
            if (network.Layers[i].Partition is { } partition)
            {
                Add(OnnxMetadataKeys.Partition(i), string.Join(",", partition.Select(p => p.ToString(CultureInfo.InvariantCulture))));
            }
        }
    }
}
