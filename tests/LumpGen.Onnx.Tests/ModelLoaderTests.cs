using LumpGen.Format;
using LumpGen.IO;
using LumpGen.Model;
using LumpGen.Testing;

namespace LumpGen.Onnx.Tests;

public sealed class ModelLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lumpgen-loader-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Onnx_to_lump_to_onnx_keeps_the_network()
    {
        var notices = new List<string>();
        var original = ModelLoader.Load(RepoPaths.Data("onnx", "marabou", "fc1.onnx"), notices);
        Assert.NotEmpty(original.Metadata.SourceSha256 ?? string.Empty);

        string lump = Path.Combine(_folder, "fc1.lump");
        ModelSaver.Save(original, lump);
        var fromLump = ModelLoader.Load(lump);

        string onnx = Path.Combine(_folder, "fc1.ONNX");
        ModelSaver.Save(fromLump, onnx);
        var fromOnnx = ModelLoader.Load(onnx);

        Assert.Equal(LumpFile.ToText(original), LumpFile.ToText(fromLump));
        Assert.Equal(LumpFile.ToText(original), LumpFile.ToText(fromOnnx));
    }

    [Fact]
    public void Imported_metadata_can_be_written_as_lump()
    {
        var network = ModelLoader.Load(RepoPaths.Data("onnx", "marabou", "mnist2x10.onnx"));
        Assert.Equal("mnist2x10", network.Metadata.Name);
        Assert.Contains(network.Metadata.PropertiesOrEmpty, p => p.Key == "onnx.producer" && p.Value == "pytorch 1.11.0");
        string text = LumpFile.ToText(network);
        Assert.Contains("mnist2x10", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model.txt")]
    [InlineData("model")]
    [InlineData("model.onnx.bak")]
    public void Unknown_extension_is_an_argument_error(string file)
    {
        string path = Path.Combine(_folder, file);
        var network = new Network([new DenseLayer([1f], [0f], Activation.Identity)]);
        Assert.Contains("expected .lump or .onnx", Assert.Throws<ArgumentException>(() => ModelLoader.Load(path)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ModelSaver.Save(network, path));
        Assert.False(ModelLoader.IsSupported(path));
    }

    [Fact]
    public void Onnx_errors_pass_through()
    {
        string path = Path.Combine(_folder, "bad.onnx");
        File.WriteAllText(path, "not protobuf");
        var e = Assert.Throws<OnnxImportException>(() => ModelLoader.Load(path));
        Assert.StartsWith("bad.onnx: ", e.Message, StringComparison.Ordinal);
    }
}
