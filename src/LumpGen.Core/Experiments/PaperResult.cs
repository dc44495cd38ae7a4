using LumpGen.Evaluation;

namespace LumpGen.Experiments;

/// <summary>The measured outcome for one data set.</summary>
/// <param name="Plan">The protocol used.</param>
/// <param name="Task">What is predicted from what, in words.</param>
/// <param name="Shape">The trained network's widths (<c>10-64-64-1</c>).</param>
/// <param name="TrainRows">Training rows.</param>
/// <param name="ValidationRows">Validation rows.</param>
/// <param name="TestRows">Test rows.</param>
/// <param name="OriginalParameters">Weights + biases of the trained network.</param>
/// <param name="EpochsRun">Training epochs run (early stopping).</param>
/// <param name="Original">Test errors of the trained network.</param>
/// <param name="Levels">The compression levels, largest first.</param>
/// <param name="Elapsed">Wall time for this data set.</param>
public sealed record PaperResult(
    PaperPlan Plan,
    string Task,
    string Shape,
    int TrainRows,
    int ValidationRows,
    int TestRows,
    long OriginalParameters,
    int EpochsRun,
    RegressionMetrics Original,
    IReadOnlyList<CompressionLevel> Levels,
    TimeSpan Elapsed)
{
    /// <summary>The GRP range of the goal, inclusive.</summary>
    public const double GoalLow = 30, GoalHigh = 70;

    /// <summary>The levels whose GRP is within [30 %, 70 %] and where the baselines could run.</summary>
    public IReadOnlyList<CompressionLevel> GoalLevels =>
        [.. Levels.Where(l => l.GrpPercent is >= GoalLow and <= GoalHigh && l.Find(CompressionMethods.Wanda) is not null)];

    /// <summary>
    /// At a level, lumping wins when its best variant (any of rep, mean, mean+refit, +fine-tune) has a
    /// lower test RMSE than the best magnitude variant and than the best Wanda variant (fine-tuned
    /// variants included on both sides).
    /// </summary>
    public static bool LumpingWins(CompressionLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        double lump = level.BestRmse(CompressionMethods.Lumping);
        return lump < level.BestRmse(CompressionMethods.Magnitude) && lump < level.BestRmse(CompressionMethods.WandaVariants);
    }

    /// <summary>Like <see cref="LumpingWins"/> without any fine-tuning on either side (rep/mean/refit vs magnitude layer/global and Wanda).</summary>
    public static bool LumpingWinsWithoutRetraining(CompressionLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        double lump = level.BestRmse([CompressionMethods.LumpRep, CompressionMethods.LumpMean, CompressionMethods.LumpRefit]);
        return lump < level.BestRmse([CompressionMethods.MagnitudeLayer, CompressionMethods.MagnitudeGlobal])
            && lump < level.BestRmse([CompressionMethods.Wanda]);
    }

    /// <summary>Fine-tuned against fine-tuned: lumping mean+refit+ft vs magnitude (layer)+ft and Wanda+ft.</summary>
    public static bool LumpingWinsFineTuned(CompressionLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        double lump = level.BestRmse([CompressionMethods.LumpFineTune]);
        return lump < level.BestRmse([CompressionMethods.MagnitudeFineTune]) && lump < level.BestRmse([CompressionMethods.WandaFineTune]);
    }

    /// <summary>Levels in the goal range where <see cref="LumpingWins"/> holds.</summary>
    public int GoalWins => GoalLevels.Count(LumpingWins);

    /// <summary>The data set counts for the goal when lumping wins at more than half of its goal-range levels.</summary>
    public bool MeetsGoal => GoalLevels.Count > 0 && GoalWins * 2 > GoalLevels.Count;
}
