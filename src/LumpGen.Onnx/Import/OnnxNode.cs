using Onnx;

namespace LumpGen.Onnx.Import;

/// <summary>A node of the graph with its position, typed attribute access and errors that name it.</summary>
internal sealed class OnnxNode
{
    private readonly string? _source;

    public OnnxNode(NodeProto proto, int position, string? source)
    {
        Proto = proto;
        Position = position;
        _source = source;
    }

    public NodeProto Proto { get; }

    /// <summary>0-based index in the graph's node list.</summary>
    public int Position { get; }

    public string OpType => Proto.OpType;

    public string Name => Proto.Name;

    /// <summary><c>Gemm node 'fc1' (#2)</c>.</summary>
    public string Description => OnnxImportException.DescribeNode(OpType, Name, Position);

    /// <summary>The input names; absent optional inputs are empty strings.</summary>
    public IReadOnlyList<string> Inputs => Proto.Input;

    public string Input(int index) => index < Proto.Input.Count ? Proto.Input[index] : string.Empty;

    public OnnxImportException Fail(OnnxErrorKind kind, string detail, Exception? inner = null) =>
        new(kind, detail, _source, OpType, Name, Position, inner);

    public AttributeProto? Attribute(string name) => Proto.Attribute.FirstOrDefault(a => a.Name == name);

    public long GetInt(string name, long defaultValue)
    {
        var a = Attribute(name);
        if (a is null)
        {
            return defaultValue;
        }

        Expect(a, AttributeProto.Types.AttributeType.Int);
        return a.I;
    }

    public float GetFloat(string name, float defaultValue)
    {
        var a = Attribute(name);
        if (a is null)
        {
            return defaultValue;
        }

        Expect(a, AttributeProto.Types.AttributeType.Float);
        return a.F;
    }

    public long[]? GetInts(string name)
    {
        var a = Attribute(name);
        if (a is null)
        {
            return null;
        }

        Expect(a, AttributeProto.Types.AttributeType.Ints);
        return [.. a.Ints];
    }

    public float[]? GetFloats(string name)
    {
        var a = Attribute(name);
        if (a is null)
        {
            return null;
        }

        Expect(a, AttributeProto.Types.AttributeType.Floats);
        return [.. a.Floats];
    }

    public string? GetString(string name)
    {
        var a = Attribute(name);
        if (a is null)
        {
            return null;
        }

        Expect(a, AttributeProto.Types.AttributeType.String);
        return a.S.ToStringUtf8();
    }

    private void Expect(AttributeProto a, AttributeProto.Types.AttributeType type)
    {
        // Files written by old exporters may leave the type field unset; accept those when the value is present.
        if (a.Type != type && a.Type != AttributeProto.Types.AttributeType.Undefined)
        {
            throw Fail(OnnxErrorKind.InvalidValue, $"attribute '{a.Name}' has type {a.Type.ToString().ToUpperInvariant()}, expected {type.ToString().ToUpperInvariant()}.");
        }
    }
}
