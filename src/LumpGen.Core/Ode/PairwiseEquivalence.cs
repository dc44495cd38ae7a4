namespace LumpGen.Ode;

/// <summary>
/// A pair test d(i, j) for two variables of the same block, as used by <see cref="PartitionRefiner"/>:
/// i and j are related iff d(i, j) ≤ ε (+ <see cref="OdeTolerance.Absolute"/>).
/// </summary>
public abstract class PairwiseEquivalence
{
    /// <summary>Binds the test to <paramref name="system"/>.</summary>
    protected PairwiseEquivalence(OdeSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        System = system;
    }

    /// <summary>The ODE system the distances are computed on.</summary>
    public OdeSystem System { get; }

    /// <summary>Short name for reports ("ε-FDE", "ε-BDE").</summary>
    public abstract string Name { get; }

    /// <summary>Called once at the start of each refinement pass with the partition the distances refer to.</summary>
    public abstract void Prepare(Partition partition);

    /// <summary>
    /// d(i, j) with respect to the partition given to <see cref="Prepare"/>. May stop summing and return
    /// any value &gt; <paramref name="stopAbove"/> once the distance is known to exceed it.
    /// </summary>
    public abstract double Distance(int i, int j, double stopAbove);
}

/// <summary>Which differential equivalence a reduction uses.</summary>
public enum DifferentialEquivalence
{
    /// <summary>Forward (ε-FDE, ERODE "FE"): reduced variables are block sums.</summary>
    Forward,

    /// <summary>Backward (ε-BDE, ERODE "BE"): variables of a block stay (nearly) equal; reduced variables are representatives.</summary>
    Backward,
}
