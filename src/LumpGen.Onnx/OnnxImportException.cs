using System.Globalization;

namespace LumpGen.Onnx;

/// <summary>What kind of problem an <see cref="OnnxImportException"/> reports.</summary>
public enum OnnxErrorKind
{
    /// <summary>The bytes are not a readable ONNX model (not protobuf, truncated, no graph).</summary>
    InvalidFile,

    /// <summary>An operator LumpGen does not import (convolution, recurrent, control flow, anything not in the supported list).</summary>
    UnsupportedOperator,

    /// <summary>A supported operator used in a way that is not a dense layer or a no-op (an attribute, shape or axis LumpGen cannot map).</summary>
    UnsupportedUsage,

    /// <summary>The graph is not a single chain: a branch, a residual connection, or several outputs.</summary>
    UnsupportedGraph,

    /// <summary>Weights computed from a graph input instead of stored as constants.</summary>
    DynamicWeights,

    /// <summary>A tensor stored in an external data file instead of inside the model.</summary>
    ExternalData,

    /// <summary>A node from an operator domain other than ai.onnx and ai.onnx.ml.</summary>
    UnknownDomain,

    /// <summary>A value is malformed or out of range (wrong element count, NaN weight, a shape that does not fit).</summary>
    InvalidValue,
}

/// <summary>
/// An ONNX model could not be imported. The message says what was found, where (operator type, node
/// name, position in the graph's node list) and, for unsupported operators, which operators are supported.
/// Like <see cref="Format.LumpFormatException"/> it is a <see cref="FormatException"/>: the input is bad, not the program.
/// </summary>
[Serializable]
public sealed class OnnxImportException : FormatException
{
    /// <summary>Creates the exception for a problem at a node, or (with <paramref name="opType"/> null) for the model as a whole.</summary>
    /// <param name="kind">The class of problem.</param>
    /// <param name="detail">What is wrong, as a sentence.</param>
    /// <param name="source">The file name (or another label) of the model, or null.</param>
    /// <param name="opType">The node's operator type, or null when no node applies.</param>
    /// <param name="nodeName">The node's name (may be empty: exporters often leave it out).</param>
    /// <param name="position">0-based index of the node in the graph's node list; −1 when no node applies.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public OnnxImportException(
        OnnxErrorKind kind,
        string detail,
        string? source = null,
        string? opType = null,
        string? nodeName = null,
        int position = -1,
        Exception? innerException = null)
        : base(Compose(detail, source, opType, nodeName, position), innerException)
    {
        Kind = kind;
        Detail = detail;
        ModelName = source;
        OpType = opType;
        NodeName = nodeName;
        Position = position;
    }

    /// <summary>The class of problem.</summary>
    public OnnxErrorKind Kind { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Detail { get; }

    /// <summary>The file name (or label) of the model, or null.</summary>
    public string? ModelName { get; }

    /// <summary>The operator type of the node at fault, or null when the problem concerns the model as a whole.</summary>
    public string? OpType { get; }

    /// <summary>The name of the node at fault (empty when the exporter gave none), or null when no node applies.</summary>
    public string? NodeName { get; }

    /// <summary>0-based index of the node at fault in the graph's node list, or −1.</summary>
    public int Position { get; }

    /// <summary>How a node is named in messages: <c>Gemm node 'fc1' (#2)</c>; unnamed nodes say so.</summary>
    public static string DescribeNode(string opType, string? nodeName, int position) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{opType} node {(string.IsNullOrEmpty(nodeName) ? "(unnamed)" : "'" + nodeName + "'")} (#{position})");

    private static string Compose(string detail, string? source, string? opType, string? nodeName, int position)
    {
        string where = opType is null ? string.Empty : DescribeNode(opType, nodeName, position) + ": ";
        string file = string.IsNullOrEmpty(source) ? string.Empty : source + ": ";
        return file + where + detail;
    }
}
