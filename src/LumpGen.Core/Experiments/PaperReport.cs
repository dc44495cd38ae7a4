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
    public static string Markdown(IReadOnlyList<PaperSeries> results, bool quick, string command, string plotFolder, TimeSpan? elapsed = null)
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
            w.AppendLine($"The run took {duration} of wall time on the team's 2-core machine (data sets and seeds in parallel, each run single-threaded and seeded).");
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

    /// <summary>A CSV table of every seed's levels: one row per seed, level and method, with the GRP target the level is matched to.</summary>
    public static string Csv(PaperSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var w = new StringBuilder();
        w.Append("seed,grp_target,epsilon,lumped_shape,lumped_parameters,grp_percent,method,parameters,rmse,mae,r2,max_abs_error\n");
        foreach (var run in series.Runs)
        {
            foreach (var level in run.Levels)
            {
                double target = PaperSeries.TargetOf(level.GrpPercent, run.Plan.GrpTargets);
                foreach (var m in level.Methods)
                {
                    w.Append(string.Create(s_inv,
                        $"{run.Plan.Seed},{target},{level.Epsilon:R},{level.Shape},{level.Parameters},{level.GrpPercent:0.###},{m.Method},{m.Parameters},{m.Test.Rmse:R},{m.Test.Mae:R},{m.Test.R2:R},{m.Test.MaxAbsError:R}\n"));
                }
            }
        }

        return w.ToString();
    }

    private static void Summary(StringBuilder w, IReadOnlyList<PaperSeries> results)
    {
        int met = results.Count(r => r.MeetsGoal);
        w.AppendLine("## Outcome");
        w.AppendLine();
        w.AppendLine(string.Create(s_inv,
            $"Goal of issue 6: at matched parameter counts between {PaperResult.GoalLow}% and {PaperResult.GoalHigh}% kept, the best lumping variant has a lower test RMSE than both baselines on at least 6 of the 8 data sets. "
            + $"**Measured: {met} of {results.Count} data sets** (a data set counts when lumping wins at more than half of its GRP targets in that range, comparing mean test RMSE over {Seeds(results)} with the tie rule of the Protocol section; fine-tuned variants included on both sides)."));
        w.AppendLine();
        w.AppendLine("| data set | task | network | parameters | test RMSE (mean ± sd) | test R² (mean) | targets in 30–70% | lumping wins / ties / losses (all variants) | wins, no retraining | wins, fine-tuned vs fine-tuned | counts for the goal |");
        w.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|:---:|");
        foreach (var r in results)
        {
            var goal = r.GoalLevels;
            var run = r.Runs[0];
            var means = goal.Select(l => l.ToMeanLevel()).ToList();
            w.AppendLine(string.Create(s_inv,
                $"| {r.Plan.Dataset} | {run.Task} | {run.Shape} | {run.OriginalParameters:N0} | {Pm(r.Original)} | {r.Runs.Average(x => x.Original.R2):0.0000} | {goal.Count} | {r.GoalCount(LevelOutcome.Win)} / {r.GoalCount(LevelOutcome.Tie)} / {r.GoalCount(LevelOutcome.Loss)} | {means.Count(PaperResult.LumpingWinsWithoutRetraining)}/{goal.Count} | {means.Count(PaperResult.LumpingWinsFineTuned)}/{goal.Count} | {(r.MeetsGoal ? "yes" : "no")} |"));
        }

        w.AppendLine();
        var wins = results.Where(r => r.MeetsGoal).Select(r => r.Plan.Dataset).ToList();
        var losses = results.Where(r => !r.MeetsGoal).Select(r => r.Plan.Dataset).ToList();
        w.AppendLine($"Lumping comes out ahead on: {(wins.Count == 0 ? "none" : string.Join(", ", wins))}. It does not on: {(losses.Count == 0 ? "none" : string.Join(", ", losses))}. "
            + string.Create(s_inv, $"Each data set is run with {Seeds(results)} (split, training and fine-tunes all seeded); the tables' last column gives the margin of the best lumping variant's mean over the better baseline's mean and the tie threshold (the larger standard error, in % of the baseline mean). ")
            + "The \"no retraining\" and \"fine-tuned vs fine-tuned\" columns compare the means strictly, without the tie rule.");
        w.AppendLine();
        Findings(w, results);
    }

    /// <summary>Counts over all goal-range levels that say where the wins come from.</summary>
    private static void Findings(StringBuilder w, IReadOnlyList<PaperSeries> results)
    {
        var levels = results.SelectMany(r => r.GoalLevels.Select(l => l.ToMeanLevel())).ToList();
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
        int withinTenPercent = results.Sum(r => r.GoalLevels.Count(l => l.Best(CompressionMethods.Lumping)!.Mean <= 1.1 * r.Original.Mean));
        w.AppendLine("Over all " + levels.Count.ToString(s_inv) + " GRP targets in the 30–70% range (mean test RMSE over the seeds):");
        w.AppendLine();
        w.AppendLine(string.Create(s_inv, $"- Lumping without any data (rep or mean quotient alone) beats the best one-shot baseline (magnitude layer/global, Wanda) at {dataFreeWins} of {levels.Count} levels; the rep quotient beats the mean quotient at {repBeatsMean}."));
        w.AppendLine($"- The best lumping variant per level: {string.Join(", ", bestVariant)}."
            + (dataAware * 2 > best.Count ? " The data-aware steps beyond the paper (least-squares refit, fine-tune) carry most of lumping's accuracy: compare the rep and mean columns with the refit ones." : ""));
        w.AppendLine(string.Create(s_inv, $"- The best lumping variant stays within 10% of the original network's test RMSE at {withinTenPercent} of {levels.Count} levels."));
        w.AppendLine();
    }

    private static void Protocol(StringBuilder w, IReadOnlyList<PaperSeries> results, bool quick)
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
            + $"Adam (lr {plan.Training.LearningRate}, batch {plan.Training.BatchSize}), MSE, at most {plan.Training.Epochs} epochs, early stopping after {plan.Training.Patience} epochs without a better validation loss, best weights kept."));
        w.AppendLine(string.Create(s_inv,
            $"- **Seeds.** The whole protocol (split, training, ε search, compression, fine-tunes) is repeated for seeds 1..{(results.Count == 0 ? 1 : results.Max(r => r.Runs.Count))} (`--seeds`). Seed s shuffles the split with seed {Data.DataSplit.DefaultSeed} + s − 1, initialises and shuffles training with seed s and the fine-tunes with seed s + 1; the data themselves (files, synthetic trajectories) are the same for every seed. ")
            + "Each seed's levels are matched by GRP target: a level belongs to the smallest target ≥ its GRP (so 89.0% → 90%, 29.8% → 30%); the tables give the mean GRP reached, and the mean ± sample standard deviation of test RMSE per method over the seeds that reached the target.");
        w.AppendLine("- **Parameters and GRP.** Parameters = weights + biases of all dense layers (the fixed normalisation transforms are not counted). A lumped network is smaller and dense; a pruned network keeps its shape and its size is its count of non-zero weights and biases. GRP% = parameters kept / original × 100.");
        w.AppendLine(string.Create(s_inv,
            $"- **ε.** For each GRP target in {{{string.Join(", ", plan.GrpTargets)}}}% the smallest ε (ERODE convention, DESIGN §3) whose ε-FDE lumped network has at most that many parameters (bisection, `EpsilonSearch.ForParameterBudget`); duplicates of one size are reported once. The lumped network's actual size is what everything else is matched to."));
        w.AppendLine("- **Lumping variants.** The engine's `Lumper`: rep quotient (ERODE's), mean quotient, mean + least-squares refit of the following layers on calibration data "
            + string.Create(s_inv, $"(the first {plan.CalibrationRows:N0} training rows), and that network after a short fine-tune."));
        w.AppendLine("- **Baselines at the same size.** Magnitude pruning (one-shot, |w|; per layer = the same weight sparsity in every layer, and global), and Wanda (|w|·‖x_j‖₂ with norms from the same calibration rows, per output row, layers pruned first to last on the already-pruned activations). Biases are not pruned; the non-zero count equals the lumped network's parameter count exactly. Per-layer magnitude and Wanda also get the same fine-tune with pruned weights held at zero.");
        w.AppendLine(string.Create(s_inv,
            $"- **Fine-tune.** {plan.FineTune.Epochs} epochs of the same trainer (lr {plan.FineTune.LearningRate}, batch {plan.FineTune.BatchSize}) from the compressed network, keeping the epoch with the best validation loss (the start counts, so fine-tuning never makes validation worse)."));
        w.AppendLine("- **Win, tie, loss.** At one GRP target, take the lumping variant with the lowest mean test RMSE and the baseline variant (magnitude or Wanda, fine-tuned or not) with the lowest mean. "
            + "If their means differ by less than the larger of their two standard errors (sd / √n), the target is a **tie**; otherwise it is a **win** when lumping's mean is lower and a **loss** when it is higher. "
            + "With one seed the standard errors are 0 and this is the plain comparison. "
            + "The rule is unpaired and therefore conservative: at one seed every method starts from the same trained network, so much of the spread across seeds (the original network's own test RMSE varies) is shared by lumping and the baselines; the CSV files hold the per-seed numbers for a paired reading. "
            + "A data set counts for the goal when wins are more than half of its targets whose mean GRP is within 30–70%. "
            + "Also shown: the plain comparison of means without any fine-tuning, and fine-tuned vs fine-tuned.");
        w.AppendLine();
    }

    private static void Dataset(StringBuilder w, PaperSeries series, string plotFolder)
    {
        var r = series.Runs[0];
        string name = r.Plan.Dataset;
        w.AppendLine($"## {name}");
        w.AppendLine();
        w.AppendLine(string.Create(s_inv,
            $"{r.Task}. Network {r.Shape} ({r.Plan.Activation}), {r.OriginalParameters:N0} parameters, trained {string.Join(" / ", series.Runs.Select(x => x.EpochsRun))} epochs (per seed) on {r.TrainRows:N0} rows ({r.ValidationRows:N0} validation, {r.TestRows:N0} test). "
            + $"**Original test RMSE {Pm(series.Original)}, R² {series.Runs.Average(x => x.Original.R2):0.0000}** (mean over {Seeds([series])}; MAE {F(series.Runs.Average(x => x.Original.Mae))}). Wall time {series.Runs.Sum(x => x.Elapsed.TotalSeconds):0} s (all seeds)."));
        w.AppendLine();
        if (series.Levels.Count == 0)
        {
            w.AppendLine("No ε reached any GRP target (nothing could be lumped).");
            w.AppendLine();
            return;
        }

        foreach (var run in series.Runs)
        {
            w.AppendLine(string.Create(s_inv, $"ε values used, seed {run.Plan.Seed}: {string.Join(", ", run.Levels.Select(l => l.Epsilon.ToString("G6", s_inv)))}."));
            w.AppendLine();
        }

        w.AppendLine($"![test RMSE vs GRP for {name}]({plotFolder}/{name}.png)");
        w.AppendLine();
        SeedTable(w, series.Levels);
        w.AppendLine();
        w.AppendLine("Test RMSE per method, mean ± sample sd over the seeds that reached the target (bold: lowest mean). Baselines have exactly the lumped network's parameter count as non-zeros in every seed. "
            + "Last column: best lumping variant vs the better baseline on the means (negative = lumping lower) ± the tie threshold; see Protocol.");
        w.AppendLine();
    }

    private static void SeedTable(StringBuilder w, IReadOnlyList<SeedLevel> levels)
    {
        var methods = CompressionMethods.All.Where(m => levels.Any(l => l.Find(m) is not null)).ToList();
        MethodTableHeader(w, "| GRP target | mean GRP% | seeds | lumped shapes |", "|---:|---:|---:|---|", methods, " lumping (margin ± tie threshold) |");
        foreach (var level in levels)
        {
            w.Append(string.Create(s_inv, $"| {level.Target:0}% | {level.MeanGrp:0.0} | {level.Seeds} | {string.Join(", ", level.Shapes)} |"));
            double best = level.Best(methods)?.Mean ?? double.NaN;
            foreach (string m in methods)
            {
                string cell = level.Find(m) is { } stats ? Pm(stats) : "–";
                w.Append(' ').Append(level.Find(m) is { } x && x.Mean == best ? $"**{cell}**" : cell).Append(" |");
            }

            if (!level.HasBaselines)
            {
                w.AppendLine(" – |");
            }
            else
            {
                string outcome = level.Outcome switch { LevelOutcome.Win => "win", LevelOutcome.Tie => "tie", _ => "loss" };
                string tie = level.Seeds > 1 ? string.Create(s_inv, $" ± {level.TiePercent:0.0}%") : "";
                w.AppendLine(string.Create(s_inv, $" {outcome} ({level.MarginPercent:+0.0;−0.0;0.0}%{tie}) |"));
            }
        }
    }

    private static string Pm(MethodStats stats) => stats.Count > 1 ? $"{F(stats.Mean)} ± {F(stats.Sd)}" : F(stats.Mean);

    private static string Seeds(IReadOnlyList<PaperSeries> results)
    {
        int n = results.Count == 0 ? 1 : results.Max(r => r.Runs.Count);
        return n == 1 ? "1 seed (one split, one training run)" : string.Create(s_inv, $"{n} seeds");
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
        MethodTableHeader(w, "| ε | lumped shape | parameters | GRP% |", "|---:|---|---:|---:|", methods, " lumping wins (margin) |");
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

    /// <summary>The header and alignment rows of a table: the leading columns, one right-aligned column per method, one centred outcome column.</summary>
    private static void MethodTableHeader(StringBuilder w, string leading, string leadingAlignment, IReadOnlyList<string> methods, string outcome)
    {
        w.Append(leading);
        foreach (string m in methods)
        {
            w.Append(' ').Append(m).Append(" |");
        }

        w.AppendLine(outcome);
        w.Append(leadingAlignment);
        foreach (string _ in methods)
        {
            w.Append("---:|");
        }

        w.AppendLine(":---:|");
    }

    private static string F(double value) => value.ToString(Math.Abs(value) >= 1000 ? "0" : "G4", s_inv);
}
