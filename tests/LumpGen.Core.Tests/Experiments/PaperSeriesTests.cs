using LumpGen.Evaluation;
using LumpGen.Experiments;

namespace LumpGen.Core.Tests.Experiments;

public class PaperSeriesTests
{
    private static readonly PaperPlan s_plan = PaperPlan.For("abalone", quick: true) with { GrpTargets = [70, 50, 30] };

    private static MethodResult R(string method, double rmse) => new(method, 10, new RegressionMetrics(rmse, 0, 0, 0, 1));

    // A level with the best lumping variant at `lump`, the best baseline (magnitude+ft) at `baseline`, one-shot Wanda far behind.
    private static CompressionLevel Level(double grp, double lump, double baseline) => new(1, 10, grp, "1-2-1",
        [R(CompressionMethods.LumpFineTune, lump), R(CompressionMethods.Wanda, 9), R(CompressionMethods.MagnitudeFineTune, baseline)]);

    private static PaperResult Run(int seed, double original, params CompressionLevel[] levels) =>
        new(s_plan.WithSeed(seed), "task", "1-2-1", 10, 5, 5, 20, 3, new RegressionMetrics(original, 0, 0, 0, 5), levels, TimeSpan.Zero);

    [Fact]
    public void Mean_and_sample_sd()
    {
        var stats = MethodStats.Of("m", [1.0, 1.2, 1.1]);
        Assert.Equal(1.1, stats.Mean, 1e-12);
        Assert.Equal(0.1, stats.Sd, 1e-12);
        Assert.Equal(0.1 / Math.Sqrt(3), stats.StandardError, 1e-12);
        Assert.Equal(0, MethodStats.Of("m", [2.0]).Sd);
    }

    [Fact]
    public void Levels_are_matched_by_target_and_compared_on_means_with_a_standard_error_tie_rule()
    {
        var series = new PaperSeries(
        [
            Run(1, 0.9, Level(68, 1.0, 1.05), Level(49, 1.0, 2.0), Level(30, 2, 1)),
            Run(2, 1.0, Level(66, 1.2, 1.15), Level(50, 1.1, 2.1), Level(30, 2, 1)),
            Run(3, 1.1, Level(70, 1.1, 1.2), Level(48, 1.2, 2.2), Level(30, 2, 1)),
        ]);

        Assert.Equal([70.0, 50.0, 30.0], series.Levels.Select(l => l.Target));
        Assert.Equal([68.0, 49.0, 30.0], series.Levels.Select(l => l.MeanGrp));
        Assert.All(series.Levels, l => Assert.Equal(3, l.Seeds));
        Assert.Equal(1.0, series.Original.Mean, 1e-12);
        Assert.Equal(0.1, series.Original.Sd, 1e-12);

        // 70%: lumping 1.1 ± 0.1 vs magnitude+ft 1.1333 ± 0.0764; the difference 0.033 is below lumping's standard error 0.058.
        var tie = series.Levels[0];
        Assert.Equal(1.1, tie.Best(CompressionMethods.Lumping)!.Mean, 1e-12);
        Assert.Equal(CompressionMethods.MagnitudeFineTune, tie.BestBaseline!.Method);
        Assert.Equal(LevelOutcome.Tie, tie.Outcome);
        Assert.Equal(100 * ((1.1 / (3.4 / 3)) - 1), tie.MarginPercent, 1e-9);

        // 50%: 1.1 ± 0.1 vs 2.1 ± 0.1, a clear win; 30%: no spread, 2 vs 1, a loss.
        Assert.Equal(LevelOutcome.Win, series.Levels[1].Outcome);
        Assert.Equal(LevelOutcome.Loss, series.Levels[2].Outcome);
        Assert.Equal(3, series.GoalLevels.Count);
        Assert.Equal(1, series.GoalCount(LevelOutcome.Win));
        Assert.False(series.MeetsGoal); // 1 win of 3 is not more than half
    }

    [Fact]
    public void One_seed_is_the_plain_comparison()
    {
        var series = new PaperSeries([Run(1, 1, Level(69, 1.0, 1.001), Level(45, 1.001, 1.0))]);
        Assert.Equal([LevelOutcome.Win, LevelOutcome.Loss], series.Levels.Select(l => l.Outcome));
        Assert.Equal(50.0, series.Levels[1].Target);
    }

    [Fact]
    public void Seed_one_is_the_default_plan_and_other_seeds_change_split_training_and_fine_tune()
    {
        var plan = PaperPlan.For("abalone", quick: false);
        Assert.Equal(plan, plan.WithSeed(1));
        var two = plan.WithSeed(2);
        Assert.Equal(plan.SplitSeed + 1, two.SplitSeed);
        Assert.Equal(2, two.Training.Seed);
        Assert.Equal(3, two.FineTune.Seed);
        Assert.Equal(double.NaN, PaperSeries.TargetOf(95, plan.GrpTargets));
        Assert.Equal(90, PaperSeries.TargetOf(89.0, plan.GrpTargets));
        Assert.Equal(30, PaperSeries.TargetOf(29.8, plan.GrpTargets));
    }
}
