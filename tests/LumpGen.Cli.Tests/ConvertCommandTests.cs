using System.Globalization;
using System.Text.Json;
using LumpGen.Evaluation;
using LumpGen.IO;
using LumpGen.Onnx;
using LumpGen.Testing;

namespace LumpGen.Cli.Tests;

/// <summary><c>convert</c> in both directions, and <c>inspect</c>/<c>predict</c> on .onnx files.</summary>
public class ConvertCommandTests
{
    private static string Demo => Path.Combine(RepoPaths.Root, DemoModel.RelativePath);

    private static string Mlp => RepoPaths.Data("onnx", "numpy-quant", "mlp.onnx");

    [Fact]
    public void Lump_to_onnx_and_back_is_exact()
    {
        using var temp = new TempFolder();
        var (code, _, stderr) = CliRunner.Run("convert", Demo, "-o", temp.File("demo.onnx"));
        Assert.Equal(0, code);
        Assert.Contains("wrote", stderr, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("convert", temp.File("demo.onnx"), "-o", temp.File("back.lump")).ExitCode);

        // Weights, transforms and metadata survive the round trip; only the import's notices are new.
        Assert.Equal(LumpFile.ToText(LumpFile.Read(Demo)), LumpFile.ToText(LumpFile.Read(temp.File("back.lump"))));
    }

    [Fact]
    public void Onnx_to_lump_prints_the_import_notices()
    {
        using var temp = new TempFolder();
        var (code, _, stderr) = CliRunner.Run("convert", RepoPaths.Data("onnx", "marabou", "fc2.onnx"), "-o", temp.File("fc2.lump"));
        Assert.Equal(0, code);
        Assert.Contains("note: ", stderr, StringComparison.Ordinal); // fc2's Flatten(axis=0) folds the batch
        var network = LumpFile.Read(temp.File("fc2.lump"));
        Assert.Equal("784-10-10", network.Shape);
        Assert.Equal(OnnxImporter.Import(RepoPaths.Data("onnx", "marabou", "fc2.onnx")).Network.Layers[1].Weights.ToArray(), network.Layers[1].Weights.ToArray());
    }

    [Fact]
    public void Inspect_and_predict_accept_onnx()
    {
        var (code, stdout, _) = CliRunner.Run("inspect", Mlp, "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(27, json.RootElement.GetProperty("parameters").GetInt64());
        Assert.Equal("sigmoid", json.RootElement.GetProperty("layers")[1].GetProperty("activation").GetString());

        using var temp = new TempFolder();
        File.WriteAllText(temp.File("in.csv"), "0.5,-1\n2,3\n");
        Assert.Equal(0, CliRunner.Run("predict", Mlp, "-i", temp.File("in.csv"), "-o", temp.File("out.csv")).ExitCode);
        double[] expected = ReferenceEvaluator.PredictBatch(OnnxImporter.Import(Mlp).Network, [0.5f, -1f, 2f, 3f]);
        double[] actual = [.. File.ReadAllLines(temp.File("out.csv")).SelectMany(l => l.Split(',')).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("marabou/KJ_TinyTaxiNet.onnx", "out.lump", "Conv node 'conv2d/Conv2D' (#1): convolutions are not supported")]
    [InlineData("numpy-quant/mlp.onnx", "out.txt", "expected .lump or .onnx")]
    public void Refusals_are_one_line_user_errors_and_write_nothing(string model, string output, string message)
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("convert", RepoPaths.Data("onnx", model), "-o", temp.File(output));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}
