using LumpGen.Experiments;
using LumpGen.IO;
using ScottPlot;

namespace LumpGen.Cli.Reports;

/// <summary>
/// The error-vs-size PNG of a sweep: test RMSE (log scale) against GRP% for every method, with the
/// original network's RMSE as a dashed line. Rendered headless by ScottPlot/SkiaSharp (the native
/// library ships in the SkiaSharp.NativeAssets.Linux package; no X server or Debian package needed).
/// </summary>
internal static class ErrorPlot
{
    private static readonly Dictionary<string, (Color Color, LinePattern Pattern, MarkerShape Marker)> s_styles = new()
    {
        [CompressionMethods.LumpRep] = (Colors.SteelBlue.WithAlpha(0.6), LinePattern.Dotted, MarkerShape.OpenCircle),
        [CompressionMethods.LumpMean] = (Colors.SteelBlue, LinePattern.Dashed, MarkerShape.OpenSquare),
        [CompressionMethods.LumpRefit] = (Colors.Navy, LinePattern.Solid, MarkerShape.FilledSquare),
        [CompressionMethods.LumpFineTune] = (Colors.Black, LinePattern.Solid, MarkerShape.FilledCircle),
        [CompressionMethods.MagnitudeLayer] = (Colors.OrangeRed, LinePattern.Solid, MarkerShape.FilledTriangleUp),
        [CompressionMethods.MagnitudeGlobal] = (Colors.Orange, LinePattern.Dashed, MarkerShape.OpenTriangleUp),
        [CompressionMethods.Wanda] = (Colors.ForestGreen, LinePattern.Solid, MarkerShape.FilledDiamond),
        [CompressionMethods.MagnitudeFineTune] = (Colors.DarkRed, LinePattern.Dotted, MarkerShape.Cross),
        [CompressionMethods.WandaFineTune] = (Colors.DarkGreen, LinePattern.Dotted, MarkerShape.Eks),
    };

    /// <summary>Writes the plot to <paramref name="path"/> atomically (PNG, 1000×560). The error axis is logarithmic when the errors span more than a factor 10.</summary>
    /// <remarks>With <paramref name="sd"/> (level, method → standard deviation), each point gets a vertical error bar of ± sd (transformed like the axis).</remarks>
    public static void Save(string path, string title, double originalRmse, IReadOnlyList<CompressionLevel> levels, Func<CompressionLevel, string, double>? sd = null)
    {
        double min = double.PositiveInfinity, max = 0;
        foreach (var level in levels)
        {
            foreach (var m in level.Methods)
            {
                if (m.Test.Rmse > 0 && double.IsFinite(m.Test.Rmse))
                {
                    min = Math.Min(min, m.Test.Rmse);
                    max = Math.Max(max, m.Test.Rmse);
                }
            }
        }

        bool log = max > 10 * min;
        Func<double, double> y = log ? Math.Log10 : v => v;
        var plot = new Plot();
        foreach (string method in CompressionMethods.All)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            var below = new List<double>();
            var above = new List<double>();
            foreach (var level in levels.OrderBy(l => l.GrpPercent))
            {
                if (level.Find(method) is { } result && result.Test.Rmse > 0 && double.IsFinite(result.Test.Rmse))
                {
                    xs.Add(level.GrpPercent);
                    ys.Add(y(result.Test.Rmse));
                    double s = sd?.Invoke(level, method) ?? 0;
                    double low = result.Test.Rmse - s;
                    below.Add(low > 0 ? y(result.Test.Rmse) - y(low) : 0);
                    above.Add(y(result.Test.Rmse + s) - y(result.Test.Rmse));
                }
            }

            if (xs.Count == 0)
            {
                continue;
            }

            var scatter = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            var (color, pattern, marker) = s_styles[method];
            scatter.LegendText = method;
            scatter.Color = color;
            scatter.LinePattern = pattern;
            scatter.LineWidth = 1.5f;
            scatter.MarkerShape = marker;
            scatter.MarkerSize = 7;
            if (sd is not null)
            {
                var bars = plot.Add.ErrorBar(xs, ys, above);
                bars.YErrorNegative = below;
                bars.Color = color;
                bars.LineWidth = 1;
            }
        }

        if (originalRmse > 0 && double.IsFinite(originalRmse))
        {
            var line = plot.Add.HorizontalLine(y(originalRmse));
            line.LegendText = "original";
            line.Color = Colors.Gray;
            line.LinePattern = LinePattern.Dashed;
        }

        if (log)
        {
            // Decades only: ticks at fractional powers of ten read badly.
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                LabelFormatter = v => Math.Pow(10, v) is var d && d >= 1 ? d.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) : d.ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
            };
        }

        plot.Title(title);
        plot.XLabel("parameters kept, GRP %");
        plot.YLabel(log ? "test RMSE (log scale)" : "test RMSE");
        plot.ShowLegend(Edge.Right);
        byte[] png = plot.GetImageBytes(1000, 560, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
