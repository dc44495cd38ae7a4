using LumpGen.Model;

namespace LumpGen.Lumping;

/// <summary>One ε tried by a search.</summary>
/// <param name="Epsilon">The ε tried.</param>
/// <param name="Parameters">Parameters of the reduced network at that ε.</param>
/// <param name="Rmse">The error measured (error-budget search only).</param>
public readonly record struct SearchTrial(double Epsilon, long Parameters, double? Rmse);

/// <summary>The outcome of a goal-driven search over ε (DESIGN §3.4).</summary>
/// <param name="Result">The lumping at the chosen ε.</param>
/// <param name="BudgetMet">Whether the chosen ε meets the goal (false: the closest achievable is returned).</param>
/// <param name="Trials">Every ε evaluated, in order.</param>
public sealed record SearchResult(LumpingResult Result, bool BudgetMet, IReadOnlyList<SearchTrial> Trials);

/// <summary>
/// Finds ε for a goal instead of asking for it: a parameter budget (<c>--target-params</c>: the
/// smallest ε whose reduced network has at most N parameters — the least approximation that fits)
/// or an error budget (<c>--max-rmse</c>: the largest ε whose RMSE stays within X). Bisection on ε;
/// the parameter count never grows with ε (one forward sweep per trial, cheap), the error usually
/// grows but is not guaranteed to, so the error search returns a boundary it found, not necessarily the largest.
/// </summary>
public static class EpsilonSearch
{
    private const int MaxIterations = 60;

    /// <summary>The smallest ε (to relative precision 1e-6) whose reduced network has ≤ <paramref name="maxParameters"/> parameters.</summary>
    public static SearchResult ForParameterBudget(Network network, long maxParameters, LumpingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= LumpingOptions.Default;
        var trials = new List<SearchTrial>();
        long Count(double eps)
        {
            options.Progress?.Report(new LumpingProgress($"search ε = {eps:G4}"));
            var parts = Lumper.Partition(network, options with { Epsilon = eps }, out _, cancellationToken);
            long p = LumpingResult.CountParameters(network.InputLength, parts.Select(x => x.BlockCount));
            trials.Add(new SearchTrial(eps, p, null));
            return p;
        }

        bool Fits(double eps) => Count(eps) <= maxParameters;
        var (eps, met) = Fits(0) ? (0, true) : SmallestPassing(Fits, trials, cancellationToken);
        return new SearchResult(Lumper.Lump(network, options with { Epsilon = eps }, cancellationToken), met, trials);
    }

    /// <summary>
    /// The largest ε whose reduced network's RMSE on <paramref name="inputs"/> is ≤ <paramref name="maxRmse"/>,
    /// measured against <paramref name="targets"/> when given, else against the original network's outputs.
    /// </summary>
    public static SearchResult ForErrorBudget(Network network, double maxRmse, float[] inputs, double[]? targets = null, LumpingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= LumpingOptions.Default;
        var trials = new List<SearchTrial>();
        var cache = new Dictionary<double, LumpingResult>();
        double Error(double eps)
        {
            options.Progress?.Report(new LumpingProgress($"search ε = {eps:G4}"));
            var result = Lumper.Lump(network, options with { Epsilon = eps, Progress = null }, cancellationToken);
            cache[eps] = result;
            double rmse = targets is null
                ? LumpingErrors.AgainstOriginal(network, result.Reduced, inputs).Rmse
                : LumpingErrors.AgainstTargets(result.Reduced, inputs, targets).Rmse;
            trials.Add(new SearchTrial(eps, result.ParametersAfter, rmse));
            return rmse;
        }

        if (!(Error(0) <= maxRmse))
        {
            return new SearchResult(cache[0], false, trials);
        }

        // Grow ε until the error exceeds the budget or nothing more can merge, then bisect.
        double lo = 0, hi = InitialStep(network);
        while (Error(hi) <= maxRmse)
        {
            if (cache[hi].Layers.Take(cache[hi].Layers.Count - 1).All(l => l.NeuronsAfter == 1) || trials.Count > MaxIterations)
            {
                return new SearchResult(cache[hi], true, trials);
            }

            lo = hi;
            hi *= 4;
        }

        for (int i = 0; i < MaxIterations && hi - lo > 1e-6 * hi; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double mid = lo == 0 ? hi / 16 : Math.Sqrt(lo * hi);
            if (mid <= lo || mid >= hi)
            {
                break;
            }

            if (Error(mid) <= maxRmse)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }

            if (cache[lo].ParametersAfter == cache[hi].ParametersAfter)
            {
                break; // the same sizes on both sides: nothing between them changes the partition
            }
        }

        return new SearchResult(cache.TryGetValue(lo, out var best) ? best : Lumper.Lump(network, options with { Epsilon = lo }, cancellationToken), true, trials);
    }

    private static (double Epsilon, bool Met) SmallestPassing(Func<double, bool> fits, List<SearchTrial> trials, CancellationToken ct)
    {
        // Grow ε geometrically until the budget is met or the size stops falling (nothing left to merge).
        double lo = 0, hi = 1e-4;
        long previous = trials[^1].Parameters;
        while (!fits(hi))
        {
            ct.ThrowIfCancellationRequested();
            long now = trials[^1].Parameters;
            if (hi > 1e12 || (now == previous && hi > 1e6))
            {
                return (hi, false);
            }

            previous = now;
            lo = hi;
            hi *= 4;
        }

        for (int i = 0; i < MaxIterations && hi - lo > 1e-6 * hi; i++)
        {
            ct.ThrowIfCancellationRequested();
            double mid = lo == 0 ? hi / 16 : (lo + hi) / 2;
            if (fits(mid))
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return (hi, true);
    }

    /// <summary>A first ε on the scale of the weights: 3 × the mean |w| of the first layer.</summary>
    private static double InitialStep(Network network)
    {
        var w = network.Layers[0].Weights;
        double sum = 0;
        foreach (float x in w)
        {
            sum += Math.Abs(x);
        }

        return Math.Max(3 * sum / w.Length, 1e-6);
    }
}
