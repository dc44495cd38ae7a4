using LumpGen.Evaluation;

namespace LumpGen.Experiments;

/// <summary>One compression method's network at a level, measured on the test rows.</summary>
/// <param name="Method">A name from <see cref="CompressionMethods"/>.</param>
/// <param name="Parameters">Parameters of the result: dense count for lumped networks, non-zeros for pruned ones.</param>
/// <param name="Test">Errors on the test rows, in the targets' own units.</param>
public sealed record MethodResult(string Method, long Parameters, RegressionMetrics Test);

/// <summary>One point of a sweep: an ε, the size of its lumped network, and every method at that size.</summary>
/// <param name="Epsilon">ε (ERODE convention).</param>
/// <param name="Parameters">Weights + biases of the lumped network; pruning baselines keep exactly this many non-zeros.</param>
/// <param name="GrpPercent">100 · parameters kept / original parameters.</param>
/// <param name="Shape">The lumped network's widths (<c>10-41-37-1</c>).</param>
/// <param name="Methods">Results per method.</param>
public sealed record CompressionLevel(double Epsilon, long Parameters, double GrpPercent, string Shape, IReadOnlyList<MethodResult> Methods)
{
    /// <summary>The result of <paramref name="method"/>, or null when it was not run.</summary>
    public MethodResult? Find(string method) => Methods.FirstOrDefault(m => m.Method == method);

    /// <summary>The lowest test RMSE among <paramref name="methods"/> that were run (NaN when none).</summary>
    public double BestRmse(IEnumerable<string> methods)
    {
        double best = double.NaN;
        foreach (string name in methods)
        {
            if (Find(name) is { } r && !double.IsNaN(r.Test.Rmse) && (double.IsNaN(best) || r.Test.Rmse < best))
            {
                best = r.Test.Rmse;
            }
        }

        return best;
    }
}
