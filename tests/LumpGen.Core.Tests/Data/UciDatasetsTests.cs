using LumpGen.Data;
using LumpGen.Testing;

namespace LumpGen.Core.Tests.Data;

public class UciDatasetsTests
{
    [Fact]
    public void Abalone_has_4177_rows_one_hot_sex_and_rings_from_1_to_29()
    {
        var data = UciDatasets.LoadAbalone(RepoPaths.Data("datasets", "abalone", "abalone.data"));
        Assert.Equal(4177, data.Rows);
        Assert.Equal(10, data.FeatureCount);
        Assert.Equal(["Sex_M", "Sex_F", "Sex_I"], data.FeatureNames.Take(3));
        Assert.Equal((1f, 29f), data.TargetRange(0)); // abalone.names: Rings 1..29
        Assert.Equal((0.075f, 0.815f), data.FeatureRange(3)); // Length, as in abalone.names
        float m = 0, f = 0, i = 0;
        for (int r = 0; r < data.Rows; r++)
        {
            var x = data.FeatureRow(r);
            Assert.Equal(1f, x[0] + x[1] + x[2]); // exactly one sex per row
            m += x[0];
            f += x[1];
            i += x[2];
        }

        Assert.Equal((1528f, 1307f, 1342f), (m, f, i)); // counts stated in the data README
    }

    [Fact]
    public void Casp_has_45730_rows_nine_features_and_rmsd_in_0_to_21()
    {
        var data = UciDatasets.LoadCasp(RepoPaths.Data("datasets", "casp", "CASP.csv"));
        Assert.Equal(45730, data.Rows);
        Assert.Equal(["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9"], data.FeatureNames);
        var (min, max) = data.TargetRange(0);
        Assert.Equal(0f, min);
        Assert.Equal(20.999f, max, 1e-3f);
    }

    [Fact]
    public void Metro_drops_the_11_recording_errors_and_encodes_28_features()
    {
        var data = UciDatasets.LoadMetro(RepoPaths.Data("datasets", "metro", "Metro_Interstate_Traffic_Volume.csv"));
        Assert.Equal(48204 - 11, data.Rows);
        Assert.Equal(28, data.FeatureCount);
        Assert.Equal((0f, 7280f), data.TargetRange(0));
        Assert.True(data.FeatureRange(1).Min > 240f, "temp in K, the 0 K rows removed");
        Assert.True(data.FeatureRange(2).Max < 100f, "rain_1h, the 9831 mm row removed");
        Assert.Equal((2012f, 2018f), data.FeatureRange(27)); // year
        for (int r = 0; r < data.Rows; r += 97)
        {
            var x = data.FeatureRow(r);
            float weather = 0, days = 0;
            for (int c = 5; c < 16; c++)
            {
                weather += x[c];
            }

            for (int c = 18; c < 25; c++)
            {
                days += x[c];
            }

            Assert.Equal(1f, weather);
            Assert.Equal(1f, days);
        }
    }

    [Fact]
    public void Hepc_skips_the_two_missing_rows_and_predicts_global_active_power()
    {
        var data = UciDatasets.LoadHepc(RepoPaths.Data("datasets", "hepc", "household_power_consumption_first7349rows.csv"));
        Assert.Equal(7349 - 2, data.Rows);
        Assert.Equal(8, data.FeatureCount);
        Assert.Equal("Global_active_power", data.TargetNames[0]);
        var (min, max) = data.TargetRange(0);
        Assert.InRange(min, 0f, 0.5f);
        Assert.InRange(max, 5f, 12f);
        var (vMin, vMax) = data.FeatureRange(1); // Voltage
        Assert.InRange(vMin, 220f, 240f);
        Assert.InRange(vMax, 240f, 260f);
    }

    [Fact]
    public void A_bad_cell_is_reported_with_file_line_and_column()
    {
        string path = Path.Combine(Path.GetTempPath(), $"lumpgen-bad-{Guid.NewGuid():N}.data");
        try
        {
            File.WriteAllText(path, "M,0.455,0.365,0.095,0.514,0.2245,0.101,0.15,15\nF,0.5,0.4,x,0.5,0.2,0.1,0.1,9\n");
            var e = Assert.Throws<DatasetFormatException>(() => UciDatasets.LoadAbalone(path));
            Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
            Assert.Contains("'Height'", e.Message, StringComparison.Ordinal);
            Assert.Contains(path, e.Message, StringComparison.Ordinal);

            File.WriteAllText(path, "M,0.455,0.365,0.095,0.514,0.2245,0.101,0.15,15\nX,0.5,0.4,0.1,0.5,0.2,0.1,0.1,9\n");
            e = Assert.Throws<DatasetFormatException>(() => UciDatasets.LoadAbalone(path));
            Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
            Assert.Contains("expected M, F or I", e.Message, StringComparison.Ordinal);

            File.WriteAllText(path, "M,0.455,0.365,0.095,0.514,0.2245,0.101,0.15,15\nF,0.5,0.4\n");
            e = Assert.Throws<DatasetFormatException>(() => UciDatasets.LoadAbalone(path));
            Assert.Contains("line 2: expected 9", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_names_the_file() =>
        Assert.Contains("nope.csv", Assert.Throws<FileNotFoundException>(() => UciDatasets.LoadCasp("nope.csv")).Message, StringComparison.Ordinal);
}
