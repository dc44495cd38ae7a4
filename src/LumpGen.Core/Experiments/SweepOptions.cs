using LumpGen.Training;

namespace LumpGen.Experiments;

/// <summary>Settings of <see cref="CompressionSweep"/>.</summary>
public sealed record SweepOptions
{
    /// <summary>The GRP targets used to choose ε when <see cref="Epsilons"/> is null: for each, the smallest ε whose lumped network keeps at most that percentage of parameters.</summary>
    public IReadOnlyList<double> GrpTargets { get; init; } = [90, 80, 70, 60, 50, 40, 30, 20];

    /// <summary>Explicit ε values; when set, <see cref="GrpTargets"/> is ignored.</summary>
    public IReadOnlyList<double>? Epsilons { get; init; }

    /// <summary>Training rows used as calibration data (Wanda's activation norms, the least-squares refit): the first ones.</summary>
    public int CalibrationRows { get; init; } = 1024;

    /// <summary>When set, the fine-tuned variants run with these options (a few epochs of the trainer, validation rows for early stopping).</summary>
    public TrainingOptions? FineTune { get; init; }

    /// <summary>Receives one line per finished level; may be null.</summary>
    public IProgress<string>? Progress { get; init; }
}
