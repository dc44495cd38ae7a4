using LumpGen.Format;
using LumpGen.Model;
using Onnx;

namespace LumpGen.Onnx.Tests;

/// <summary>Network → ONNX: runs in ONNX Runtime like the reference evaluator, carries metadata, and imports back unchanged.</summary>
public sealed class ExporterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lumpgen-onnx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static DenseLayer Layer(int inputs, int outputs, Activation activation, int seed, int[]? partition = null) => new(
        [.. TestGraph.Random(inputs * outputs, seed).Select(v => (float)v)],
        [.. TestGraph.Random(outputs, seed + 100, 0.3).Select(v => (float)v)],
        activation,
        partition);

    /// <summary>Every activation, both transforms, partitions and full metadata.</summary>
    private static Network Sample(Activation last)
    {
        DenseLayer[] layers =
        [
            Layer(5, 8, Activation.Relu, 1),
            Layer(8, 7, Activation.LeakyRelu(0.2f), 2),
            Layer(7, 6, Activation.Tanh, 3, partition: [0, 1, 2, 3, 4, 5, 5, 1]),
            Layer(6, 6, Activation.Sigmoid, 4),
            Layer(6, 5, Activation.Softplus, 5),
            Layer(5, 5, Activation.Elu(0.7f), 6),
            Layer(5, 4, last, 7),
        ];
        var input = new InputTransform([0.5f, -1f, 2f, 0f, 3f], [2f, 0.5f, 1f, 4f, 10f]);
        var output = last.Kind == ActivationKind.Softmax ? null : new OutputTransform([2f, -1f, 0.5f, 3f], [1f, 0f, -2f, 0.25f]);
        var metadata = new NetworkMetadata(
            "sample net", new string('a', 64), 0.125, 12345, "mean",
            [new KeyValuePair<string, string>("dataset", "abalone"), new KeyValuePair<string, string>("note", "x y")]);
        return new Network(layers, input, output, metadata);
    }

    public static TheoryData<string> LastActivations => new() { "identity", "softmax", "gelu", "sigmoid" };

    [Theory]
    [MemberData(nameof(LastActivations))]
    public void Export_runs_in_onnx_runtime_like_the_reference_evaluator(string last)
    {
        Assert.True(Activation.TryParse(last, out var activation));
        var network = Sample(activation);
        double error = OrtOracle.MaxRelativeError(network, OnnxExporter.ToBytes(network), 1000, seed: 3);
        Assert.True(error <= Parity.Tolerance, $"relative error {error:E3}");
    }

    [Fact]
    public void Export_is_opset_17_with_producer_and_provenance_metadata()
    {
        var model = ModelProto.Parser.ParseFrom(OnnxExporter.ToBytes(Sample(Activation.Identity)));
        Assert.Equal(OnnxMetadataKeys.Producer, model.ProducerName);
        Assert.False(string.IsNullOrEmpty(model.ProducerVersion));
        Assert.Equal(17, Assert.Single(model.OpsetImport).Version);
        var props = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("0.125", props[OnnxMetadataKeys.Epsilon]);
        Assert.Equal("12345", props[OnnxMetadataKeys.OriginalParameterCount]);
        Assert.Equal("abalone", props[OnnxMetadataKeys.PropertyPrefix + "dataset"]);
        Assert.Equal("0,1,2,3,4,5,5,1", props[OnnxMetadataKeys.Partition(2)]);
        Assert.Equal(["Sub", "Div", "Gemm", "Relu"], model.Graph.Node.Take(4).Select(n => n.OpType));
        Assert.Equal(OnnxExporter.OutputName, model.Graph.Node[^1].Output[0]);
    }

    [Fact]
    public void Gelu_needs_opset_20()
    {
        var model = ModelProto.Parser.ParseFrom(OnnxExporter.ToBytes(Sample(Activation.Gelu)));
        Assert.Equal(20, Assert.Single(model.OpsetImport).Version);
    }

    [Theory]
    [MemberData(nameof(LastActivations))]
    public void Export_then_import_gives_back_the_same_network(string last)
    {
        Assert.True(Activation.TryParse(last, out var activation));
        var network = Sample(activation);
        var result = OnnxImporter.Import(OnnxExporter.ToBytes(network));
        var back = result.Network;
        Assert.All(result.Notices, n => Assert.Contains("transform", n, StringComparison.Ordinal));
        Assert.Equal(network.Layers.Count, back.Layers.Count);
        for (int i = 0; i < network.Layers.Count; i++)
        {
            Assert.Equal(network.Layers[i].Activation, back.Layers[i].Activation);
            Assert.Equal(network.Layers[i].Weights.ToArray(), back.Layers[i].Weights.ToArray()); // bit-exact
            Assert.Equal(network.Layers[i].Bias.ToArray(), back.Layers[i].Bias.ToArray());
            Assert.Equal(network.Layers[i].Partition, back.Layers[i].Partition);
        }

        Assert.Equal(network.InputTransform!.Mean.ToArray(), back.InputTransform!.Mean.ToArray());
        Assert.Equal(network.InputTransform.Scale.ToArray(), back.InputTransform.Scale.ToArray());
        Assert.Equal(network.OutputTransform?.Scale.ToArray(), back.OutputTransform?.Scale.ToArray());
        Assert.Equal(network.OutputTransform?.Offset.ToArray(), back.OutputTransform?.Offset.ToArray());
        Assert.Equal(network.Metadata.Name, back.Metadata.Name);
        Assert.Equal(network.Metadata.Epsilon, back.Metadata.Epsilon);
        Assert.Equal(network.Metadata.OriginalParameterCount, back.Metadata.OriginalParameterCount);
        Assert.Equal(network.Metadata.SourceSha256, back.Metadata.SourceSha256);
        Assert.Equal(network.Metadata.Quotient, back.Metadata.Quotient);
        Assert.Equal(network.Metadata.PropertiesOrEmpty, back.Metadata.PropertiesOrEmpty);
    }

    [Fact]
    public void Export_writes_atomically_and_deterministically()
    {
        var network = Sample(Activation.Identity);
        string path = Path.Combine(_folder, "model.onnx");
        OnnxExporter.Export(network, path);
        byte[] first = File.ReadAllBytes(path);
        OnnxExporter.Export(network, path);
        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.Equal(first, OnnxExporter.ToBytes(network));
        Assert.Equal(["model.onnx"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Export_to_a_missing_folder_leaves_nothing_behind()
    {
        string path = Path.Combine(_folder, "missing", "model.onnx");
        Assert.Throws<DirectoryNotFoundException>(() => OnnxExporter.Export(Sample(Activation.Identity), path));
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }
}
