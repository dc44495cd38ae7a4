namespace LumpGen.Ode;

/// <summary>
/// The ε-BDE pair test (DESIGN §3.1): agg_x = f_x with every variable replaced by its block's
/// representative (lowest index), equal monomials merged; d(i, j) = dist(agg_i, agg_j). At ε = 0 this
/// is ERODE's backward differential equivalence: f_i = f_j on the subspace where blocks are constant.
/// </summary>
public sealed class EpsilonBackwardEquivalence : PairwiseEquivalence
{
    private readonly Polynomial?[] _aggregated;
    private int[] _representative = [];

    /// <summary>Creates the test for <paramref name="system"/>.</summary>
    public EpsilonBackwardEquivalence(OdeSystem system)
        : base(system) => _aggregated = new Polynomial?[system.VariableCount];

    /// <inheritdoc/>
    public override string Name => "ε-BDE";

    /// <inheritdoc/>
    public override void Prepare(Partition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        _representative = new int[partition.VariableCount];
        for (int v = 0; v < _representative.Length; v++)
        {
            _representative[v] = partition.Representative(partition.BlockOf[v]);
        }

        // Aggregates depend on the partition: recompute lazily, only for variables that are compared.
        Array.Clear(_aggregated);
    }

    /// <inheritdoc/>
    public override double Distance(int i, int j, double stopAbove) =>
        Polynomial.Distance(Aggregate(i), Aggregate(j), stopAbove);

    private Polynomial Aggregate(int v) => _aggregated[v] ??= System.Drifts[v].Rename(_representative);
}
