namespace LumpGen.Ode;

/// <summary>
/// The ε-FDE pair test (DESIGN §3.1). For every block H let F_H = Σ_{x∈H} f_x and G_H = F_H with
/// x_i ↦ S·(x_i + x_j), x_j ↦ (1 − S)·(x_i + x_j), expanded (S a fresh symbol); then
/// d(i, j) = Σ_H dist(F_H, G_H). d = 0 iff every F_H depends on x_i, x_j only through x_i + x_j.
/// For linear drifts d(i, j) = 3·Σ_H |α_{H,i} − α_{H,j}| with α_{H,v} = Σ_{k∈H} coef of x_v in f_k
/// (ERODE's convention, hence the factor 3).
/// </summary>
/// <remarks>
/// Only terms that contain x_i or x_j change under the substitution, so the test gathers exactly those
/// terms (through an index variable → terms built once) instead of expanding every F_H: the cost of a
/// pair is proportional to the number of terms in which i or j occurs.
/// </remarks>
public sealed class EpsilonForwardEquivalence : PairwiseEquivalence
{
    private readonly List<(int Owner, Monomial Monomial, double Coefficient)>[] _occurrences;
    private readonly Dictionary<int, Polynomial> _byBlock = [];
    private readonly int _s; // the fresh symbol S is variable n
    private int[] _blockOf = [];

    /// <summary>Creates the test for <paramref name="system"/> and indexes its terms by variable.</summary>
    public EpsilonForwardEquivalence(OdeSystem system)
        : base(system)
    {
        _s = system.VariableCount;
        _occurrences = new List<(int, Monomial, double)>[system.VariableCount];
        for (int v = 0; v < _occurrences.Length; v++)
        {
            _occurrences[v] = [];
        }

        // Owners ascending, so α_{H,v} is summed in member order — the order the fast path uses too.
        for (int k = 0; k < system.VariableCount; k++)
        {
            foreach (var (m, c) in system.Drifts[k].SortedTerms)
            {
                var vars = m.Variables;
                for (int t = 0; t < vars.Length; t++)
                {
                    if (t == 0 || vars[t] != vars[t - 1])
                    {
                        _occurrences[vars[t]].Add((k, m, c));
                    }
                }
            }
        }
    }

    /// <inheritdoc/>
    public override string Name => "ε-FDE";

    /// <inheritdoc/>
    public override void Prepare(Partition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        _blockOf = partition.BlockOf.ToArray();
    }

    /// <inheritdoc/>
    public override double Distance(int i, int j, double stopAbove)
    {
        _byBlock.Clear();

        foreach (var (owner, m, c) in _occurrences[i])
        {
            Part(_blockOf[owner]).Add(m, c);
        }

        foreach (var (owner, m, c) in _occurrences[j])
        {
            if (!m.Contains(i)) // terms with both were gathered above
            {
                Part(_blockOf[owner]).Add(m, c);
            }
        }

        double d = 0;
        foreach (var part in _byBlock.Values)
        {
            if (part.IsZero)
            {
                continue;
            }

            d += Polynomial.Distance(part, Substitute(part, i, j), stopAbove - d);
            if (d > stopAbove)
            {
                return d;
            }
        }

        return d;
    }

    /// <summary>
    /// c·r·x_i^a·x_j^b ↦ c·r·S^a·(1 − S)^b·(x_i + x_j)^(a+b)
    /// = Σ_k Σ_l c·C(a+b, k)·C(b, l)·(−1)^l · r·x_i^k·x_j^(a+b−k)·S^(a+l).
    /// </summary>
    private Polynomial Substitute(Polynomial part, int i, int j)
    {
        var result = new Polynomial();
        foreach (var (m, c) in part.Terms)
        {
            var rest = m.Without(i, j, out int a, out int b);
            int n = a + b;
            for (int k = 0; k <= n; k++)
            {
                var withX = rest.Times(i, k, j, n - k);
                for (int l = 0; l <= b; l++)
                {
                    double coefficient = c * Binomial(n, k) * Binomial(b, l) * ((l & 1) == 0 ? 1 : -1);
                    result.Add(withX.Times(_s, a + l, _s, 0), coefficient);
                }
            }
        }

        return result;
    }

    private Polynomial Part(int block)
    {
        if (!_byBlock.TryGetValue(block, out var p))
        {
            p = new Polynomial();
            _byBlock.Add(block, p);
        }

        return p;
    }

    private static double Binomial(int n, int k)
    {
        double r = 1;
        for (int t = 1; t <= k; t++)
        {
            r = r * (n - k + t) / t;
        }

        return r;
    }
}
