namespace LumpGen.Ode;

/// <summary>A reduced ODE system and how it was obtained.</summary>
/// <param name="Original">The input system.</param>
/// <param name="Equivalence">Forward (block sums) or backward (representatives).</param>
/// <param name="Epsilon">The tolerance ε (ERODE convention).</param>
/// <param name="Initial">The partition the refinement started from.</param>
/// <param name="Partition">The partition found; one reduced variable per block.</param>
/// <param name="Reduced">The quotient system (see <see cref="OdeReducer.Quotient"/>).</param>
/// <param name="Passes">Refinement passes.</param>
public sealed record OdeReduction(
    OdeSystem Original,
    DifferentialEquivalence Equivalence,
    double Epsilon,
    Partition Initial,
    Partition Partition,
    OdeSystem Reduced,
    int Passes);

/// <summary>Reduces polynomial ODE systems by ε-FDE or ε-BDE (what <c>lumpgen ode reduce</c> runs).</summary>
public static class OdeReducer
{
    /// <summary>
    /// Refines the system's initial partition (its <c>partition</c> section, or one block) with ε-FDE or
    /// ε-BDE and builds the quotient. At ε = 0 the block count equals ERODE's exact FE/BE reduction.
    /// </summary>
    public static OdeReduction Reduce(
        OdeSystem system,
        DifferentialEquivalence equivalence,
        double epsilon = 0,
        IProgress<RefinementProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        var initial = system.InitialPartitionOrSingle;
        PairwiseEquivalence test = equivalence == DifferentialEquivalence.Forward
            ? new EpsilonForwardEquivalence(system)
            : new EpsilonBackwardEquivalence(system);
        var result = PartitionRefiner.Refine(test, initial, epsilon, progress, cancellationToken);
        var reduced = Quotient(system, result.Partition, equivalence, system.InitialPartition);
        return new OdeReduction(system, equivalence, epsilon, initial, result.Partition, reduced, result.Passes);
    }

    /// <summary>
    /// The quotient system, one variable per block H named after its representative r(H):
    /// <list type="bullet">
    /// <item>Forward: y_H = Σ_{x∈H} x, dy_H/dt = F_H(x) with each x_v ↦ y_{H(v)}/|H(v)| (exact for an FDE,
    /// where F_H depends on block sums only; the even split is the natural choice when ε &gt; 0); y_H(0) = Σ x(0).</item>
    /// <item>Backward: y_H = x_{r(H)}, dy_H/dt = f_{r(H)}(x) with each x_v ↦ y_{H(v)}; y_H(0) = x_{r(H)}(0).</item>
    /// </list>
    /// When <paramref name="initial"/> is given (and <paramref name="partition"/> refines it), the reduced
    /// system keeps its image as initial partition, so reducing the reduced model again changes nothing.
    /// </summary>
    public static OdeSystem Quotient(OdeSystem system, Partition partition, DifferentialEquivalence equivalence, Partition? initial = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(partition);
        int blocks = partition.BlockCount;
        var names = new string[blocks];
        var drifts = new Polynomial[blocks];
        var init = new double[blocks];
        int[] blockOf = partition.BlockOf.ToArray();
        for (int b = 0; b < blocks; b++)
        {
            int rep = partition.Representative(b);
            names[b] = system.Names[rep];
            if (equivalence == DifferentialEquivalence.Backward)
            {
                drifts[b] = system.Drifts[rep].Rename(blockOf);
                init[b] = system.InitialValues[rep];
                continue;
            }

            var sum = new Polynomial();
            foreach (int v in partition.Block(b))
            {
                sum.AddScaled(system.Drifts[v], 1.0);
                init[b] += system.InitialValues[v];
            }

            drifts[b] = SpreadEvenly(sum, partition, blockOf);
        }

        var image = initial is null ? null
            : Partition.FromLabels([.. Enumerable.Range(0, blocks).Select(b => initial.BlockOf[partition.Representative(b)])]);
        return new OdeSystem(names, drifts, init, image, system.Parameters, (system.Name ?? "model") + (equivalence == DifferentialEquivalence.Forward ? "_fe" : "_be"));
    }

    private static Polynomial SpreadEvenly(Polynomial sum, Partition partition, int[] blockOf)
    {
        var result = new Polynomial();
        foreach (var (m, c) in sum.Terms)
        {
            double scale = 1;
            foreach (int v in m.Variables)
            {
                scale /= partition.BlockSize(blockOf[v]);
            }

            result.Add(m.Rename(blockOf), c * scale);
        }

        return result;
    }
}
