using LumpGen.Format;
using LumpGen.Testing;
using Xunit.Abstractions;

namespace LumpGen.Onnx.Tests;

/// <summary>
/// Every ONNX model under ../shared/data/onnx: the pure MLPs import and match ONNX Runtime; the others are
/// refused with the documented message (docs/onnx.md lists the same decisions).
/// </summary>
public sealed class SharedModelTests(ITestOutputHelper output)
{
    // 1,000 random inputs per model, as the issue asks; each comparison takes a few milliseconds.
    private const int Samples = 1000;

    // ONNX Runtime computes in float32, the reference evaluator in double: float32 rounding over a few
    // hundred-term dot products stays below ~1e-6 of the output scale; 1e-5 leaves a 10× margin.
    private const double Tolerance = 1e-5;

    /// <summary>Path under onnx/, expected shape, expected activations (comma-separated).</summary>
    public static TheoryData<string, string, string> Importable => new()
    {
        { "marabou/fc1.onnx", "2-25-25-25-2", "relu,relu,relu,identity" },
        { "marabou/fc2.onnx", "784-10-10", "identity,identity" },
        { "marabou/fc_2-2-3.onnx", "2-2-3", "relu,identity" },
        { "marabou/fc_2-2sigmoids-3.onnx", "2-2-3", "sigmoid,identity" },
        { "marabou/fc_matMul.onnx", "125-25-50-50-5-5", "identity,relu,identity,identity,identity" },
        { "marabou/linear2-3_bn1-linear3-1.onnx", "2-3-1", "identity,identity" },
        { "marabou/mnist2x10.onnx", "784-10-10-10", "relu,relu,identity" },
        { "marabou/mnist2x5_sigmoid.onnx", "784-5-5-10", "sigmoid,sigmoid,identity" },
        { "marabou/mnist5x20_leaky_relu.onnx", "784-20-20-20-20-20-20-10", "leaky_relu(0.1),leaky_relu(0.1),leaky_relu(0.1),leaky_relu(0.1),leaky_relu(0.1),leaky_relu(0.1),identity" },
        { "marabou/softmax-last-layer.onnx", "784-32-32-10", "relu,relu,softmax" },
        { "marabou/yizhak_net.onnx", "784-256-10", "identity,identity" },
        { "marabou/acasxu_ACASXU_experimental_v2a_1_1.onnx", "5-50-50-50-50-50-50-5", "relu,relu,relu,relu,relu,relu,identity" },
        { "marabou/layer-zoo_gemm.onnx", "4-4", "identity" },
        { "marabou/layer-zoo_matmul.onnx", "6-4", "identity" },
        { "modelverification/small_nnet.onnx", "1-2-2-1", "relu,relu,relu" },
        { "modelverification/model_drl_unsafe.onnx", "7-32-32-3", "relu,relu,identity" },
        { "numpy-quant/mlp.onnx", "2-5-2", "relu,sigmoid" },
    };

    /// <summary>Path under onnx/, error kind, operator type at fault (or empty), a fragment of the message.</summary>
    public static TheoryData<string, OnnxErrorKind, string, string> Refused => new()
    {
        { "marabou/KJ_TinyTaxiNet.onnx", OnnxErrorKind.UnsupportedOperator, "Conv", "convolutions are not supported" },
        { "marabou/layer-zoo_relu.onnx", OnnxErrorKind.UnsupportedUsage, "Relu", "before any dense layer" },
        { "marabou/layer-zoo_sigmoid.onnx", OnnxErrorKind.UnsupportedUsage, "Sigmoid", "before any dense layer" },
        { "marabou/layer-zoo_tanh.onnx", OnnxErrorKind.UnsupportedUsage, "Tanh", "before any dense layer" },
        { "marabou/layer-zoo_add.onnx", OnnxErrorKind.UnsupportedGraph, "", "no dense layer" },
    };

    [Theory]
    [MemberData(nameof(Importable))]
    public void Pure_mlp_imports_and_matches_onnx_runtime(string file, string shape, string activations)
    {
        string path = RepoPaths.Data("onnx", file);
        var result = OnnxImporter.Import(path);
        var network = result.Network;
        output.WriteLine($"{file}: {network}");
        foreach (string notice in result.Notices)
        {
            output.WriteLine("  notice: " + notice);
        }

        Assert.Equal(shape, network.Shape);
        Assert.Equal(activations, string.Join(",", network.Layers.Select(l => l.Activation.ToString())));

        double error = OrtOracle.MaxRelativeError(network, ForOnnxRuntime(File.ReadAllBytes(path)), Samples, seed: file.Length);
        output.WriteLine($"  max |reference − ONNX Runtime| / output scale = {error:E2}");
        Assert.True(error <= Tolerance, $"{file}: relative error {error:E3} exceeds {Tolerance:E0}");
    }

    [Theory]
    [MemberData(nameof(Importable))]
    public void Exported_network_runs_in_onnx_runtime_like_the_reference(string file, string shape, string activations)
    {
        _ = activations;
        var network = OnnxImporter.Import(RepoPaths.Data("onnx", file)).Network;
        byte[] exported = OnnxExporter.ToBytes(network);
        double error = OrtOracle.MaxRelativeError(network, exported, Samples, seed: shape.Length);
        output.WriteLine($"{file}: export max relative error {error:E2}");
        Assert.True(error <= Tolerance, $"{file}: exported relative error {error:E3} exceeds {Tolerance:E0}");
    }

    [Fact]
    public void Small_nnet_matches_its_nnet_text_form()
    {
        // small_nnet.nnet: h1 = relu(x + 1.5) (2 neurons), h2 = relu(2·h1 + 2·h1' + 2.5) (2), y = relu(3·h2 + 3·h2' + 3.5).
        var network = OnnxImporter.Import(RepoPaths.Data("onnx", "modelverification", "small_nnet.onnx")).Network;
        Assert.Equal(54.5, Evaluation.ReferenceEvaluator.Predict(network, [0f])[0], 12);
        Assert.Equal(18.5, Evaluation.ReferenceEvaluator.Predict(network, [-2f])[0], 12);
        Assert.Equal(66.5, Evaluation.ReferenceEvaluator.Predict(network, [0.5f])[0], 12);
    }

    /// <summary>
    /// small_nnet.onnx declares a float32 input but float64 weights, which ONNX Runtime rejects as a type
    /// error; the oracle runs a copy whose input and output are declared float64 (what the file means).
    /// </summary>
    private static byte[] ForOnnxRuntime(byte[] bytes)
    {
        var model = global::Onnx.ModelProto.Parser.ParseFrom(bytes);
        if (model.Graph.Initializer.All(t => t.DataType != (int)global::Onnx.TensorProto.Types.DataType.Double))
        {
            return bytes;
        }

        foreach (var info in model.Graph.Input.Concat(model.Graph.Output))
        {
            info.Type.TensorType.ElemType = (int)global::Onnx.TensorProto.Types.DataType.Double;
        }

        return Google.Protobuf.MessageExtensions.ToByteArray(model);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Non_mlp_model_is_refused_with_the_documented_message(string file, OnnxErrorKind kind, string opType, string fragment)
    {
        var e = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(RepoPaths.Data("onnx", file)));
        output.WriteLine(e.Message);
        Assert.Equal(kind, e.Kind);
        Assert.Equal(opType.Length == 0 ? null : opType, e.OpType);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(Path.GetFileName(file) + ": ", e.Message, StringComparison.Ordinal);
        if (e.OpType is not null)
        {
            Assert.True(e.Position >= 0);
            Assert.Contains($"(#{e.Position})", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Convolution_refusal_names_operator_node_position_and_supported_list()
    {
        var e = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(RepoPaths.Data("onnx", "marabou", "KJ_TinyTaxiNet.onnx")));
        Assert.Equal("conv2d/Conv2D", e.NodeName);
        Assert.Equal(1, e.Position);
        Assert.Equal(
            "KJ_TinyTaxiNet.onnx: Conv node 'conv2d/Conv2D' (#1): convolutions are not supported: LumpGen compresses fully connected networks (MLPs). " +
            "Supported operators: " + OnnxOperators.SupportedText,
            e.Message);
    }

    [Fact]
    public void Every_shared_onnx_file_has_a_decision()
    {
        // A new file in ../shared/data/onnx must be added to one of the tables above (and to docs/onnx.md).
        string root = RepoPaths.Data("onnx");
        var files = Directory.EnumerateFiles(root, "*.onnx", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var decided = Importable.Select(row => (string)row[0]).Concat(Refused.Select(row => (string)row[0])).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(decided, files);
    }

    [Fact]
    public void Acas_xu_zero_normalisation_is_a_no_op()
    {
        // This ACAS Xu file subtracts an all-zero "AvgImg": the Sub is accepted and vanishes (no input transform).
        var network = OnnxImporter.Import(RepoPaths.Data("onnx", "marabou", "acasxu_ACASXU_experimental_v2a_1_1.onnx")).Network;
        Assert.Null(network.InputTransform);
        Assert.Equal(7, network.Layers.Count);
    }

    [Fact]
    public void Batch_normalisation_is_folded_into_the_dense_layer_before_it()
    {
        var network = OnnxImporter.Import(RepoPaths.Data("onnx", "marabou", "linear2-3_bn1-linear3-1.onnx")).Network;
        Assert.Equal(2, network.Layers.Count);
        Assert.Null(network.InputTransform);
        Assert.Null(network.OutputTransform);
        Assert.Equal(ActivationKind.Identity, network.Layers[0].Activation.Kind);
    }
}
