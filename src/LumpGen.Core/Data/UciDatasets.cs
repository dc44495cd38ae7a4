using System.Globalization;

namespace LumpGen.Data;

/// <summary>
/// Loaders for the four public regression benchmarks of the paper's evaluation (UCI, CC BY 4.0), with
/// a fixed, documented feature encoding. Every loader reads the unmodified UCI file (see
/// <c>../shared/data/datasets/*/README.md</c>) and fails with a <see cref="DatasetFormatException"/>
/// naming the file and line when a row is malformed.
/// </summary>
public static class UciDatasets
{
    /// <summary>Metro weather_main categories in one-hot order (all 11 that occur in the UCI file).</summary>
    public static readonly IReadOnlyList<string> MetroWeather =
        ["Clear", "Clouds", "Drizzle", "Fog", "Haze", "Mist", "Rain", "Smoke", "Snow", "Squall", "Thunderstorm"];

    private static readonly string[] s_abaloneColumns =
        ["Sex", "Length", "Diameter", "Height", "Whole_weight", "Shucked_weight", "Viscera_weight", "Shell_weight", "Rings"];

    /// <summary>
    /// UCI Abalone (<c>abalone.data</c>, no header, 4,177 rows). Features (10): Sex one-hot
    /// (Sex_M, Sex_F, Sex_I) then the 7 physical measurements; target: Rings.
    /// </summary>
    public static RegressionData LoadAbalone(string path)
    {
        var table = CsvTable.Read(path, s_abaloneColumns);
        int rows = table.Rows.Count;
        string[] featureNames = ["Sex_M", "Sex_F", "Sex_I", .. s_abaloneColumns[1..8]];
        var features = new float[rows * featureNames.Length];
        var targets = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            var x = features.AsSpan(r * featureNames.Length, featureNames.Length);
            int sex = table.Rows[r][0] switch
            {
                "M" => 0,
                "F" => 1,
                "I" => 2,
                var other => throw table.Error(r, 0, $"expected M, F or I, found '{CsvTable.Clip(other)}'."),
            };
            x[sex] = 1f;
            for (int c = 1; c <= 7; c++)
            {
                x[2 + c] = table.Number(r, c);
            }

            targets[r] = table.Number(r, 8);
        }

        return new RegressionData("abalone", features, targets, featureNames, ["Rings"]);
    }

    /// <summary>
    /// UCI Physicochemical Properties of Protein Tertiary Structure (<c>CASP.csv</c>, the paper's
    /// "PROTEIN", 45,730 rows). Features: F1..F9 as they are; target: RMSD.
    /// </summary>
    public static RegressionData LoadCasp(string path) => CsvRegressionReader.Read(path, ["RMSD"], "casp");

    /// <summary>
    /// UCI Metro Interstate Traffic Volume (48,204 rows). Features (28): is_holiday (holiday ≠ "None"),
    /// temp (K), rain_1h, snow_1h, clouds_all, weather_main one-hot (<see cref="MetroWeather"/>), hour
    /// of day as sin/cos, day of week one-hot (Mon..Sun), month as sin/cos, year. weather_description
    /// is dropped (a finer copy of weather_main). Target: traffic_volume. Rows with temp = 0 K (10
    /// rows) or rain_1h &gt; 1000 mm (1 row, 9831.3 mm) are recording errors and are skipped.
    /// </summary>
    public static RegressionData LoadMetro(string path)
    {
        var table = CsvTable.Read(path);
        int holiday = table.Column("holiday"), temp = table.Column("temp"), rain = table.Column("rain_1h"),
            snow = table.Column("snow_1h"), clouds = table.Column("clouds_all"), weather = table.Column("weather_main"),
            time = table.Column("date_time"), volume = table.Column("traffic_volume");
        var names = new List<string> { "is_holiday", "temp", "rain_1h", "snow_1h", "clouds_all" };
        names.AddRange(MetroWeather.Select(w => "weather_" + w));
        names.AddRange(["hour_sin", "hour_cos", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "month_sin", "month_cos", "year"]);
        int width = names.Count;
        var features = new List<float>(table.Rows.Count * width);
        var targets = new List<float>(table.Rows.Count);
        Span<float> x = stackalloc float[width];
        for (int r = 0; r < table.Rows.Count; r++)
        {
            x.Clear();
            float kelvin = table.Number(r, temp);
            float rainMm = table.Number(r, rain);
            if (kelvin == 0f || rainMm > 1000f)
            {
                continue;
            }

            x[0] = table.Rows[r][holiday] == "None" ? 0f : 1f;
            x[1] = kelvin;
            x[2] = rainMm;
            x[3] = table.Number(r, snow);
            x[4] = table.Number(r, clouds);
            string w = table.Rows[r][weather];
            int wi = IndexOf(MetroWeather, w);
            if (wi < 0)
            {
                throw table.Error(r, weather, $"unknown weather '{CsvTable.Clip(w)}'; expected one of {string.Join(", ", MetroWeather)}.");
            }

            x[5 + wi] = 1f;
            if (!DateTime.TryParseExact(table.Rows[r][time], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                throw table.Error(r, time, $"expected a time 'yyyy-MM-dd HH:mm:ss', found '{CsvTable.Clip(table.Rows[r][time])}'.");
            }

            int o = 5 + MetroWeather.Count;
            x[o] = MathF.Sin(2 * MathF.PI * t.Hour / 24f);
            x[o + 1] = MathF.Cos(2 * MathF.PI * t.Hour / 24f);
            x[o + 2 + (((int)t.DayOfWeek + 6) % 7)] = 1f; // Monday first
            x[o + 9] = MathF.Sin(2 * MathF.PI * (t.Month - 1) / 12f);
            x[o + 10] = MathF.Cos(2 * MathF.PI * (t.Month - 1) / 12f);
            x[o + 11] = t.Year;
            foreach (float v in x)
            {
                features.Add(v);
            }

            targets.Add(table.Number(r, volume));
        }

        return new RegressionData("metro", [.. features], [.. targets], names, ["traffic_volume"]);
    }

    /// <summary>
    /// UCI Individual Household Electric Power Consumption, the first 7,349 minute rows
    /// (<c>household_power_consumption_first7349rows.csv</c>; the full 2M-row file is not kept).
    /// Features (8): Global_reactive_power, Voltage, Global_intensity, Sub_metering_1..3, time of day
    /// as sin/cos. Target: Global_active_power. Rows with UCI's missing marker '?' in a used column
    /// (2 rows) are skipped; any other non-number is an error.
    /// </summary>
    public static RegressionData LoadHepc(string path)
    {
        var table = CsvTable.Read(path);
        int timeColumn = table.Column("Time");
        int target = table.Column("Global_active_power");
        string[] measured = ["Global_reactive_power", "Voltage", "Global_intensity", "Sub_metering_1", "Sub_metering_2", "Sub_metering_3"];
        int[] columns = [.. measured.Select(table.Column)];
        string[] names = [.. measured, "time_sin", "time_cos"];
        var features = new List<float>(table.Rows.Count * names.Length);
        var targets = new List<float>(table.Rows.Count);
        for (int r = 0; r < table.Rows.Count; r++)
        {
            var cells = table.Rows[r];
            if (cells[target] == "?" || columns.Any(c => cells[c] == "?"))
            {
                continue;
            }

            foreach (int c in columns)
            {
                features.Add(table.Number(r, c));
            }

            if (!TimeSpan.TryParseExact(cells[timeColumn], @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var time))
            {
                throw table.Error(r, timeColumn, $"expected a time 'HH:mm:ss', found '{CsvTable.Clip(cells[timeColumn])}'.");
            }

            float angle = (float)(2 * Math.PI * time.TotalMinutes / (24 * 60));
            features.Add(MathF.Sin(angle));
            features.Add(MathF.Cos(angle));
            targets.Add(table.Number(r, target));
        }

        return new RegressionData("hepc", [.. features], [.. targets], names, ["Global_active_power"]);
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
