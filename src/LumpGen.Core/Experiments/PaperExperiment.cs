using System.Diagnostics;
using LumpGen.Data;
using LumpGen.Training;

namespace LumpGen.Experiments;

/// <summary>
/// Runs the protocol of <see cref="PaperPlan"/> on one built-in data set: load or generate, split
/// 60/20/20 with a fixed seed, cap the parts, train, then <see cref="CompressionSweep"/> with ε chosen
/// by GRP target and the short fine-tune.
/// </summary>
public static class PaperExperiment
{
    /// <summary>Runs one data set; <paramref name="progress"/> receives one line per step.</summary>
    public static PaperResult Run(PaperPlan plan, string? dataFolder = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var clock = Stopwatch.StartNew();
        var data = BuiltInDatasets.Load(plan.Dataset, dataFolder, plan.SyntheticRows);
        var split = DataSplit.Create(data, seed: plan.SplitSeed).Limit(plan.MaxTrainRows, plan.MaxValidationRows, plan.MaxTestRows);
        var training = MlpTrainer.Fit(split.Train, split.Validation, plan.Hidden, plan.Activation, plan.Training);
        var network = training.Network;
        var original = CompressionSweep.Evaluate(network, split.Test);
        progress?.Report($"{plan.Dataset}: trained {network.Shape} for {training.EpochsRun} epochs, test RMSE {original.Rmse:G4}, R² {original.R2:0.####}");
        var levels = CompressionSweep.Run(network, split, new SweepOptions
        {
            GrpTargets = plan.GrpTargets,
            CalibrationRows = plan.CalibrationRows,
            FineTune = plan.FineTune,
            Progress = progress is null ? null : new Prefixed(progress, plan.Dataset + ": "),
        }, cancellationToken);
        string task = BuiltInDatasets.SyntheticNames.Contains(plan.Dataset)
            ? $"state ({data.FeatureCount} variables) → vector field ({data.TargetCount} derivatives)"
            : $"{data.FeatureCount} features → {string.Join(", ", data.TargetNames)}";
        return new PaperResult(plan, task, network.Shape, split.Train.Rows, split.Validation.Rows, split.Test.Rows,
            network.ParameterCount, training.EpochsRun, original, levels, clock.Elapsed);
    }

    private sealed class Prefixed(IProgress<string> inner, string prefix) : IProgress<string>
    {
        public void Report(string value) => inner.Report(prefix + value);
    }
}
