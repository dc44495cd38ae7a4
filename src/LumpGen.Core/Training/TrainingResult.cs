using LumpGen.Model;

namespace LumpGen.Training;

/// <summary>What <see cref="MlpTrainer"/> returns.</summary>
/// <param name="Network">The network with the best validation loss seen (or the last one without validation data).</param>
/// <param name="EpochsRun">Epochs actually run (fewer than asked when early stopping fired).</param>
/// <param name="BestEpoch">The epoch (1-based; 0 = the starting weights) whose weights were returned.</param>
/// <param name="BestValidationLoss">MSE on the validation rows in standardised target units at <paramref name="BestEpoch"/>; NaN without validation data.</param>
/// <param name="TrainLoss">Mean training MSE (standardised units) per epoch.</param>
/// <param name="ValidationLoss">Validation MSE (standardised units) per epoch; empty without validation data.</param>
public sealed record TrainingResult(
    Network Network,
    int EpochsRun,
    int BestEpoch,
    double BestValidationLoss,
    IReadOnlyList<double> TrainLoss,
    IReadOnlyList<double> ValidationLoss);
