using LumpGen.Data;

namespace LumpGen.Core.Tests.Data;

public sealed class CsvRegressionReaderTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"lumpgen-csv-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Reads_the_target_and_every_other_column_as_features()
    {
        File.WriteAllText(_path, "a,y,b\n1,10,2\n3,30,4.5\n");
        var data = CsvRegressionReader.Read(_path, ["y"]);
        Assert.Equal(2, data.Rows);
        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal([1f, 2f, 3f, 4.5f], data.Features);
        Assert.Equal([10f, 30f], data.Targets);
    }

    [Fact]
    public void Unknown_target_lists_the_columns()
    {
        File.WriteAllText(_path, "a,y\n1,2\n");
        var e = Assert.Throws<DatasetFormatException>(() => CsvRegressionReader.Read(_path, ["z"]));
        Assert.Contains("there is no column 'z'; the columns are a, y", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,y\n1,2\n3,?\n", "line 3: column 'y': expected a finite number, found '?'")]
    [InlineData("a,y\n1,2\n3\n", "line 3: expected 2 comma-separated values")]
    [InlineData("a,y\n1,2\nNaN,4\n", "line 3: column 'a'")]
    public void Bad_rows_name_the_line_and_column(string text, string message)
    {
        File.WriteAllText(_path, text);
        var e = Assert.Throws<DatasetFormatException>(() => CsvRegressionReader.Read(_path, ["y"]));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_is_deterministic_disjoint_and_complete()
    {
        var data = new RegressionData("t", [.. Enumerable.Range(0, 100).Select(i => (float)i)], new float[100], ["x"], ["y"]);
        var a = DataSplit.Create(data, seed: 5);
        var b = DataSplit.Create(data, seed: 5);
        Assert.Equal(a.Test.Features, b.Test.Features);
        Assert.Equal((60, 20, 20), (a.Train.Rows, a.Validation.Rows, a.Test.Rows));
        var all = a.Train.Features.Concat(a.Validation.Features).Concat(a.Test.Features).OrderBy(v => v);
        Assert.Equal(data.Features, all);
        Assert.NotEqual(a.Test.Features, DataSplit.Create(data, seed: 6).Test.Features);
    }
}
