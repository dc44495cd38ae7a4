namespace LumpGen.Ode;

/// <summary>The partition a refinement reached and what it cost.</summary>
/// <param name="Partition">The coarsest partition found (at ε = 0: the coarsest exact FDE/BDE refining the initial one).</param>
/// <param name="Passes">Passes over the blocks, the last one being the pass that changed nothing.</param>
/// <param name="PairTests">Pair distances computed.</param>
public sealed record RefinementResult(Partition Partition, int Passes, long PairTests);

/// <summary>Progress of a refinement: after each pass, the pass number and the number of blocks.</summary>
/// <param name="Pass">1-based pass number.</param>
/// <param name="Blocks">Blocks after the pass.</param>
public readonly record struct RefinementProgress(int Pass, int Blocks);

/// <summary>
/// The refinement loop of DESIGN §3.1: repeat passes over the blocks; in each block build the graph
/// "d(i, j) ≤ ε" over its pairs and split the block into the connected components (transitive closure:
/// ε bounds neighbours, not a block's diameter); stop when the number of blocks no longer changes.
/// </summary>
public static class PartitionRefiner
{
    /// <summary>Refines <paramref name="initial"/> with <paramref name="equivalence"/> at tolerance <paramref name="epsilon"/>.</summary>
    /// <remarks>
    /// Every pass measures all distances against the partition at the start of the pass, then splits.
    /// A pair is skipped when union–find already joined it: it cannot change the components.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is negative or NaN.</exception>
    public static RefinementResult Refine(
        PairwiseEquivalence equivalence,
        Partition initial,
        double epsilon,
        IProgress<RefinementProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(equivalence);
        ArgumentNullException.ThrowIfNull(initial);
        if (!(epsilon >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be a non-negative number.");
        }

        if (initial.VariableCount != equivalence.System.VariableCount)
        {
            throw new ArgumentException($"The partition covers {initial.VariableCount} variables; the system has {equivalence.System.VariableCount}.", nameof(initial));
        }

        double stopAbove = epsilon + OdeTolerance.Absolute;
        var partition = initial;
        var sets = new DisjointSets(initial.VariableCount);
        int passes = 0;
        long pairTests = 0;
        while (true)
        {
            passes++;
            equivalence.Prepare(partition);
            sets.Reset();
            for (int b = 0; b < partition.BlockCount; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var members = partition.Block(b);
                for (int x = 0; x < members.Length; x++)
                {
                    for (int y = x + 1; y < members.Length; y++)
                    {
                        if (sets.Find(members[x]) == sets.Find(members[y]))
                        {
                            continue;
                        }

                        pairTests++;
                        if (OdeTolerance.IsWithin(equivalence.Distance(members[x], members[y], stopAbove), epsilon))
                        {
                            sets.Union(members[x], members[y]);
                        }
                    }
                }
            }

            // Members of a block are only ever joined with each other, so the root labels the new block.
            var refined = sets.ToPartition();
            progress?.Report(new RefinementProgress(passes, refined.BlockCount));
            bool stable = refined.BlockCount == partition.BlockCount;
            partition = refined;
            if (stable)
            {
                return new RefinementResult(partition, passes, pairTests);
            }
        }
    }
}

/// <summary>Union–find with path halving and union by index (the lower root wins, so roots are block minima).</summary>
internal sealed class DisjointSets
{
    private readonly int[] _parent;

    public DisjointSets(int count)
    {
        _parent = new int[count];
        Reset();
    }

    public void Reset()
    {
        for (int v = 0; v < _parent.Length; v++)
        {
            _parent[v] = v;
        }
    }

    public int Find(int v)
    {
        while (_parent[v] != v)
        {
            _parent[v] = _parent[_parent[v]];
            v = _parent[v];
        }

        return v;
    }

    public void Union(int a, int b)
    {
        int ra = Find(a), rb = Find(b);
        if (ra != rb)
        {
            _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }

    public Partition ToPartition()
    {
        int[] labels = new int[_parent.Length];
        for (int v = 0; v < labels.Length; v++)
        {
            labels[v] = Find(v);
        }

        return Partition.FromLabels(labels);
    }
}
