using System.Globalization;
using System.Text;

namespace LumpGen.Experiments;

/// <summary>
/// Writes the paper-reproduction report (<c>docs/results.md</c>) and per-data-set CSV tables from
/// measured <see cref="PaperResult"/>s. Plots are made by the CLI (ScottPlot) and linked by file name.
/// Numbers are formatted with the invariant culture.
/// </summary>
public static class PaperReport
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>The report's Markdown. <paramref name="plotFolder"/> is the folder of the PNGs relative to the report (e.g. <c>results</c>).</summary>
    public static string Markdown(IReadOnlyList<PaperResult> results, bool quick, string command, string plotFolder, TimeSpan? elapsed = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var w = new StringBuilder();
        w.AppendLine("# Reproducing the paper's evaluation: lumping vs magnitude pruning and Wanda");
        w.AppendLine();
        w.AppendLine(quick
            ? "**This is a `--quick` run** (small networks, subsampled data, sized for CI): its numbers are a smoke test, not the result. The full run's report replaces it."
            : "Full run of the protocol below. Every number in this file was measured by the command that regenerates it:");
        w.AppendLine();
        w.AppendLine("```sh");
        w.AppendLine(command);
        w.AppendLine("```");
        w.AppendLine();
        if (elapsed is { } time)
        {
            string duration = time.TotalMinutes >= 2 ? string.Create(s_inv, $"{time.TotalMinutes:0.0} minutes") : string.Create(s_inv, $"{time.TotalSeconds:0} seconds");
            w.AppendLine($"The run took {duration} of wall time on the team's 2-core machine (data sets in parallel, each single-threaded and seeded).");
            w.AppendLine();
        }

        Summary(w, results);
        Protocol(w, results, quick);
        foreach (var r in results)
        {
            Dataset(w, r, plotFolder);
        }

        return w.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>A CSV table of levels: one row per level and method.</summary>
    public static string Csv(IReadOnlyList<CompressionLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var w = new StringBuilder();
        w.Append("epsilon,lumped_shape,lumped_parameters,grp_percent,method,parameters,rmse,mae,r2,max_abs_error\n");
        foreach (var level in levels)
        {
            foreach (var m in level.Methods)
            {
                w.Append(string.Create(s_inv,
                    $"{level.Epsilon:R},{level.Shape},{level.Parameters},{level.GrpPercent:0.###},{m.Method},{m.Parameters},{m.Test.Rmse:R},{m.Test.Mae:R},{m.Test.R2:R},{m.Test.MaxAbsError:R}\n"));
            }
        }

        return w.ToString();
    }

    private static void Summary(StringBuilder w, IReadOnlyList<PaperResult> results)
    {
        int met = results.Count(r => r.MeetsGoal);
        w.AppendLine("## Outcome");
        w.AppendLine();
        w.AppendLine(string.Create(s_inv,
            $"Goal of issue 6: at matched parameter counts between {PaperResult.GoalLow}% and {PaperResult.GoalHigh}% kept, the best lumping variant has a lower test RMSE than both baselines on at least 6 of the 8 data sets. "
            + $"**Measured: {met} of {results.Count} data sets** (a data set counts when lumping wins at more than half of its levels in that range; fine-tuned variants included on both sides)."));
        w.AppendLine();
        w.AppendLine("| data set | task | network | parameters | test RMSE | test R² | levels in 30–70% | lumping wins (all variants) | wins, no retraining | wins, fine-tuned vs fine-tuned | counts for the goal |");
        w.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|:---:|");
        foreach (var r in results)
        {
            var goal = r.GoalLevels;
            w.AppendLine(string.Create(s_inv,
                $"| {r.Plan.Dataset} | {r.Task} | {r.Shape} | {r.OriginalParameters:N0} | {F(r.Original.Rmse)} | {r.Original.R2:0.0000} | {goal.Count} | {r.GoalWins}/{goal.Count} | {goal.Count(PaperResult.LumpingWinsWithoutRetraining)}/{goal.Count} | {goal.Count(PaperResult.LumpingWinsFineTuned)}/{goal.Count} | {(r.MeetsGoal ? "yes" : "no")} |"));
        }

        w.AppendLine();
        var wins = results.Where(r => r.MeetsGoal).Select(r => r.Plan.Dataset).ToList();
        var losses = results.Where(r => !r.MeetsGoal).Select(r => r.Plan.Dataset).ToList();
        w.AppendLine($"Lumping comes out ahead on: {(wins.Count == 0 ? "none" : string.Join(", ", wins))}. It does not on: {(losses.Count == 0 ? "none" : string.Join(", ", losses))}. "
            + "Each data set is one training run (one seed, one split): the tables' last column gives the margin of the best lumping variant over the better baseline, and margins of a fraction of a percent should be read as ties.");
        w.AppendLine();
        Findings(w, results);
    }

    /// <summary>Counts over all goal-range levels that say where the wins come from.</summary>
    private static void Findings(StringBuilder w, IReadOnlyList<PaperResult> results)
    {
        var levels = results.SelectMany(r => r.GoalLevels).ToList();
        if (levels.Count == 0)
        {
            return;
        }

        string[] dataFree = [CompressionMethods.LumpRep, CompressionMethods.LumpMean];
        string[] oneShotBaselines = [CompressionMethods.MagnitudeLayer, CompressionMethods.MagnitudeGlobal, CompressionMethods.Wanda];
        int dataFreeWins = levels.Count(l => l.BestRmse(dataFree) < l.BestRmse(oneShotBaselines));
        int repBeatsMean = levels.Count(l => l.BestRmse([CompressionMethods.LumpRep]) < l.BestRmse([CompressionMethods.LumpMean]));
        var best = levels.Select(l => CompressionMethods.Lumping.Where(m => l.Find(m) is not null).MinBy(m => l.Find(m)!.Test.Rmse)).ToList();
        int dataAware = best.Count(m => m is CompressionMethods.LumpRefit or CompressionMethods.LumpFineTune);
        var bestVariant = best
            .GroupBy(m => m)
            .OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} {g.Count()}");
        int withinTenPercent = results.Sum(r => r.GoalLevels.Count(l => l.BestRmse(CompressionMethods.Lumping) <= 1.1 * r.Original.Rmse));
        w.AppendLine("Over all " + levels.Count.ToString(s_inv) + " levels in the 30–70% range:");
        w.AppendLine();
        w.AppendLine(string.Create(s_inv, $"- Lumping without any data (rep or mean quotient alone) beats the best one-shot baseline (magnitude layer/global, Wanda) at {dataFreeWins} of {levels.Count} levels; the rep quotient beats the mean quotient at {repBeatsMean}."));
        w.AppendLine($"- The best lumping variant per level: {string.Join(", ", bestVariant)}."
            + (dataAware * 2 > best.Count ? " The data-aware steps beyond the paper (least-squares refit, fine-tune) carry most of lumping's accuracy: compare the rep and mean columns with the refit ones." : ""));
        w.AppendLine(string.Create(s_inv, $"- The best lumping variant stays within 10% of the original network's test RMSE at {withinTenPercent} of {levels.Count} levels."));
        w.AppendLine();
    }

    private static void Protocol(StringBuilder w, IReadOnlyList<PaperResult> results, bool quick)
    {
        var plan = results.Count > 0 ? results[0].Plan : PaperPlan.For("abalone", quick);
        w.AppendLine("## Protocol");
        w.AppendLine();
        w.AppendLine("The paper (Dhiman et al., arXiv 2606.01402) does not publish its protocol; this one is ours. The same protocol is used for every data set.");
        w.AppendLine();
        w.AppendLine("- **Data.** UCI sets are read from `../shared/data/datasets` unmodified: *abalone* (Sex one-hot + 7 measurements → Rings); *casp* = PROTEIN (F1..F9 → RMSD); "
            + "*metro* (holiday flag, temp, rain, snow, clouds, weather_main one-hot (11), hour sin/cos, weekday one-hot, month sin/cos, year → traffic_volume; the 10 rows with temp = 0 K and the one with rain = 9831 mm are dropped as recording errors); "
            + "*hepc* (the 7,349-row minute subset that is available here: reactive power, voltage, intensity, sub-meterings 1–3, time of day sin/cos → Global_active_power; 2 rows with '?' skipped). "
            + "Synthetic sets are **state → vector field** regressions: states visited by RK4 trajectories from random initial states around the published ones, target f(x) computed exactly "
            + "(*polymerization*: the 10-species HACA network of ERODE/CLUE, source I as input only; *electrical*: the 7-node H-tree RC circuit of CLUE's hTreeCircuit3_1; "
            + "*glycolytic*: the 7-state yeast glycolysis model of Ruoff et al.; *rn*: our choice for the unidentified \"RN\", ERODE's KaiC approximate-majority mass-action network (4 species, 8 reactions)); "
            + string.Create(s_inv, $"{plan.SyntheticRows:N0} rows each, 40 per trajectory. RMSE is in the targets' units, pooled over outputs for the multi-output synthetic sets; R² is averaged over outputs."));
        w.AppendLine(string.Create(s_inv,
            $"- **Split.** Seeded shuffle, 60% train / 20% validation / 20% test, then at most {plan.MaxTrainRows:N0} / {plan.MaxValidationRows:N0} / {plan.MaxTestRows:N0} rows (CASP and Metro are subsampled). The test rows are used for the numbers below only."));
        w.AppendLine(string.Create(s_inv,
            $"- **Network and training.** {plan.Hidden.Count} hidden layers of {string.Join(" and ", plan.Hidden)} {plan.Activation} neurons, linear output; inputs and targets standardised (folded into the network's transforms). "
            + $"Adam (lr {plan.Training.LearningRate}, batch {plan.Training.BatchSize}), MSE, at most {plan.Training.Epochs} epochs, early stopping after {plan.Training.Patience} epochs without a better validation loss, best weights kept; seed {plan.Training.Seed}."));
        w.AppendLine("- **Parameters and GRP.** Parameters = weights + biases of all dense layers (the fixed normalisation transforms are not counted). A lumped network is smaller and dense; a pruned network keeps its shape and its size is its count of non-zero weights and biases. GRP% = parameters kept / original × 100.");
        w.AppendLine(string.Create(s_inv,
            $"- **ε.** For each GRP target in {{{string.Join(", ", plan.GrpTargets)}}}% the smallest ε (ERODE convention, DESIGN §3) whose ε-FDE lumped network has at most that many parameters (bisection, `EpsilonSearch.ForParameterBudget`); duplicates of one size are reported once. The lumped network's actual size is what everything else is matched to."));
        w.AppendLine("- **Lumping variants.** The engine's `Lumper`: rep quotient (ERODE's), mean quotient, mean + least-squares refit of the following layers on calibration data "
            + string.Create(s_inv, $"(the first {plan.CalibrationRows:N0} training rows), and that network after a short fine-tune."));
        w.AppendLine("- **Baselines at the same size.** Magnitude pruning (one-shot, |w|; per layer = the same weight sparsity in every layer, and global), and Wanda (|w|·‖x_j‖₂ with norms from the same calibration rows, per output row, layers pruned first to last on the already-pruned activations). Biases are not pruned; the non-zero count equals the lumped network's parameter count exactly. Per-layer magnitude and Wanda also get the same fine-tune with pruned weights held at zero.");
        w.AppendLine(string.Create(s_inv,
            $"- **Fine-tune.** {plan.FineTune.Epochs} epochs of the same trainer (lr {plan.FineTune.LearningRate}, batch {plan.FineTune.BatchSize}) from the compressed network, keeping the epoch with the best validation loss (the start counts, so fine-tuning never makes validation worse)."));
        w.AppendLine("- **Win.** At one level, lumping wins when min RMSE over its variants < min over the magnitude variants and < min over the Wanda variants. Also shown: the same comparison without any fine-tuning, and fine-tuned vs fine-tuned.");
        w.AppendLine();
    }

    private static void Dataset(StringBuilder w, PaperResult r, string plotFolder)
    {
        string name = r.Plan.Dataset;
        w.AppendLine($"## {name}");
        w.AppendLine();
        w.AppendLine(string.Create(s_inv,
            $"{r.Task}. Network {r.Shape} ({r.Plan.Activation}), {r.OriginalParameters:N0} parameters, trained {r.EpochsRun} epochs on {r.TrainRows:N0} rows ({r.ValidationRows:N0} validation, {r.TestRows:N0} test). "
            + $"**Original test RMSE {F(r.Original.Rmse)}, R² {r.Original.R2:0.0000}** (MAE {F(r.Original.Mae)}). Wall time {r.Elapsed.TotalSeconds:0} s."));
        w.AppendLine();
        if (r.Levels.Count == 0)
        {
            w.AppendLine("No ε reached any GRP target (nothing could be lumped).");
            w.AppendLine();
            return;
        }

        w.AppendLine($"ε values used: {string.Join(", ", r.Levels.Select(l => l.Epsilon.ToString("G6", s_inv)))}.");
        w.AppendLine();
        w.AppendLine($"![test RMSE vs GRP for {name}]({plotFolder}/{name}.png)");
        w.AppendLine();
        LevelTable(w, r.Levels);
        w.AppendLine();
        w.AppendLine("Test RMSE per method (bold: best at that size). Baselines have exactly the lumped network's parameter count as non-zeros. Margin: best lumping variant vs the best baseline variant, negative = lumping lower.");
        w.AppendLine();
    }

    /// <summary>The Markdown report of <c>lumpgen sweep</c>: the original errors, the command, the table and the plot.</summary>
    public static string SweepMarkdown(string title, Evaluation.RegressionMetrics original, long originalParameters, IReadOnlyList<CompressionLevel> levels, string command, string plotFile)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var w = new StringBuilder();
        w.AppendLine($"# ε sweep: {title}");
        w.AppendLine();
        w.AppendLine(string.Create(s_inv, $"Original network: {originalParameters:N0} parameters, test RMSE {F(original.Rmse)}, R² {original.R2:0.0000}. Regenerate with:"));
        w.AppendLine();
        w.AppendLine("```sh");
        w.AppendLine(command);
        w.AppendLine("```");
        w.AppendLine();
        w.AppendLine($"![test RMSE vs GRP]({plotFile})");
        w.AppendLine();
        LevelTable(w, levels);
        w.AppendLine();
        w.AppendLine("Test RMSE per method (bold: best at that size). Pruning baselines keep exactly the lumped network's parameter count as non-zero weights and biases.");
        return w.ToString().ReplaceLineEndings("\n");
    }

    private static void LevelTable(StringBuilder w, IReadOnlyList<CompressionLevel> levels)
    {
        var methods = CompressionMethods.All.Where(m => levels.Any(l => l.Find(m) is not null)).ToList();
        w.Append("| ε | lumped shape | parameters | GRP% |");
        foreach (string m in methods)
        {
            w.Append(' ').Append(m).Append(" |");
        }

        w.AppendLine(" lumping wins (margin) |");
        w.Append("|---:|---|---:|---:|");
        foreach (string _ in methods)
        {
            w.Append("---:|");
        }

        w.AppendLine(":---:|");
        foreach (var level in levels)
        {
            w.Append(string.Create(s_inv, $"| {level.Epsilon:G6} | {level.Shape} | {level.Parameters:N0} | {level.GrpPercent:0.0} |"));
            double best = level.BestRmse(methods);
            foreach (string m in methods)
            {
                string cell = level.Find(m) is { } result ? F(result.Test.Rmse) : "–";
                w.Append(' ').Append(level.Find(m) is { } x && x.Test.Rmse == best ? $"**{cell}**" : cell).Append(" |");
            }

            if (level.Find(CompressionMethods.Wanda) is null)
            {
                w.AppendLine(" – |");
            }
            else
            {
                double baseline = Math.Min(level.BestRmse(CompressionMethods.Magnitude), level.BestRmse(CompressionMethods.WandaVariants));
                double margin = 100 * ((level.BestRmse(CompressionMethods.Lumping) / baseline) - 1);
                w.AppendLine(string.Create(s_inv, $" {(PaperResult.LumpingWins(level) ? "yes" : "no")} ({margin:+0.0;−0.0;0.0}%) |"));
            }
        }
    }

    private static string F(double value) => value.ToString(Math.Abs(value) >= 1000 ? "0" : "G4", s_inv);
}
