using LumpGen.Evaluation;

namespace LumpGen.Core.Tests.Evaluation;

public class RegressionMetricsTests
{
    [Fact]
    public void Metrics_match_hand_computed_values()
    {
        // errors (1, −1, 0, 2): RMSE = √(6/4), MAE = 1, max 2; targets (1, 2, 3, 4) mean 2.5, SStot = 5, SSres = 6 → R² = −0.2.
        var m = RegressionMetrics.Compute([2, 1, 3, 6], [1, 2, 3, 4]);
        Assert.Equal(Math.Sqrt(1.5), m.Rmse, 1e-15);
        Assert.Equal(1.0, m.Mae, 1e-15);
        Assert.Equal(-0.2, m.R2, 1e-15);
        Assert.Equal(2.0, m.MaxAbsError);
        Assert.Equal(4, m.Count);
    }

    [Fact]
    public void R2_is_averaged_over_output_columns()
    {
        // Column 0 predicted exactly (R² = 1); column 1 predicted by its mean (R² = 0).
        var m = RegressionMetrics.Compute([1, 5, 2, 5, 3, 5], [1, 4, 2, 5, 3, 6], outputs: 2);
        Assert.Equal(0.5, m.R2, 1e-15);
    }

    [Fact]
    public void NaN_makes_every_metric_NaN()
    {
        var m = RegressionMetrics.Compute([double.NaN, 1], [1, 1]);
        Assert.True(double.IsNaN(m.Rmse) && double.IsNaN(m.Mae) && double.IsNaN(m.R2) && double.IsNaN(m.MaxAbsError));
    }

    [Fact]
    public void Mismatched_lengths_are_rejected() =>
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1, 2], [1]));
}
