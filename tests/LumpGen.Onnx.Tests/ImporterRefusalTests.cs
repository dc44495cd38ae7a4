using Onnx;

namespace LumpGen.Onnx.Tests;

/// <summary>Each refusal: the right kind, the operator type, node name and position, and a message that says what to do.</summary>
public sealed class ImporterRefusalTests
{
    private static readonly double[] s_w33 = TestGraph.Random(9, 11);

    private static OnnxImportException Refuse(TestGraph g, OnnxErrorKind kind, string? opType, string fragment)
    {
        var e = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(g.Bytes(), "bad.onnx"));
        Assert.Equal(kind, e.Kind);
        Assert.Equal(opType, e.OpType);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.onnx: ", e.Message, StringComparison.Ordinal);
        if (opType is not null)
        {
            var node = g.Graph.Node[e.Position];
            Assert.Equal(opType, node.OpType);
            Assert.Equal(node.Name, e.NodeName);
            Assert.Contains($"{opType} node '{node.Name}' (#{e.Position})", e.Message, StringComparison.Ordinal);
        }

        return e;
    }

    [Fact]
    public void Convolution()
    {
        var g = new TestGraph().Input("x", null, 1, 4, 4).Output("y", null, 3)
            .Initializer("K", [2, 1, 2, 2], TestGraph.Random(8, 1)).Initializer("W", [3, 18], TestGraph.Random(54, 2))
            .Node("Conv", ["x", "K"], ["c"]).Node("Flatten", ["c"], ["f"]).Node("Gemm", ["f", "W"], ["y"], ("transB", 1L));
        var e = Refuse(g, OnnxErrorKind.UnsupportedOperator, "Conv", "convolutions are not supported");
        Assert.Equal(0, e.Position);
        Assert.Contains("Supported operators: Gemm, MatMul", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LSTM", "recurrent layers are not supported")]
    [InlineData("GRU", "recurrent layers are not supported")]
    [InlineData("RNN", "recurrent layers are not supported")]
    [InlineData("MaxPool", "pooling")]
    [InlineData("Loop", "control flow")]
    [InlineData("Erf", "this operator is not supported")]
    public void Refused_operator_families(string opType, string fragment)
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 3)
            .Initializer("W", [3, 3], s_w33)
            .Node("MatMul", ["x", "W"], ["h"]).Node(opType, ["h"], ["y"]);
        var e = Refuse(g, OnnxErrorKind.UnsupportedOperator, opType, fragment);
        Assert.Equal(1, e.Position);
    }

    [Fact]
    public void Residual_connection()
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 3).Initializer("W", [3, 3], s_w33)
            .Node("Gemm", ["x", "W"], ["h"]).Node("Relu", ["h"], ["r"]).Node("Add", ["r", "x"], ["y"]);
        Refuse(g, OnnxErrorKind.UnsupportedGraph, "Add", "the graph branches: 'x' was computed from the network input");
    }

    [Fact]
    public void Parallel_branches()
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 6)
            .Initializer("A", [3, 3], s_w33).Initializer("B", [3, 3], TestGraph.Random(9, 12))
            .Node("Gemm", ["x", "A"], ["a"]).Node("Relu", ["a"], ["ra"])
            .Node("Gemm", ["x", "B"], ["b"]).Node("Sigmoid", ["b"], ["sb"])
            .Node("Concat", ["ra", "sb"], ["y"], ("axis", 1L));
        Refuse(g, OnnxErrorKind.UnsupportedGraph, "Gemm", "single chain of layers");
    }

    [Fact]
    public void External_data()
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 3).Node("MatMul", ["x", "W"], ["y"]);
        var w = new TensorProto { Name = "W", DataType = (int)TensorProto.Types.DataType.Float, DataLocation = TensorProto.Types.DataLocation.External };
        w.Dims.Add([3, 3]);
        w.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "weights.bin" });
        g.Graph.Initializer.Add(w);
        Refuse(g, OnnxErrorKind.ExternalData, "MatMul", "external file 'weights.bin'");
    }

    [Fact]
    public void Dynamic_weights_from_a_second_graph_input()
    {
        var g = new TestGraph().Input("x", null, 3).Input("W", 3, 3).Output("y", null, 3).Node("MatMul", ["x", "W"], ["y"]);
        Refuse(g, OnnxErrorKind.DynamicWeights, "MatMul", "'W' is a second graph input, not a constant");
    }

    [Fact]
    public void Dynamic_weights_computed_from_the_input()
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 3).Initializer("W", [3, 3], s_w33)
            .Node("Gemm", ["x", "W"], ["h"]).Node("MatMul", ["h", "h"], ["y"]);
        Refuse(g, OnnxErrorKind.DynamicWeights, "MatMul", "dynamic weights");
    }

    [Fact]
    public void Unknown_domain()
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 3).Initializer("W", [3, 3], s_w33)
            .NodeIn("com.microsoft", "FusedGemm", ["x", "W"], ["y"]);
        Refuse(g, OnnxErrorKind.UnknownDomain, "FusedGemm", "domain 'com.microsoft' is not supported");
    }

    [Fact]
    public void Softmax_before_the_last_layer()
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 3).Initializer("W", [3, 3], s_w33)
            .Node("Gemm", ["x", "W"], ["h"]).Node("Softmax", ["h"], ["s"]).Node("Gemm", ["s", "W"], ["g"]).Node("Relu", ["g"], ["y"]);
        Refuse(g, OnnxErrorKind.UnsupportedUsage, "Gemm", "softmax is supported on the last layer only");
    }

    [Fact]
    public void Activation_on_the_raw_input()
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 3).Node("Relu", ["x"], ["y"]);
        Refuse(g, OnnxErrorKind.UnsupportedUsage, "Relu", "before any dense layer");
    }

    [Fact]
    public void Constant_varying_along_the_batch()
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 3).Initializer("W", [3, 3], s_w33).Initializer("B", [5, 3], TestGraph.Random(15, 3))
            .Node("Gemm", ["x", "W"], ["h"]).Node("Add", ["h", "B"], ["y"]);
        Refuse(g, OnnxErrorKind.UnsupportedUsage, "Add", "varies along the batch dimension");
    }

    [Fact]
    public void Several_outputs_need_a_choice()
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 3).Output("z", null, 3).Initializer("W", [3, 3], s_w33)
            .Node("Gemm", ["x", "W"], ["y"]).Node("Relu", ["y"], ["z"]);
        Refuse(g, OnnxErrorKind.UnsupportedGraph, null, "OnnxImportOptions.OutputName");

        var chosen = OnnxImporter.Import(g.Bytes(), options: new OnnxImportOptions { OutputName = "z" }).Network;
        Assert.Equal("relu", Assert.Single(chosen.Layers).Activation.ToString());
    }

    [Fact]
    public void Wrong_tensor_size()
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 3).Initializer("W", [3, 3], TestGraph.Random(8, 1)).Node("MatMul", ["x", "W"], ["y"]);
        Refuse(g, OnnxErrorKind.InvalidValue, "MatMul", "has 32 bytes of raw_data but its shape needs 9 × 4 = 36");
    }

    [Fact]
    public void Non_finite_weight()
    {
        var g = new TestGraph().Input("x", null, 3).Output("y", null, 3).Initializer("W", [3, 3], [1, 2, 3, 4, double.NaN, 6, 7, 8, 9]).Node("MatMul", ["x", "W"], ["y"]);
        Refuse(g, OnnxErrorKind.InvalidValue, "MatMul", "is NaN; weights must be finite.");
    }

    [Fact]
    public void Cycle()
    {
        var g = new TestGraph().Input("x", null, 3).Output("b", null, 3).Initializer("W", [3, 3], s_w33)
            .Node("Add", ["x", "b"], ["a"]).Node("Gemm", ["a", "W"], ["b"]);
        Refuse(g, OnnxErrorKind.InvalidValue, "Add", "the graph has a cycle");
    }

    [Fact]
    public void Not_an_onnx_file()
    {
        var e = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import("not a model"u8, "text.onnx"));
        Assert.Equal(OnnxErrorKind.InvalidFile, e.Kind);
        Assert.Null(e.OpType);
        Assert.Equal(-1, e.Position);
    }
}
