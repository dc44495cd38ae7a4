using LumpGen.Format;
using Onnx;

namespace LumpGen.Onnx.Tests;

/// <summary>One small graph per operator variant, each checked against ONNX Runtime and for the structure it imports to.</summary>
public sealed class ImporterOperatorTests
{
    private static readonly double[] s_w34 = TestGraph.Random(12, 1);
    private static readonly double[] s_b4 = TestGraph.Random(4, 2);

    public static TheoryData<int, double, double, string> GemmVariants => new()
    {
        { 0, 1.0, 1.0, "[4]" },
        { 1, 1.0, 1.0, "[4]" },
        { 1, 0.25, 0.5, "[1,4]" },
        { 0, 2.0, 3.0, "[]" },
        { 1, 1.0, 1.0, "none" },
        { 0, -0.5, 0.0, "[4]" },
    };

    [Theory]
    [MemberData(nameof(GemmVariants))]
    public void Gemm_alpha_beta_transB_and_bias_broadcasting(int transB, double alpha, double beta, string bias)
    {
        long[] wDims = transB == 1 ? [4, 3] : [3, 4];
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 4).Initializer("W", wDims, s_w34);
        string[] inputs = ["x", "W"];
        if (bias != "none")
        {
            long[] dims = bias switch { "[4]" => [4], "[1,4]" => [1, 4], _ => [] };
            g.Initializer("C", dims, bias == "[]" ? [0.75] : s_b4);
            inputs = ["x", "W", "C"];
        }

        g.Node("Gemm", inputs, ["y"], ("alpha", alpha), ("beta", beta), ("transB", (long)transB));
        var network = Parity.Import(g.Bytes()).Network;
        Assert.Equal("3-4", network.Shape);
        Assert.Equal(ActivationKind.Identity, network.Layers[0].Activation.Kind);
    }

    [Fact]
    public void Gemm_with_transA_on_a_column_layout_input()
    {
        // x is [3, N] (features first); Gemm(x, W, transA=1) gives [N, 4].
        var g = new TestGraph().Input("x", 3, null).Output("y", null, 4).Initializer("W", [3, 4], s_w34).Initializer("C", [4], s_b4)
            .Node("Gemm", ["x", "W", "C"], ["y"], ("transA", 1L));
        Assert.Equal("3-4", Parity.Import(g.Bytes()).Network.Shape);
    }

    [Fact]
    public void Gemm_with_the_weights_on_the_left()
    {
        // Y = W · xᵀ + C: the output is [4, N] with the batch along columns.
        var g = new TestGraph().Input("x", null, 3).Output("y", 4, null).Initializer("W", [4, 3], s_w34).Initializer("C", [4, 1], s_b4)
            .Node("Gemm", ["W", "x", "C"], ["y"], ("transB", 1L));
        Assert.Equal("3-4", Parity.Import(g.Bytes()).Network.Shape);
    }

    [Theory]
    [InlineData(Encoding.FloatData)]
    [InlineData(Encoding.RawFloat)]
    [InlineData(Encoding.DoubleData)]
    [InlineData(Encoding.RawDouble)]
    public void MatMul_Add_with_each_weight_encoding(Encoding encoding)
    {
        bool isDouble = encoding is Encoding.DoubleData or Encoding.RawDouble;
        var type = isDouble ? TensorProto.Types.DataType.Double : TensorProto.Types.DataType.Float;
        var g = new TestGraph().Output("y", type, null, 4)
            .Initializer("W", [3, 4], s_w34, encoding).Initializer("b", [4], s_b4, encoding)
            .Node("MatMul", ["x", "W"], ["h"]).Node("Add", ["h", "b"], ["y"]);
        AddInput(g, "x", type, 3);
        var result = Parity.Import(g.Bytes());
        var layer = Assert.Single(result.Network.Layers);

        // The stored values are float32 either way: float encodings exactly, double ones rounded once.
        Assert.Equal((float)s_w34[1], layer.Weight(1, 0)); // W[0, 1] of the [in, out] MatMul weight is W'[1, 0].
        Assert.Equal((float)s_b4[3], layer.Bias[3]);
        Assert.Equal(isDouble, result.Notices.Any(n => n.Contains("float64", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(Encoding.FloatData)]
    [InlineData(Encoding.RawFloat)]
    public void Weights_as_Constant_nodes(Encoding encoding)
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 4)
            .ConstantNode("W", [3, 4], s_w34, encoding).ConstantNode("b", [1, 4], s_b4, encoding)
            .Node("MatMul", ["x", "W"], ["h"]).Node("Add", ["h", "b"], ["y"]);
        Assert.Equal("3-4", Parity.Import(g.Bytes()).Network.Shape);
    }

    public static TheoryData<string, string, long> Activations => new()
    {
        { "Relu", "relu", 17 },
        { "LeakyRelu", "leaky_relu(0.01)", 17 },
        { "LeakyRelu alpha=0.2", "leaky_relu(0.2)", 17 },
        { "Tanh", "tanh", 17 },
        { "Sigmoid", "sigmoid", 17 },
        { "Softplus", "softplus", 17 },
        { "Elu", "elu(1)", 17 },
        { "Elu alpha=0.5", "elu(0.5)", 17 },
        { "Softmax", "softmax", 17 },
        { "Softmax axis=1", "softmax", 11 },
        { "Gelu approximate=tanh", "gelu", 20 },
    };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Each_activation_closes_a_layer(string op, string expected, long opset)
    {
        string[] parts = op.Split(' ');
        var attributes = new List<(string, object)>();
        if (parts.Length > 1)
        {
            string[] kv = parts[1].Split('=');
            attributes.Add(kv[0] == "approximate" ? (kv[0], kv[1]) : (kv[0], kv[0] == "axis" ? long.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture) : (object)float.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture)));
        }

        var g = new TestGraph(opset).Input("x", null, 3).Output("y", null, 4)
            .Initializer("W", [4, 3], TestGraph.Random(12, 3, 2.0)).Initializer("C", [4], s_b4)
            .Node("Gemm", ["x", "W", "C"], ["h"], ("transB", 1L))
            .Node(parts[0], ["h"], ["y"], [.. attributes]);
        var network = Parity.Import(g.Bytes()).Network;
        Assert.Equal(expected, Assert.Single(network.Layers).Activation.ToString());
    }

    [Fact]
    public void Flatten_Reshape_Identity_Dropout_and_Cast_are_no_ops()
    {
        var g = new TestGraph(13).Input("x", null, 2, 3).Output("y", null, 4)
            .Initializer("W", [6, 4], TestGraph.Random(24, 4)).Initializer("ratio", [], [0.5])
            .Int64Initializer("shape", [-1, 6])
            .Node("Flatten", ["x"], ["f"], ("axis", 1L))
            .Node("Reshape", ["f", "shape"], ["r"])
            .Node("Identity", ["r"], ["i"])
            .Node("Dropout", ["i", "ratio"], ["d"])
            .Node("Cast", ["d"], ["c"], ("to", (long)TensorProto.Types.DataType.Float))
            .Node("MatMul", ["c", "W"], ["y"]);
        Assert.Equal("6-4", Parity.Import(g.Bytes()).Network.Shape);
    }

    [Fact]
    public void Transpose_Unsqueeze_Squeeze_and_Neg_on_the_computed_tensor()
    {
        var g = new TestGraph(13).Input("x", null, 2, 3).Output("y", null, 4)
            .Initializer("W", [6, 4], TestGraph.Random(24, 8)).Int64Initializer("axes", [1])
            .Node("Transpose", ["x"], ["t"], ("perm", new long[] { 0, 2, 1 }))
            .Node("Flatten", ["t"], ["f"])
            .Node("Neg", ["f"], ["n"])
            .Node("Unsqueeze", ["n", "axes"], ["u"])
            .Node("Squeeze", ["u", "axes"], ["s"])
            .Node("MatMul", ["s", "W"], ["h"])
            .Node("Relu", ["h"], ["y"]);
        var network = Parity.Import(g.Bytes()).Network;
        Assert.Equal("6-4", network.Shape);
        Assert.Null(network.InputTransform); // a permutation and a sign are not an input transform: folded into the weights
    }

    [Fact]
    public void Scikit_learn_Scaler_becomes_the_input_transform()
    {
        var g = new TestGraph(15, ml: true).Input("x", null, 3).Output("y", null, 4)
            .Initializer("W", [3, 4], s_w34)
            .NodeIn("ai.onnx.ml", "Scaler", ["x"], ["z"], ("offset", new[] { 1f, 2f, 3f }), ("scale", new[] { 0.5f, 4f, 1f }))
            .Node("MatMul", ["z", "W"], ["y"]);
        var network = Parity.Import(g.Bytes()).Network;
        Assert.Equal([1f, 2f, 3f], network.InputTransform!.Mean.ToArray());
        Assert.Equal([2f, 0.25f, 1f], network.InputTransform.Scale.ToArray());
    }

    [Fact]
    public void PyTorch_view_with_the_batch_size_from_Shape()
    {
        // x.view(x.size(0), -1): Shape → Gather(0) → Unsqueeze → Concat with [-1] → Reshape.
        var g = new TestGraph(11).Input("x", null, 1, 2, 2).Output("y", null, 3)
            .Initializer("W", [3, 4], s_w34).Initializer("b", [3], TestGraph.Random(3, 5))
            .Int64Initializer("minus_one", [-1])
            .Node("Shape", ["x"], ["s"])
            .Node("Constant", [], ["zero"], ("value", new TensorProto { DataType = (int)TensorProto.Types.DataType.Int64, Int64Data = { 0 } }))
            .Node("Gather", ["s", "zero"], ["n"], ("axis", 0L))
            .Node("Unsqueeze", ["n"], ["n1"], ("axes", new long[] { 0 }))
            .Node("Concat", ["n1", "minus_one"], ["shape"], ("axis", 0L))
            .Node("Reshape", ["x", "shape"], ["flat"])
            .Node("Gemm", ["flat", "W", "b"], ["y"], ("transB", 1L));
        Assert.Equal("4-3", Parity.Import(g.Bytes()).Network.Shape);
    }

    [Fact]
    public void BatchNormalization_after_a_dense_layer_is_folded_into_it()
    {
        var g = new TestGraph(15).Input("x", null, 3).Output("y", null, 4)
            .Initializer("W", [4, 3], s_w34).Initializer("C", [4], s_b4)
            .Initializer("gamma", [4], [1.5, 0.5, -2, 1]).Initializer("beta", [4], [0.1, -0.2, 0.3, 0])
            .Initializer("mean", [4], [0.2, -0.1, 0, 1]).Initializer("var", [4], [0.5, 2, 1, 0.25])
            .Node("Gemm", ["x", "W", "C"], ["h"], ("transB", 1L))
            .Node("BatchNormalization", ["h", "gamma", "beta", "mean", "var"], ["n"], ("epsilon", 1e-3f))
            .Node("Tanh", ["n"], ["y"]);
        var network = Parity.Import(g.Bytes()).Network;
        Assert.Equal("tanh", Assert.Single(network.Layers).Activation.ToString());
    }

    [Fact]
    public void Sub_Div_Mul_Add_before_the_first_layer_become_the_input_transform()
    {
        // ((x − m) / s) · 2 + 1 → mean = m − s/2, scale = s/2.
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 4)
            .Initializer("m", [3], [1, -2, 0.5]).Initializer("s", [1, 3], [2, 4, 0.5])
            .Initializer("two", [], [2]).Initializer("one", [], [1])
            .Initializer("W", [3, 4], s_w34)
            .Node("Sub", ["x", "m"], ["a"]).Node("Div", ["a", "s"], ["b"]).Node("Mul", ["b", "two"], ["c"]).Node("Add", ["c", "one"], ["d"])
            .Node("MatMul", ["d", "W"], ["y"]);
        var result = Parity.Import(g.Bytes());
        var transform = result.Network.InputTransform;
        Assert.NotNull(transform);
        Assert.Equal([0f, -4f, 0.25f], transform.Mean.ToArray());
        Assert.Equal([1f, 2f, 0.25f], transform.Scale.ToArray());
        Assert.Contains(result.Notices, n => n.Contains("input transform", StringComparison.Ordinal) && n.Contains("Sub node", StringComparison.Ordinal));

        // With the option off, the same normalisation is folded into the weights instead.
        var folded = Parity.Import(g.Bytes(), new OnnxImportOptions { NormalizationAsInputTransform = false });
        Assert.Null(folded.Network.InputTransform);
    }

    [Fact]
    public void Elementwise_constants_after_the_last_activation_become_the_output_transform()
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 4)
            .Initializer("W", [4, 3], s_w34).Initializer("scale", [4], [2, 3, 0.5, -1]).Initializer("offset", [4], [10, 20, 30, 40])
            .Node("Gemm", ["x", "W"], ["h"], ("transB", 1L)).Node("Sigmoid", ["h"], ["s"])
            .Node("Mul", ["s", "scale"], ["m"]).Node("Add", ["m", "offset"], ["y"]);
        var network = Parity.Import(g.Bytes()).Network;
        Assert.NotNull(network.OutputTransform);
        Assert.Equal([2f, 3f, 0.5f, -1f], network.OutputTransform.Scale.ToArray());
        Assert.Equal([10f, 20f, 30f, 40f], network.OutputTransform.Offset.ToArray());
    }

    [Fact]
    public void Consecutive_linear_layers_stay_two_identity_layers_and_constants_between_layers_fold_forward()
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 2)
            .Initializer("W1", [4, 3], s_w34).Initializer("W2", [2, 4], TestGraph.Random(8, 6)).Initializer("W3", [2, 2], [1, 2, 3, 4])
            .Initializer("k", [4], [0.5, 2, -1, 3])
            .Node("Gemm", ["x", "W1"], ["a"], ("transB", 1L))
            .Node("Relu", ["a"], ["r"])
            .Node("Mul", ["r", "k"], ["rk"])
            .Node("Gemm", ["rk", "W2"], ["b"], ("transB", 1L))
            .Node("Gemm", ["b", "W3"], ["y"], ("transB", 1L));
        var network = Parity.Import(g.Bytes()).Network;
        Assert.Equal("3-4-2-2", network.Shape);
        Assert.Equal("relu,identity,identity", string.Join(",", network.Layers.Select(l => l.Activation.ToString())));
    }

    [Fact]
    public void Float64_model_with_double_input()
    {
        var g = new TestGraph().Output("y", TensorProto.Types.DataType.Double, null, 4)
            .Initializer("W", [4, 3], s_w34, Encoding.DoubleData).Initializer("C", [4], s_b4, Encoding.RawDouble)
            .Node("Gemm", ["x", "W", "C"], ["h"], ("transB", 1L)).Node("Relu", ["h"], ["y"]);
        AddInput(g, "x", TensorProto.Types.DataType.Double, 3);
        Assert.Equal("3-4", Parity.Import(g.Bytes()).Network.Shape);
    }

    [Fact]
    public void Legacy_opset_6_broadcast_with_axis()
    {
        // Opset ≤ 6 aligns the bias at `axis` (here [4] at axis 1 of [N, 4]). ONNX Runtime has no opset-6 kernels,
        // so the expected layer is written out: W' = Wᵀ, b = C.
        var g = new TestGraph(6).Input("x", null, 3).Output("y", null, 4)
            .Initializer("W", [3, 4], s_w34).Initializer("C", [4], s_b4)
            .Node("MatMul", ["x", "W"], ["h"])
            .Node("Add", ["h", "C"], ["y"], ("broadcast", 1L), ("axis", 1L));
        var layer = Assert.Single(OnnxImporter.Import(g.Bytes()).Network.Layers);
        Assert.Equal(s_b4.Select(v => (float)v), layer.Bias.ToArray());
        Assert.Equal((float)s_w34[(2 * 4) + 1], layer.Weight(1, 2));
    }

    [Fact]
    public void Unsorted_graph_with_constants_after_their_use_is_accepted()
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 4)
            .Node("MatMul", ["x", "W"], ["y"])
            .ConstantNode("W", [3, 4], s_w34);
        Assert.Equal("3-4", Parity.Import(g.Bytes()).Network.Shape);
    }

    private static void AddInput(TestGraph g, string name, TensorProto.Types.DataType type, long features)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = features });
        g.Graph.Input.Add(new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        });
    }
}
