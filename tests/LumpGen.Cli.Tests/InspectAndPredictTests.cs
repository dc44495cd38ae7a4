using System.Text.Json;
using LumpGen.Evaluation;
using LumpGen.IO;
using LumpGen.Testing;

namespace LumpGen.Cli.Tests;

public class InspectAndPredictTests
{
    private static string Demo => Path.Combine(RepoPaths.Root, DemoModel.RelativePath);

    [Fact]
    public void Inspect_prints_layers_and_parameter_counts()
    {
        var (code, stdout, _) = CliRunner.Run("inspect", Demo);
        Assert.Equal(0, code);
        Assert.Contains("4-24-24-1", stdout, StringComparison.Ordinal);
        Assert.Contains("745 parameters", stdout, StringComparison.Ordinal); // 4·24+24 + 24·24+24 + 24+1
        Assert.Contains("dense 24 → 24", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_json_is_the_only_thing_on_stdout()
    {
        var (code, stdout, _) = CliRunner.Run("inspect", Demo, "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(745, json.RootElement.GetProperty("parameters").GetInt64());
        Assert.Equal(3, json.RootElement.GetProperty("layers").GetArrayLength());
        Assert.Equal("tanh", json.RootElement.GetProperty("layers")[0].GetProperty("activation").GetString());
    }

    [Fact]
    public void Predict_writes_the_reference_outputs()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("in.csv"), "0.1,0.2,0.3,0.4\n1,2,3,4\n-1e3,0,1E-2,5\n");
        var (code, _, stderr) = CliRunner.Run("predict", Demo, "--input", temp.File("in.csv"), "-o", temp.File("out.csv"));
        Assert.Equal(0, code);
        Assert.Contains("wrote 3 predictions", stderr, StringComparison.Ordinal);
        var network = LumpFile.Read(Demo);
        double[] expected = ReferenceEvaluator.PredictBatch(network, [0.1f, 0.2f, 0.3f, 0.4f, 1, 2, 3, 4, -1e3f, 0, 1e-2f, 5]);
        double[] actual = [.. File.ReadAllLines(temp.File("out.csv")).Select(l => double.Parse(l, System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(expected, actual); // "R" formatting round-trips doubles exactly
    }

    [Theory]
    [InlineData("missing.lump", "does not exist")]
    [InlineData("in.csv", "expected .lump")]
    [InlineData("bad.lump", "line 1: expected 'lump <version>'")]
    public void Bad_models_are_a_one_line_user_error(string file, string message)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("in.csv"), "1,2\n");
        File.WriteAllText(temp.File("bad.lump"), "hello\n");
        var (code, stdout, stderr) = CliRunner.Run("inspect", temp.File(file));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal); // no stack trace without --verbose
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Verbose_adds_the_stack_trace()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("bad.lump"), "hello\n");
        var (code, _, stderr) = CliRunner.Run("inspect", temp.File("bad.lump"), "--verbose");
        Assert.Equal(1, code);
        Assert.Contains("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_rejects_a_csv_with_the_wrong_width_and_writes_nothing()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("in.csv"), "1,2,3\n");
        var (code, _, stderr) = CliRunner.Run("predict", Demo, "-i", temp.File("in.csv"), "-o", temp.File("out.csv"));
        Assert.Equal(1, code);
        Assert.Contains("has 3 columns but the model takes 4 inputs", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("out.csv")));
    }

    [Fact]
    public void Missing_required_option_is_a_usage_error()
    {
        var (code, _, stderr) = CliRunner.Run("predict", Demo);
        Assert.Equal(1, code);
        Assert.Contains("--input", stderr, StringComparison.Ordinal);
    }
}
