using System.Text.Json;
using LumpGen.IO;
using LumpGen.Testing;

namespace LumpGen.Cli.Tests;

/// <summary><c>lumpgen compress</c> and <c>lumpgen ode reduce</c>: the documented JSON fields, stdout discipline, user errors.</summary>
public sealed class CompressAndOdeCommandTests
{
    private static string Demo => Path.Combine(RepoPaths.Root, DemoModel.RelativePath);

    [Fact]
    public void Compress_json_carries_the_counts_and_nothing_else_on_stdout()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("compress", Demo, "--epsilon", "0.5", "-o", temp.File("c.lump"), "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout); // throws if a table leaked onto stdout
        var root = json.RootElement;
        var written = LumpFile.Read(temp.File("c.lump"));
        Assert.Equal(written.ParameterCount, root.GetProperty("parametersAfter").GetInt64());
        Assert.True(root.GetProperty("parametersAfter").GetInt64() < root.GetProperty("parametersBefore").GetInt64());
        Assert.Equal(0.5, root.GetProperty("epsilon").GetDouble());
        var layers = root.GetProperty("layers").EnumerateArray().ToArray();
        Assert.Equal(written.Layers.Count, layers.Length);
        Assert.Equal(written.Layers.Select(l => l.OutputLength), layers.Select(l => l.GetProperty("neuronsAfter").GetInt32()));
        Assert.Contains("neurons before", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_to_a_parameter_percentage_meets_it()
    {
        using var temp = new TempFolder();
        var (code, stdout, _) = CliRunner.Run("compress", Demo, "--target-params", "50%", "-o", temp.File("c.lump"), "--json");
        Assert.Equal(0, code);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.True(root.GetProperty("parametersAfter").GetInt64() <= root.GetProperty("parametersBefore").GetInt64() / 2);
    }

    [Theory]
    [InlineData(new[] { "--epsilon", "1", "--max-rmse", "0.1" }, "only one of")]
    [InlineData(new[] { "--epsilon", "-1" }, "--epsilon must be")]
    [InlineData(new[] { "--target-params", "150%" }, "--target-params '150%'")]
    [InlineData(new[] { "--epsilon", "0", "--refit" }, "--refit needs calibration data")]
    public void Compress_rejects_bad_goals_as_user_errors(string[] goal, string message)
    {
        using var temp = new TempFolder();
        var (code, _, stderr) = CliRunner.Run(["compress", Demo, "-o", temp.File("c.lump"), .. goal]);
        Assert.Equal(1, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ode_reduce_reproduces_erodes_forward_reduction()
    {
        using var temp = new TempFolder();
        string model = RepoPaths.Data("ode", "erode-mln", "out_arenasPLsynth2_100_0._ode");
        var (code, stdout, _) = CliRunner.Run("ode", "reduce", model, "--fde", "-o", temp.File("r.ode"), "--json");
        Assert.Equal(0, code);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(300, root.GetProperty("variables").GetInt32());
        Assert.Equal(258, root.GetProperty("blocks").GetInt32()); // ERODE's fe_out header: "Reduced number of species: 258"
        Assert.Contains("Reduced number of species: 258", File.ReadAllText(temp.File("r.ode")), StringComparison.Ordinal);
    }

    [Fact]
    public void Ode_reduce_reports_bad_input_with_line_and_token()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("bad.ode"), "begin model m\n begin init\n  x = 1\n end init\n begin ODE\n  d(x) = y\n end ODE\nend model\n");
        var (code, _, stderr) = CliRunner.Run("ode", "reduce", temp.File("bad.ode"), "--bde");
        Assert.Equal(1, code);
        Assert.Contains("bad.ode:6: found 'y'", stderr, StringComparison.Ordinal);
    }
}
