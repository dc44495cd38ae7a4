using System.Text.Json;
using LumpGen.IO;
using LumpGen.Testing;

namespace LumpGen.Cli.Tests;

public class BundledDemoTests
{
    [Fact]
    public void Compress_without_a_model_uses_the_bundled_demo_and_finds_its_planted_prototypes()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("compress", "-o", temp.File("demo.lumped.lump"), "--json");
        Assert.Equal(0, code);
        Assert.Contains("no model given", stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(745, json.RootElement.GetProperty("parametersBefore").GetInt64());

        // Layer 0 has 8 prototypes × 3 copies perturbed by at most ±0.02 per weight: at ε = 0.3 the copies merge.
        Assert.Equal(8, json.RootElement.GetProperty("layers")[0].GetProperty("neuronsAfter").GetInt32());
        var reduced = LumpFile.Read(temp.File("demo.lumped.lump"));
        Assert.Equal(0.3, reduced.Metadata.Epsilon);
        Assert.Equal(745, reduced.Metadata.OriginalParameterCount);
    }

    [Fact]
    public void Bundled_demo_is_the_committed_sample() =>
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, DemoModel.RelativePath)), Infrastructure.BundledModel.Text);

    [Fact]
    public void Compress_of_a_user_model_without_a_budget_explains_the_three_choices()
    {
        var (code, _, stderr) = CliRunner.Run("compress", Path.Combine(RepoPaths.Root, DemoModel.RelativePath));
        Assert.Equal(1, code);
        Assert.Contains("--epsilon", stderr, StringComparison.Ordinal);
        Assert.Contains("--target-params", stderr, StringComparison.Ordinal);
        Assert.Contains("--max-rmse", stderr, StringComparison.Ordinal);
    }
}

public class CompressAblationTests
{
    private static string Demo => Path.Combine(RepoPaths.Root, DemoModel.RelativePath);

    [Theory]
    [InlineData("--engine", "general", "general", 241)] // the general engine gives the fast path's partition
    [InlineData("--engine", "fast", "fast", 241)]
    [InlineData("--encoding", "forward", "general", 159)]
    [InlineData("--equivalence", "bde", "general", 63)]
    public void Engine_and_ablations_are_selectable(string option, string value, string engine, long parametersAfter)
    {
        using var temp = new TempFolder();
        var (code, stdout, _) = CliRunner.Run("compress", Demo, "--epsilon", "0.3", "-o", temp.File("x.lump"), option, value, "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(engine, json.RootElement.GetProperty("engine").GetString());
        Assert.Equal(parametersAfter, json.RootElement.GetProperty("parametersAfter").GetInt64());
    }

    [Fact]
    public void Fast_engine_with_an_ablation_is_a_user_error()
    {
        using var temp = new TempFolder();
        var (code, _, stderr) = CliRunner.Run("compress", Demo, "--epsilon", "0.3", "-o", temp.File("x.lump"), "--engine", "fast", "--encoding", "forward");
        Assert.Equal(1, code);
        Assert.Contains("--engine general", stderr, StringComparison.Ordinal);
    }
}
