namespace LumpGen.Onnx.Import;

/// <summary>
/// A tensor computed from the network input: its per-sample shape and the affine map that produces it
/// from the current base (the input, or the output of the last layer built so far).
/// </summary>
/// <param name="BaseId">0 for the network input, k for the output of layer k−1. Only values on the latest base may be used: an older base means a branch.</param>
/// <param name="Map">From the base's features to this tensor's features (row-major over <paramref name="Shape"/>).</param>
/// <param name="Shape">The full tensor shape with the batch dimension stored as 1.</param>
/// <param name="BatchAxis">The axis of <paramref name="Shape"/> that is the (symbolic) batch, or −1 when the whole tensor is one sample.</param>
/// <param name="HasLinear">True once a Gemm/MatMul has been applied since the base: an activation may then close a layer.</param>
/// <param name="Producer">The node that produced the value (for messages), or null for the graph input.</param>
internal sealed record DynamicValue(int BaseId, AffineMap Map, long[] Shape, int BatchAxis, bool HasLinear, OnnxNode? Producer)
{
    /// <summary>
    /// When only elementwise constants followed the last Gemm/MatMul: the map before them and their combined
    /// y = scale·z + shift. At the end of the graph that becomes the output transform (the form the exporter writes).
    /// </summary>
    public TrailingElementwise? Trailing { get; init; }

    public int FeatureCount => Map.OutCount;

    public int Rank => Shape.Length;

    public string ShapeText => Shapes.Format(Shape, BatchAxis);
}

/// <summary>Elementwise y = Scale·z + Shift applied after <paramref name="Linear"/>, by the nodes listed in <paramref name="Operations"/>.</summary>
internal sealed record TrailingElementwise(AffineMap Linear, double[] Scale, double[] Shift, string[] Operations);
