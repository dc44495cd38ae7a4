using System.Globalization;
using LumpGen.Data;
using LumpGen.Evaluation;
using LumpGen.Lumping;
using LumpGen.Model;
using LumpGen.Pruning;
using LumpGen.Training;

namespace LumpGen.Experiments;

/// <summary>
/// Size versus error of lumping and of the pruning baselines on one trained network. For each ε (given,
/// or chosen per GRP target with <see cref="EpsilonSearch.ForParameterBudget"/>) the network is lumped
/// with the rep and mean quotients and with mean + least-squares refit (the lumping engine's
/// <see cref="Lumper"/>); magnitude pruning (per layer and global) and Wanda are then run at exactly the
/// lumped network's parameter count (non-zeros). With <see cref="SweepOptions.FineTune"/> the
/// refitted lumped network and the per-layer magnitude and Wanda networks are also fine-tuned with the
/// same budget (pruned weights held at zero). Every network is measured on the test rows with the
/// double-precision <see cref="ReferenceEvaluator"/>.
/// </summary>
public static class CompressionSweep
{
    /// <summary>Runs the sweep; levels with equal lumped sizes are reported once, largest first.</summary>
    public static IReadOnlyList<CompressionLevel> Run(Network original, DataSplit split, SweepOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(options);
        var calibration = split.Train.Take(options.CalibrationRows).Features;
        var epsilons = options.Epsilons ?? ChooseEpsilons(original, options.GrpTargets, cancellationToken);
        var levels = new List<CompressionLevel>();
        var seen = new HashSet<long>();
        foreach (double epsilon in epsilons.Order())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var mean = Lumper.Lump(original, new LumpingOptions { Epsilon = epsilon, Quotient = QuotientKind.Mean }, cancellationToken);
            long parameters = mean.ParametersAfter;
            if (!seen.Add(parameters))
            {
                continue;
            }

            var results = new List<MethodResult>();
            void Add(string method, Network network, long count) => results.Add(new MethodResult(method, count, Evaluate(network, split.Test)));

            var rep = Lumper.Lump(original, new LumpingOptions { Epsilon = epsilon, Quotient = QuotientKind.Rep }, cancellationToken);
            Add(CompressionMethods.LumpRep, rep.Reduced, rep.ParametersAfter);
            Add(CompressionMethods.LumpMean, mean.Reduced, parameters);
            var refit = Lumper.Lump(original, new LumpingOptions
            {
                Epsilon = epsilon,
                Quotient = QuotientKind.Mean,
                Refit = true,
                CalibrationInputs = calibration,
            }, cancellationToken);
            Add(CompressionMethods.LumpRefit, refit.Reduced, refit.ParametersAfter);

            bool prunable = CanPrune(original, parameters);
            Network? magnitude = null, wanda = null;
            if (prunable)
            {
                magnitude = MagnitudePruner.Prune(original, parameters, PruningScope.Layer);
                Add(CompressionMethods.MagnitudeLayer, magnitude, SparseParameters.NonZeroCount(magnitude));
                var global = MagnitudePruner.Prune(original, parameters, PruningScope.Global);
                Add(CompressionMethods.MagnitudeGlobal, global, SparseParameters.NonZeroCount(global));
                wanda = WandaPruner.Prune(original, calibration, parameters);
                Add(CompressionMethods.Wanda, wanda, SparseParameters.NonZeroCount(wanda));
            }

            if (options.FineTune is { } fineTune)
            {
                var tuned = MlpTrainer.Train(refit.Reduced, split.Train, split.Validation, fineTune).Network;
                Add(CompressionMethods.LumpFineTune, tuned, tuned.ParameterCount);
                if (magnitude is not null && wanda is not null)
                {
                    var m = MlpTrainer.Train(magnitude, split.Train, split.Validation, fineTune, SparseParameters.Masks(magnitude)).Network;
                    Add(CompressionMethods.MagnitudeFineTune, m, SparseParameters.NonZeroCount(m));
                    var w = MlpTrainer.Train(wanda, split.Train, split.Validation, fineTune, SparseParameters.Masks(wanda)).Network;
                    Add(CompressionMethods.WandaFineTune, w, SparseParameters.NonZeroCount(w));
                }
            }

            double grp = 100.0 * parameters / original.ParameterCount;
            var level = new CompressionLevel(epsilon, parameters, grp, mean.Reduced.Shape, [.. results.OrderBy(r => IndexOf(r.Method))]);
            levels.Add(level);
            if (options.Progress is { } progress)
            {
                string methods = string.Join(", ", level.Methods.Select(r => r.Method + " " + r.Test.Rmse.ToString("G4", CultureInfo.InvariantCulture)));
                progress.Report(string.Create(CultureInfo.InvariantCulture, $"ε = {epsilon:G4}: {mean.Reduced.Shape}, {parameters} parameters ({grp:0.#}%): {methods}"));
            }
        }

        levels.Sort((a, b) => b.Parameters.CompareTo(a.Parameters));
        return levels;
    }

    /// <summary>For each GRP target t (%), the smallest ε whose lumped network keeps at most t% of the parameters (duplicates removed).</summary>
    public static IReadOnlyList<double> ChooseEpsilons(Network original, IReadOnlyList<double> grpTargets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(grpTargets);
        var result = new SortedSet<double>();
        foreach (double target in grpTargets)
        {
            long budget = (long)Math.Floor(target / 100.0 * original.ParameterCount);
            var search = EpsilonSearch.ForParameterBudget(original, budget, LumpingOptions.Default, cancellationToken);
            if (search.BudgetMet)
            {
                result.Add(search.Result.Epsilon);
            }
        }

        return [.. result];
    }

    /// <summary>Test errors of <paramref name="network"/> on <paramref name="data"/> in the targets' units.</summary>
    public static RegressionMetrics Evaluate(Network network, RegressionData data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        var predictions = ReferenceEvaluator.PredictBatch(network, data.Features);
        var targets = new double[data.Targets.Length];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = data.Targets[i];
        }

        return RegressionMetrics.Compute(predictions, targets, data.TargetCount);
    }

    private static bool CanPrune(Network network, long parameters)
    {
        long biases = network.Layers.Sum(l => SparseParameters.NonZero(l.Bias));
        return parameters >= biases && parameters <= SparseParameters.NonZeroCount(network);
    }

    private static int IndexOf(string method)
    {
        for (int i = 0; i < CompressionMethods.All.Count; i++)
        {
            if (CompressionMethods.All[i] == method)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
