namespace LumpGen.Experiments;

/// <summary>The names of the compression variants compared in sweeps and in the paper report.</summary>
public static class CompressionMethods
{
    /// <summary>ε-FDE lumping, representative quotient (ERODE's).</summary>
    public const string LumpRep = "lump rep";

    /// <summary>ε-FDE lumping, mean quotient.</summary>
    public const string LumpMean = "lump mean";

    /// <summary>Mean quotient, then least-squares refit of the next layers on calibration data.</summary>
    public const string LumpRefit = "lump mean+refit";

    /// <summary>Mean + refit, then a short fine-tune with the trainer.</summary>
    public const string LumpFineTune = "lump mean+refit+ft";

    /// <summary>Magnitude pruning, the same weight sparsity in every layer.</summary>
    public const string MagnitudeLayer = "magnitude (layer)";

    /// <summary>Magnitude pruning, one global ranking.</summary>
    public const string MagnitudeGlobal = "magnitude (global)";

    /// <summary>Wanda, per output row, sequential calibration.</summary>
    public const string Wanda = "wanda";

    /// <summary>Per-layer magnitude pruning, then the same short fine-tune with the pruned weights held at zero.</summary>
    public const string MagnitudeFineTune = "magnitude (layer)+ft";

    /// <summary>Wanda, then the same short masked fine-tune.</summary>
    public const string WandaFineTune = "wanda+ft";

    /// <summary>The lumping variants.</summary>
    public static IReadOnlyList<string> Lumping { get; } = [LumpRep, LumpMean, LumpRefit, LumpFineTune];

    /// <summary>The magnitude-pruning variants.</summary>
    public static IReadOnlyList<string> Magnitude { get; } = [MagnitudeLayer, MagnitudeGlobal, MagnitudeFineTune];

    /// <summary>The Wanda variants.</summary>
    public static IReadOnlyList<string> WandaVariants { get; } = [Wanda, WandaFineTune];

    /// <summary>Variants that change weights with data beyond calibration statistics (the fine-tuned ones).</summary>
    public static IReadOnlyList<string> FineTuned { get; } = [LumpFineTune, MagnitudeFineTune, WandaFineTune];

    /// <summary>All, in report column order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [LumpRep, LumpMean, LumpRefit, LumpFineTune, MagnitudeLayer, MagnitudeGlobal, Wanda, MagnitudeFineTune, WandaFineTune];
}
