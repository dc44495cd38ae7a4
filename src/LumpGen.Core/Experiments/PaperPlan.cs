using LumpGen.Format;
using LumpGen.Training;

namespace LumpGen.Experiments;

/// <summary>
/// The protocol of the paper reproduction for one data set (the paper's own protocol is not public;
/// this one is ours and documented in docs/results.md): architecture, row caps, training and
/// fine-tuning budgets, GRP targets. <see cref="For"/> gives the full run and the <c>--quick</c> run
/// (smaller networks and subsampled data, sized for CI).
/// </summary>
public sealed record PaperPlan
{
    /// <summary>The data set's built-in name.</summary>
    public required string Dataset { get; init; }

    /// <summary>Hidden layer widths.</summary>
    public required IReadOnlyList<int> Hidden { get; init; }

    /// <summary>Hidden activation (the output layer is linear).</summary>
    public Activation Activation { get; init; } = Activation.Tanh;

    /// <summary>Rows generated for a synthetic set before splitting.</summary>
    public int SyntheticRows { get; init; } = 10_000;

    /// <summary>Caps on the split parts (the shuffled parts are cut from the front).</summary>
    public int MaxTrainRows { get; init; } = 20_000;

    /// <summary>Cap on validation rows.</summary>
    public int MaxValidationRows { get; init; } = 5_000;

    /// <summary>Cap on test rows.</summary>
    public int MaxTestRows { get; init; } = 10_000;

    /// <summary>Training of the original network.</summary>
    public required TrainingOptions Training { get; init; }

    /// <summary>The short fine-tune after compression (the same trainer, starting from the compressed network).</summary>
    public required TrainingOptions FineTune { get; init; }

    /// <summary>GRP targets (%) that choose the ε values.</summary>
    public required IReadOnlyList<double> GrpTargets { get; init; }

    /// <summary>Training rows used for Wanda's norms and the refit.</summary>
    public int CalibrationRows { get; init; } = 1024;

    /// <summary>Seed of the split (the data sets' own generators and the trainer have theirs).</summary>
    public int SplitSeed { get; init; } = Data.DataSplit.DefaultSeed;

    /// <summary>The seed of this repetition (1 = the plan of <see cref="For"/>); see <see cref="WithSeed"/>.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// This plan for repetition <paramref name="seed"/> (1, 2, …): the split seed becomes
    /// <see cref="Data.DataSplit.DefaultSeed"/> + seed − 1, the training seed <c>seed</c> and the fine-tune
    /// seed <c>seed + 1</c>, so seed 1 is exactly the plan of <see cref="For"/>. The data themselves
    /// (files, synthetic generators) do not change.
    /// </summary>
    public PaperPlan WithSeed(int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seed, 1);
        return this with
        {
            Seed = seed,
            SplitSeed = Data.DataSplit.DefaultSeed + seed - 1,
            Training = Training with { Seed = seed },
            FineTune = FineTune with { Seed = seed + 1 },
        };
    }

    /// <summary>The plan for <paramref name="dataset"/>; every data set uses the same protocol, only the data differ.</summary>
    public static PaperPlan For(string dataset, bool quick)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (quick)
        {
            return new PaperPlan
            {
                Dataset = dataset,
                Hidden = [32, 32],
                SyntheticRows = 2_500,
                MaxTrainRows = 1_500,
                MaxValidationRows = 500,
                MaxTestRows = 1_000,
                Training = new TrainingOptions { Epochs = 60, BatchSize = 32, LearningRate = 2e-3f, Patience = 10, Seed = 1 },
                FineTune = new TrainingOptions { Epochs = 3, BatchSize = 32, LearningRate = 5e-4f, Patience = 0, Seed = 2 },
                GrpTargets = [70, 50, 30],
                CalibrationRows = 512,
            };
        }

        return new PaperPlan
        {
            Dataset = dataset,
            Hidden = [64, 64],
            Training = new TrainingOptions { Epochs = 300, BatchSize = 64, LearningRate = 1e-3f, Patience = 25, Seed = 1 },
            FineTune = new TrainingOptions { Epochs = 10, BatchSize = 64, LearningRate = 5e-4f, Patience = 0, Seed = 2 },
            GrpTargets = [90, 80, 70, 60, 50, 40, 30, 20],
        };
    }
}
