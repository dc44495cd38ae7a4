using System.Globalization;
using System.Text;
using LumpGen.IO;
using LumpGen.Pruning;

namespace LumpGen.Cli.Tests;

/// <summary>train, prune, sweep and paper, run in-process like a user would.</summary>
public class EvaluationCommandsTests
{
    // y = 2·a − b + noise-free sin(a·b): a small CSV with a header, as a user would bring.
    private static string WriteCsv(TempFolder temp, int rows = 400)
    {
        var random = new Random(1);
        var sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < rows; i++)
        {
            double a = (random.NextDouble() * 2) - 1, b = (random.NextDouble() * 2) - 1;
            sb.Append(CultureInfo.InvariantCulture, $"{a:R},{b:R},{(2 * a) - b + Math.Sin(a * b):R}\n");
        }

        string path = temp.File("data.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private static string Train(TempFolder temp, string csv)
    {
        string model = temp.File("model.lump");
        var (code, stdout, stderr) = CliRunner.Run("train", "--data", csv, "--target", "y", "--hidden", "12,10", "--epochs", "100", "--learning-rate", "0.005", "-o", model);
        Assert.True(code == 0, stderr);
        Assert.Contains("test RMSE", stdout, StringComparison.Ordinal);
        return model;
    }

    [Fact]
    public void Train_writes_a_model_with_its_test_error_in_the_metadata()
    {
        using var temp = new TempFolder();
        string model = Train(temp, WriteCsv(temp));
        var network = LumpFile.Read(model);
        Assert.Equal("2-12-10-1", network.Shape);
        Assert.NotNull(network.InputTransform);
        Assert.NotNull(network.OutputTransform);
        var props = network.Metadata.PropertiesOrEmpty.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("y", props["target"]);
        double rmse = double.Parse(props["test_rmse"], CultureInfo.InvariantCulture);
        Assert.True(rmse < 0.1, $"test RMSE {rmse} (target std ≈ 1.3; predicting the mean gives 1.3)");
        Assert.Equal(64, network.Metadata.SourceSha256!.Length);
    }

    [Fact]
    public void Train_accepts_a_built_in_data_set_by_name()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("train", "--data", "electrical", "--hidden", "8", "--epochs", "2", "-o", temp.File("m.lump"));
        Assert.True(code == 0, stderr);
        Assert.Contains("test RMSE", stdout, StringComparison.Ordinal);
        Assert.Equal("7-8-7", LumpFile.Read(temp.File("m.lump")).Shape); // 7 node voltages → 7 derivatives
    }

    [Theory]
    [InlineData("nonsense", null, "neither an existing file nor a built-in data set")]
    [InlineData("data.csv", null, "name its target column with --target")]
    [InlineData("data.csv", "nope", "there is no column 'nope'")]
    [InlineData("bad.csv", "y", "line 3: column 'b': expected a finite number, found 'oops'")]
    public void Bad_data_is_a_one_line_user_error(string data, string? target, string message)
    {
        using var temp = new TempFolder();
        WriteCsv(temp);
        File.WriteAllText(temp.File("bad.csv"), "a,b,y\n1,2,3\n4,oops,6\n");
        string path = data.EndsWith(".csv", StringComparison.Ordinal) ? temp.File(data) : data;
        string[] args = target is null
            ? ["train", "--data", path, "-o", temp.File("m.lump")]
            : ["train", "--data", path, "--target", target, "-o", temp.File("m.lump")];
        var (code, _, stderr) = CliRunner.Run(args);
        Assert.Equal(1, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(temp.File("m.lump")));
    }

    [Fact]
    public void Help_names_the_built_in_data_sets()
    {
        var (_, stdout, _) = CliRunner.Run("train", "--help");
        Assert.Contains("abalone, ", stdout.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Contains("polymerization", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("magnitude", "layer")]
    [InlineData("magnitude", "global")]
    [InlineData("wanda", "layer")]
    public void Prune_keeps_exactly_the_requested_share_of_parameters(string method, string scope)
    {
        using var temp = new TempFolder();
        string csv = WriteCsv(temp);
        string model = Train(temp, csv);
        var (code, stdout, stderr) = CliRunner.Run(
            "prune", model, "--method", method, "--scope", scope, "--sparsity", "0.5", "--data", csv, "--target", "y", "-o", temp.File("p.lump"));
        Assert.True(code == 0, stderr);
        var original = LumpFile.Read(model);
        var pruned = LumpFile.Read(temp.File("p.lump"));
        Assert.Equal(original.Shape, pruned.Shape);
        Assert.Equal((long)Math.Round(0.5 * original.ParameterCount), SparseParameters.NonZeroCount(pruned));
        Assert.Contains("test RMSE", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Wanda_without_calibration_data_is_a_user_error()
    {
        using var temp = new TempFolder();
        string model = Train(temp, WriteCsv(temp));
        var (code, _, stderr) = CliRunner.Run("prune", model, "--method", "wanda", "--sparsity", "0.5", "-o", temp.File("p.lump"));
        Assert.Equal(1, code);
        Assert.Contains("Wanda needs calibration data", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_writes_a_table_a_csv_and_a_png()
    {
        using var temp = new TempFolder();
        string csv = WriteCsv(temp);
        string model = Train(temp, csv);
        string report = temp.File("report");
        var (code, stdout, stderr) = CliRunner.Run("sweep", model, "--data", csv, "--target", "y", "--grp", "70,40", "--fine-tune-epochs", "1", "--report", report);
        Assert.True(code == 0, stderr);
        Assert.Contains("| ε | lumped shape |", stdout, StringComparison.Ordinal);
        Assert.Contains("lump mean+refit+ft", stdout, StringComparison.Ordinal);
        byte[] png = File.ReadAllBytes(Path.Combine(report, "sweep.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        Assert.True(png.Length > 10_000, "a real rendered plot, not an empty image");
        Assert.StartsWith("epsilon,lumped_shape", File.ReadAllText(Path.Combine(report, "sweep.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_with_explicit_epsilons_reports_those_values()
    {
        using var temp = new TempFolder();
        string csv = WriteCsv(temp);
        string model = Train(temp, csv);
        var (code, _, stderr) = CliRunner.Run("sweep", model, "--data", csv, "--target", "y", "--epsilons", "0.5,2", "--report", temp.File("r"));
        Assert.True(code == 0, stderr);
        string table = File.ReadAllText(temp.File(Path.Combine("r", "sweep.csv")));
        Assert.All(table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), line => Assert.True(line.StartsWith("0.5,", StringComparison.Ordinal) || line.StartsWith("2,", StringComparison.Ordinal), line));
    }

    [Fact]
    public void Paper_quick_runs_all_eight_data_sets_and_writes_the_report()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("paper", "--quick", "--report", temp.Path);
        Assert.True(code == 0, stderr);
        Assert.Contains("of 8 data sets", stdout, StringComparison.Ordinal);
        string markdown = File.ReadAllText(Path.Combine(temp.Path, "results.md"));
        foreach (string name in new[] { "polymerization", "electrical", "glycolytic", "rn", "abalone", "hepc", "metro", "casp" })
        {
            Assert.Contains($"## {name}", markdown, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(temp.Path, "results", name + ".png")), name);
        }

        Assert.Contains("**This is a `--quick` run**", markdown, StringComparison.Ordinal);
        Assert.Contains("paper --quick --report", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Paper_with_seeds_reports_mean_and_sd_and_the_command_that_regenerates_it()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("paper", "--quick", "--seeds", "2", "--dataset", "electrical", "--report", temp.Path);
        Assert.True(code == 0, stderr);
        Assert.Contains("of 1 data sets", stdout, StringComparison.Ordinal);
        string markdown = File.ReadAllText(Path.Combine(temp.Path, "results.md"));
        Assert.Contains("paper --quick --seeds 2 --dataset electrical --report", markdown, StringComparison.Ordinal);
        Assert.Contains(" ± ", markdown, StringComparison.Ordinal);
        Assert.Contains("ε values used, seed 2:", markdown, StringComparison.Ordinal);
        string csv = File.ReadAllText(Path.Combine(temp.Path, "results", "electrical.csv"));
        Assert.Contains("\n2,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Paper_rejects_an_unknown_data_set()
    {
        using var temp = new TempFolder();
        var (code, _, stderr) = CliRunner.Run("paper", "--quick", "--dataset", "mnist", "--report", temp.Path);
        Assert.Equal(1, code);
        Assert.Contains("'mnist' is not a built-in data set", stderr, StringComparison.Ordinal);
    }
}
