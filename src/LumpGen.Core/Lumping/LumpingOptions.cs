using LumpGen.Ode;

namespace LumpGen.Lumping;

/// <summary>Which implementation computes the partition.</summary>
public enum LumpingEngine
{
    /// <summary>The fast path when it applies (reversed graph, ε-FDE), else the general engine.</summary>
    Auto,

    /// <summary>The closed form, one forward sweep (<see cref="FastForwardLumper"/>); reversed graph and ε-FDE only.</summary>
    Fast,

    /// <summary>The general polynomial engine (<see cref="PartitionRefiner"/> on the encoded ODE system).</summary>
    General,
}

/// <summary>A stage of a lumping run, for progress displays.</summary>
/// <param name="Stage">What is running ("partition", "quotient", "refit layer 2", "search ε = 0.3").</param>
/// <param name="Fraction">Progress of the whole run in [0, 1], when known.</param>
public readonly record struct LumpingProgress(string Stage, double? Fraction = null);

/// <summary>Settings of <see cref="Lumper.Lump"/>.</summary>
public sealed record LumpingOptions
{
    /// <summary>ε in ERODE's convention (DESIGN §3.1): neurons at distance d ≤ ε are related. 0 merges exact duplicates only.</summary>
    public double Epsilon { get; init; }

    /// <summary>How the network is written as an ODE system; the default is the reversed graph ("E4").</summary>
    public NetworkEncodingKind Encoding { get; init; } = NetworkEncodingKind.ReversedGraph;

    /// <summary>The equivalence (ablation: backward); default ε-FDE.</summary>
    public DifferentialEquivalence Equivalence { get; init; } = DifferentialEquivalence.Forward;

    /// <summary>Fast path or general engine.</summary>
    public LumpingEngine Engine { get; init; } = LumpingEngine.Auto;

    /// <summary>How merged neurons' incoming rows and biases are chosen.</summary>
    public QuotientKind Quotient { get; init; } = QuotientKind.Mean;

    /// <summary>
    /// Calibration inputs, row-major (whole samples, raw — before the network's input transform). When set
    /// and <see cref="Refit"/> is true, the layer after each merged layer is refitted by least squares.
    /// </summary>
    public float[]? CalibrationInputs { get; init; }

    /// <summary>Refit the following layers on <see cref="CalibrationInputs"/> (DESIGN §3.3, optional).</summary>
    public bool Refit { get; init; }

    /// <summary>At most this many calibration samples are used by the refit (the first ones).</summary>
    public int MaxRefitSamples { get; init; } = 4096;

    /// <summary>Receives stage updates; may be null.</summary>
    public IProgress<LumpingProgress>? Progress { get; init; }

    /// <summary>The default: ε = 0, reversed graph, ε-FDE, mean quotient, no refit.</summary>
    public static LumpingOptions Default { get; } = new();
}
