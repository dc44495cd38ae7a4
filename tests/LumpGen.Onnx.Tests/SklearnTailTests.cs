using Google.Protobuf;
using LumpGen.Format;
using Onnx;

namespace LumpGen.Onnx.Tests;

/// <summary>
/// Graphs built exactly as skl2onnx's MLPRegressor and MLPClassifier converters build them
/// (Cast, MatMul + Add with [1, n] intercepts, activation nodes, then the converter's tail).
/// </summary>
public sealed class SklearnTailTests
{
    private const long Features = 4;
    private const long Hidden = 5;

    private static TestGraph Body(long outputs, string outputActivation)
    {
        var g = new TestGraph(15, ml: true).Input("X", null, Features)
            .Initializer("coefficient", [Features, Hidden], TestGraph.Random((int)(Features * Hidden), 21, 1.5))
            .Initializer("intercepts", [1, Hidden], TestGraph.Random((int)Hidden, 22))
            .Initializer("coefficient1", [Hidden, outputs], TestGraph.Random((int)(Hidden * outputs), 23, 1.5))
            .Initializer("intercepts1", [1, outputs], TestGraph.Random((int)outputs, 24))
            .Node("Cast", ["X"], ["cast_input"], ("to", (long)TensorProto.Types.DataType.Float))
            .Node("MatMul", ["cast_input", "coefficient"], ["mul_result"])
            .Node("Add", ["mul_result", "intercepts"], ["add_result"])
            .Node("Tanh", ["add_result"], ["next_activations"])
            .Node("MatMul", ["next_activations", "coefficient1"], ["mul_result1"])
            .Node("Add", ["mul_result1", "intercepts1"], ["add_result1"]);
        return g.Node(outputActivation, ["add_result1"], ["out_activations_result"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void MLPRegressor(long targets)
    {
        var g = Body(targets, "Identity")
            .Int64Initializer("shape_tensor", [-1, 1])
            .Node("Reshape", ["out_activations_result", "shape_tensor"], ["variable"])
            .Output("variable", null, 1);
        var result = Parity.Import(g.Bytes());
        Assert.Equal($"{Features}-{Hidden}-{targets}", result.Network.Shape);
        Assert.Equal("tanh,identity", string.Join(",", result.Network.Layers.Select(l => l.Activation.ToString())));

        // Several targets: Reshape(-1, 1) stacks the batch into rows; the notice says how that is read.
        Assert.Equal(targets > 1, result.Notices.Any(n => n.Contains("merges the batch dimension", StringComparison.Ordinal)));
    }

    [Fact]
    public void MLPClassifier_multiclass_keeps_the_probabilities()
    {
        var g = Body(3, "Softmax").Node("Identity", ["out_activations_result"], ["probabilities"]);
        AddLabelAndZipMap(g, 3);
        var result = Parity.Import(g.Bytes(), ortModel: WithOutput(g, "probabilities", 3), ortOutput: "probabilities");
        Assert.Equal($"{Features}-{Hidden}-3", result.Network.Shape);
        Assert.Equal(ActivationKind.Softmax, result.Network.Layers[^1].Activation.Kind);
        Assert.Contains(result.Notices, n => n.Contains("Dropped the class-label output 'label'", StringComparison.Ordinal) && n.Contains("ArgMax", StringComparison.Ordinal));
        Assert.Contains(result.Notices, n => n.Contains("Dropped ZipMap node", StringComparison.Ordinal));
    }

    [Fact]
    public void MLPClassifier_binary_rewrites_one_minus_p()
    {
        var g = Body(1, "Sigmoid")
            .Initializer("unity", [], [1])
            .Node("Sub", ["unity", "out_activations_result"], ["negative_class_proba"])
            .Node("Concat", ["negative_class_proba", "out_activations_result"], ["probabilities"], ("axis", 1L));
        AddLabelAndZipMap(g, 2);
        var result = Parity.Import(g.Bytes(), ortModel: WithOutput(g, "probabilities", 2), ortOutput: "probabilities");
        Assert.Equal($"{Features}-{Hidden}-2", result.Network.Shape);
        var last = result.Network.Layers[^1];
        Assert.Equal(ActivationKind.Sigmoid, last.Activation.Kind);
        Assert.Equal(-last.Bias[1], last.Bias[0]);
        Assert.Contains(result.Notices, n => n.Contains("sigmoid(−z)", StringComparison.Ordinal));
    }

    /// <summary>skl2onnx's label tail (ArgMax → ArrayFeatureExtractor → Reshape → Cast) and ZipMap on the probabilities.</summary>
    private static void AddLabelAndZipMap(TestGraph g, int classes)
    {
        var classTensor = new TensorProto { Name = "classes", DataType = (int)TensorProto.Types.DataType.Int32 };
        classTensor.Dims.Add(classes);
        classTensor.Int32Data.Add(Enumerable.Range(0, classes));
        g.Graph.Initializer.Add(classTensor);
        g.Int64Initializer("shape_tensor", [-1])
            .Node("ArgMax", ["probabilities"], ["argmax_output"], ("axis", 1L))
            .NodeIn("ai.onnx.ml", "ArrayFeatureExtractor", ["classes", "argmax_output"], ["array_feature_extractor_result"])
            .Node("Reshape", ["array_feature_extractor_result", "shape_tensor"], ["reshaped_result"])
            .Node("Cast", ["reshaped_result"], ["label"], ("to", (long)TensorProto.Types.DataType.Int64))
            .NodeIn("ai.onnx.ml", "ZipMap", ["probabilities"], ["output_probability"], ("classlabels_int64s", Enumerable.Range(0, classes).Select(i => (long)i).ToArray()))
            .Output("label", TensorProto.Types.DataType.Int64, [null]);
        var map = new TypeProto
        {
            MapType = new TypeProto.Types.Map
            {
                KeyType = (int)TensorProto.Types.DataType.Int64,
                ValueType = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            },
        };
        g.Graph.Output.Add(new ValueInfoProto
        {
            Name = "output_probability",
            Type = new TypeProto { SequenceType = new TypeProto.Types.Sequence { ElemType = map } },
        });
    }

    /// <summary>The same model with <paramref name="tensor"/> as an extra graph output, so ONNX Runtime can return it.</summary>
    private static byte[] WithOutput(TestGraph g, string tensor, long width)
    {
        var model = g.Model().Clone();
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        model.Graph.Output.Add(new ValueInfoProto
        {
            Name = tensor,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        });
        return model.ToByteArray();
    }
}
