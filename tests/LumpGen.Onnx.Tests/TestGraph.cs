using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;

namespace LumpGen.Onnx.Tests;

/// <summary>How a test stores a float tensor, to cover both ONNX encodings.</summary>
public enum Encoding
{
    FloatData,
    RawFloat,
    DoubleData,
    RawDouble,
}

/// <summary>Builds small ONNX models in code (the tests never depend on a Python exporter).</summary>
internal sealed class TestGraph
{
    private readonly GraphProto _graph = new() { Name = "test" };
    private readonly List<OperatorSetIdProto> _opsets = [];
    private int _nodes;

    public TestGraph(long opset = 17, bool ml = false)
    {
        _opsets.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
        if (ml)
        {
            _opsets.Add(new OperatorSetIdProto { Domain = "ai.onnx.ml", Version = 3 });
        }
    }

    public GraphProto Graph => _graph;

    /// <summary>A float input; null dimensions are symbolic ("N").</summary>
    public TestGraph Input(string name, params long?[] dims) => AddInfo(_graph.Input, name, TensorProto.Types.DataType.Float, dims);

    public TestGraph Output(string name, params long?[] dims) => AddInfo(_graph.Output, name, TensorProto.Types.DataType.Float, dims);

    public TestGraph Output(string name, TensorProto.Types.DataType type, params long?[] dims) => AddInfo(_graph.Output, name, type, dims);

    public TestGraph Initializer(string name, long[] dims, double[] values, Encoding encoding = Encoding.RawFloat)
    {
        _graph.Initializer.Add(Tensor(name, dims, values, encoding));
        return this;
    }

    public TestGraph Int64Initializer(string name, long[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.Add(values.Length);
        t.Int64Data.Add(values);
        _graph.Initializer.Add(t);
        return this;
    }

    /// <summary>Adds a node; attributes are (name, value) with value long, float, long[], float[], string or TensorProto.</summary>
    public TestGraph Node(string opType, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes) =>
        NodeIn(string.Empty, opType, inputs, outputs, attributes);

    public TestGraph NodeIn(string domain, string opType, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = opType.ToLowerInvariant() + "_" + _nodes++, Domain = domain };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        foreach (var (name, value) in attributes)
        {
            node.Attribute.Add(Attribute(name, value));
        }

        _graph.Node.Add(node);
        return this;
    }

    /// <summary>A Constant node holding the tensor.</summary>
    public TestGraph ConstantNode(string output, long[] dims, double[] values, Encoding encoding = Encoding.FloatData) =>
        Node("Constant", [], [output], ("value", Tensor(output + "_value", dims, values, encoding)));

    public ModelProto Model()
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "lumpgen-tests", Graph = _graph };
        model.OpsetImport.Add(_opsets);
        return model;
    }

    public byte[] Bytes() => Model().ToByteArray();

    public static TensorProto Tensor(string name, long[] dims, double[] values, Encoding encoding)
    {
        var t = new TensorProto { Name = name };
        t.Dims.Add(dims);
        switch (encoding)
        {
            case Encoding.FloatData:
                t.DataType = (int)TensorProto.Types.DataType.Float;
                t.FloatData.Add(values.Select(v => (float)v));
                break;
            case Encoding.RawFloat:
                t.DataType = (int)TensorProto.Types.DataType.Float;
                var f = new byte[values.Length * 4];
                for (int i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(f.AsSpan(i * 4), (float)values[i]);
                }

                t.RawData = ByteString.CopyFrom(f);
                break;
            case Encoding.DoubleData:
                t.DataType = (int)TensorProto.Types.DataType.Double;
                t.DoubleData.Add(values);
                break;
            case Encoding.RawDouble:
                t.DataType = (int)TensorProto.Types.DataType.Double;
                var d = new byte[values.Length * 8];
                for (int i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(d.AsSpan(i * 8), values[i]);
                }

                t.RawData = ByteString.CopyFrom(d);
                break;
        }

        return t;
    }

    /// <summary>Deterministic pseudo-random values in [−scale, scale].</summary>
    public static double[] Random(int count, int seed, double scale = 1.0)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => ((random.NextDouble() * 2) - 1) * scale)];
    }

    private TestGraph AddInfo(Google.Protobuf.Collections.RepeatedField<ValueInfoProto> list, string name, TensorProto.Types.DataType type, long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long? d in dims)
        {
            shape.Dim.Add(d is { } v ? new TensorShapeProto.Types.Dimension { DimValue = v } : new TensorShapeProto.Types.Dimension { DimParam = "N" });
        }

        list.Add(new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        });
        return this;
    }

    private static AttributeProto Attribute(string name, object value) => value switch
    {
        int i => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = i },
        long l => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = l },
        float f => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = f },
        double d => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)d },
        string s => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(s) },
        long[] ls => WithInts(name, ls),
        float[] fs => WithFloats(name, fs),
        TensorProto t => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = t },
        _ => throw new ArgumentException("Unsupported attribute value " + value.GetType()),
    };

    private static AttributeProto WithInts(string name, long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.Add(values);
        return a;
    }

    private static AttributeProto WithFloats(string name, float[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        a.Floats.Add(values);
        return a;
    }
}
