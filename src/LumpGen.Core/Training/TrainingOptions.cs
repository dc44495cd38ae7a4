namespace LumpGen.Training;

/// <summary>Hyper-parameters of <see cref="MlpTrainer"/> (Adam on mean squared error, mini-batches, early stopping).</summary>
public sealed record TrainingOptions
{
    /// <summary>Maximum passes over the training rows.</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Rows per Adam step (the last batch of an epoch may be smaller).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam step size α.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Adam β1 (first-moment decay).</summary>
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>Adam β2 (second-moment decay).</summary>
    public float Beta2 { get; init; } = 0.999f;

    /// <summary>Adam ε added to √v̂.</summary>
    public float AdamEpsilon { get; init; } = 1e-8f;

    /// <summary>Stop after this many epochs without a new best validation loss (the best weights are returned). 0 disables early stopping.</summary>
    public int Patience { get; init; } = 20;

    /// <summary>Seed of the weight initialisation and of the per-epoch shuffles (equal seeds give bit-identical runs).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 0, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Patience, 0, nameof(Patience));
        if (!(LearningRate > 0) || !float.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be a positive finite number.");
        }

        if (!(Beta1 is >= 0 and < 1) || !(Beta2 is >= 0 and < 1) || !(AdamEpsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Beta1), "Adam needs 0 ≤ β1, β2 < 1 and ε > 0.");
        }
    }
}
