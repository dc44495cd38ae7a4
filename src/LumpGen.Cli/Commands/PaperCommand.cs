using System.CommandLine;
using System.Globalization;
using System.Runtime.ExceptionServices;
using LumpGen.Cli.Infrastructure;
using LumpGen.Cli.Reports;
using LumpGen.Data;
using LumpGen.Experiments;
using LumpGen.IO;

namespace LumpGen.Cli.Commands;

/// <summary><c>lumpgen paper [--dataset NAME] [--quick] [--seeds N] --report DIR</c>: the paper-reproduction protocol on the built-in data sets.</summary>
internal static class PaperCommand
{
    public static Command Create(CliContext context)
    {
        var dataset = new Option<string[]>("--dataset")
        {
            Description = "Run only these data sets (repeat or comma-separate): " + string.Join(", ", BuiltInDatasets.Names) + " (protein = casp). Default: all eight.",
            AllowMultipleArgumentsPerToken = true,
        };
        var quick = new Option<bool>("--quick") { Description = "Small networks and subsampled data (a smoke test sized for CI, well under 2 minutes); the numbers are not the result." };
        var report = new Option<string>("--report") { Description = "Folder for results.md; plots and CSV tables go to its results/ subfolder. Created if missing.", Required = true };
        var jobs = new Option<int>("--jobs") { Description = "Data sets run in parallel (each is single-threaded and deterministic).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seeds = new Option<int>("--seeds") { Description = "Repeat the whole protocol per data set for seeds 1..N (split, training, fine-tunes); the report gives mean ± sd and calls sub-standard-error differences ties.", DefaultValueFactory = _ => 1 };
        var command = new Command(
            "paper",
            "Reproduce the paper's evaluation: train an MLP per data set, lump it at ε values chosen for 90…20% parameters kept (rep, mean, mean + refit, + fine-tune), "
            + "prune it to the same sizes (magnitude per layer/global, Wanda, + fine-tune), and write results.md with tables and PNG plots of test RMSE vs GRP%.")
        {
            dataset, quick, report, jobs, seeds,
        };
        command.SetAction(parse => CommandRunner.Run(parse, context, () =>
        {
            var names = new List<string>();
            foreach (string item in parse.GetValue(dataset) ?? [])
            {
                foreach (string part in item.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    names.Add(BuiltInDatasets.Canonical(part) ?? throw new UserException(
                        $"--dataset '{part}' is not a built-in data set; choose from {string.Join(", ", BuiltInDatasets.Names)}."));
                }
            }

            if (names.Count == 0)
            {
                names.AddRange(BuiltInDatasets.Names);
            }

            names = [.. names.Distinct()];
            bool isQuick = parse.GetValue(quick);
            int seedCount = parse.GetValue(seeds);
            if (seedCount < 1)
            {
                throw new UserException($"--seeds must be at least 1 (got {seedCount}).");
            }

            string folder = parse.GetValue(report)!;
            string plots = Path.Combine(folder, "results");
            Directory.CreateDirectory(plots);
            string? dataFolder = names.Any(n => !BuiltInDatasets.SyntheticNames.Contains(n)) ? BuiltInDatasets.FindDataFolder() : null;
            var progress = new LineProgress(context.Stderr);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var runs = new PaperResult[names.Count * seedCount];
            try
            {
                // One job per (data set, seed), data sets first so that every data set gets going early.
                Parallel.For(0, runs.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parse.GetValue(jobs)) }, k =>
                {
                    int i = k % names.Count, seed = (k / names.Count) + 1;
                    var plan = PaperPlan.For(names[i], isQuick).WithSeed(seed);
                    runs[(i * seedCount) + seed - 1] = PaperExperiment.Run(plan, dataFolder, seedCount == 1 ? progress : new SeedProgress(progress, seed));
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // Parallel.For wraps failures; rethrow the first so a bad data file stays a one-line user error.
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                throw;
            }

            var results = new PaperSeries[names.Count];
            for (int i = 0; i < names.Count; i++)
            {
                var series = results[i] = new PaperSeries(runs[(i * seedCount)..((i + 1) * seedCount)]);
                string title = $"{names[i]}: {series.Runs[0].Shape}, test RMSE vs parameters kept" + (seedCount > 1 ? $" (mean ± sd, {seedCount} seeds)" : "");
                ErrorPlot.Save(Path.Combine(plots, names[i] + ".png"), title, series.Original.Mean, [.. series.Levels.Select(l => l.ToMeanLevel())],
                    seedCount > 1 ? (level, method) => series.Levels.First(l => l.MeanGrp == level.GrpPercent).Find(method)?.Sd ?? 0 : null);
                AtomicFile.WriteText(Path.Combine(plots, names[i] + ".csv"), w => w.Write(PaperReport.Csv(series)));
            }

            string commandLine = "dotnet run --project src/LumpGen.Cli -c Release -- paper"
                + (isQuick ? " --quick" : "")
                + (seedCount == 1 ? "" : $" --seeds {seedCount}")
                + (names.Count == BuiltInDatasets.Names.Count ? "" : " --dataset " + string.Join(',', names))
                + " --report " + folder.Replace('\\', '/');
            string markdown = PaperReport.Markdown(results, isQuick, commandLine, "results", clock.Elapsed);
            AtomicFile.WriteText(Path.Combine(folder, "results.md"), w => w.Write(markdown));
            int met = results.Count(r => r.MeetsGoal);
            string perDataset = string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Plan.Dataset} {r.GoalCount(LevelOutcome.Win)}/{r.GoalLevels.Count}{(seedCount > 1 ? $" ({r.GoalCount(LevelOutcome.Tie)} ties)" : "")}")));
            context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lumping beats both baselines (30–70% kept) on {met} of {results.Length} data sets: {perDataset}"));
            context.Stdout.WriteLine($"wrote {Path.Combine(folder, "results.md")} and {names.Count} plots to {plots}");
            return CommandRunner.Success;
        }));
        return command;
    }

    private sealed class SeedProgress(IProgress<string> inner, int seed) : IProgress<string>
    {
        public void Report(string value) => inner.Report($"[seed {seed}] {value}");
    }
}
