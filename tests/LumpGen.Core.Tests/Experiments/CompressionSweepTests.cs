using LumpGen.Data;
using LumpGen.Evaluation;
using LumpGen.Experiments;
using LumpGen.Format;
using LumpGen.Training;

namespace LumpGen.Core.Tests.Experiments;

public class CompressionSweepTests
{
    [Fact]
    public void Every_method_is_measured_at_exactly_the_lumped_parameter_count()
    {
        var data = BuiltInDatasets.Load("electrical", syntheticRows: 600);
        var split = DataSplit.Create(data);
        var network = MlpTrainer.Fit(split.Train, split.Validation, [16, 12], Activation.Tanh, new TrainingOptions { Epochs = 15, Seed = 1 }).Network;
        var levels = CompressionSweep.Run(network, split, new SweepOptions
        {
            GrpTargets = [70, 40],
            CalibrationRows = 128,
            FineTune = new TrainingOptions { Epochs = 1, Patience = 0 },
        });

        Assert.NotEmpty(levels);
        Assert.Equal(levels.OrderByDescending(l => l.Parameters).Select(l => l.Parameters), levels.Select(l => l.Parameters));
        foreach (var level in levels)
        {
            Assert.True(level.Parameters <= 0.7 * network.ParameterCount, $"{level.Parameters} of {network.ParameterCount}");
            Assert.Equal(100.0 * level.Parameters / network.ParameterCount, level.GrpPercent, 1e-9);
            Assert.Equal(CompressionMethods.All, level.Methods.Select(m => m.Method));
            Assert.All(level.Methods, m => Assert.Equal(level.Parameters, m.Parameters));
            Assert.All(level.Methods, m => Assert.True(double.IsFinite(m.Test.Rmse), m.Method));
        }
    }

    [Fact]
    public void Lumping_wins_only_when_it_beats_the_best_variant_of_each_baseline()
    {
        static MethodResult R(string method, double rmse) => new(method, 10, new RegressionMetrics(rmse, 0, 0, 0, 1));
        var level = new CompressionLevel(1, 10, 50, "1-2-1",
        [
            R(CompressionMethods.LumpRep, 5), R(CompressionMethods.LumpRefit, 2), R(CompressionMethods.LumpFineTune, 1.5),
            R(CompressionMethods.MagnitudeLayer, 3), R(CompressionMethods.MagnitudeGlobal, 2.5), R(CompressionMethods.MagnitudeFineTune, 1.6),
            R(CompressionMethods.Wanda, 4), R(CompressionMethods.WandaFineTune, 1.4),
        ]);
        Assert.False(PaperResult.LumpingWins(level)); // Wanda+ft 1.4 < 1.5
        Assert.True(PaperResult.LumpingWinsWithoutRetraining(level)); // 2 < 2.5 and 2 < 4
        Assert.False(PaperResult.LumpingWinsFineTuned(level));
    }
}
