using System.CommandLine;
using System.Globalization;
using LumpGen.Cli.Infrastructure;
using LumpGen.Cli.Reports;
using LumpGen.Experiments;
using LumpGen.IO;
using LumpGen.Training;

namespace LumpGen.Cli.Commands;

/// <summary><c>lumpgen sweep &lt;model&gt; --data F --target COL [--epsilons …] --report DIR</c>: error vs parameters kept, for lumping and the pruning baselines.</summary>
internal static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The trained model (.lump or .onnx)." };
        var data = new DatasetArguments(required: true);
        var epsilons = new Option<string>("--epsilons") { Description = "ε values to try, comma-separated (ERODE convention). Default: for each --grp target the smallest ε that reaches it." };
        var grp = new Option<string>("--grp") { Description = "GRP targets (% of parameters kept) that choose ε when --epsilons is not given.", DefaultValueFactory = _ => "90,80,70,60,50,40,30,20" };
        var fineTune = new Option<int>("--fine-tune-epochs") { Description = "Also fine-tune the refitted lumped network and the pruned baselines for this many epochs (0: no fine-tuning).", DefaultValueFactory = _ => 0 };
        var report = new Option<string>("--report") { Description = "Folder for sweep.md (table), sweep.csv and sweep.png (plot); created if missing.", Required = true };
        var command = new Command(
            "sweep",
            "Lump a model at several ε (rep, mean, mean + least-squares refit) and prune it to the same parameter counts (magnitude per layer and global, Wanda); "
            + "measure every network on the test rows of the 60/20/20 split and write a table and a PNG plot of error vs parameters kept.")
        {
            model, data.Data, data.Target, epsilons, grp, fineTune, report,
        };
        command.SetAction(parse => CommandRunner.Run(parse, context, () =>
        {
            var network = ModelFiles.Load(parse.GetValue(model)!, context.Stderr);
            var (table, _) = data.Load(parse);
            if (table.FeatureCount != network.InputLength || table.TargetCount != network.OutputLength)
            {
                throw new UserException($"The data has {table.FeatureCount} features and {table.TargetCount} targets; the model takes {network.InputLength} inputs and gives {network.OutputLength} outputs.");
            }

            int epochs = parse.GetValue(fineTune);
            if (epochs < 0)
            {
                throw new UserException("--fine-tune-epochs must be ≥ 0.");
            }

            string folder = parse.GetValue(report)!;
            Directory.CreateDirectory(folder);
            var split = TrainCommand.SplitOf(table);
            var options = new SweepOptions
            {
                Epsilons = parse.GetValue(epsilons) is { } e ? ParseNumbers(e, "--epsilons", 0, double.MaxValue) : null,
                GrpTargets = ParseNumbers(parse.GetValue(grp)!, "--grp", 0, 100),
                FineTune = epochs == 0 ? null : new TrainingOptions { Epochs = epochs, LearningRate = 5e-4f, Patience = 0, Seed = 2 },
                Progress = new LineProgress(context.Stderr),
            };
            var levels = CompressionSweep.Run(network, split, options);
            var original = CompressionSweep.Evaluate(network, split.Test);
            string title = $"{Path.GetFileName(parse.GetValue(model))} on {table.Name}";
            ErrorPlot.Save(Path.Combine(folder, "sweep.png"), title, original.Rmse, levels);
            AtomicFile.WriteText(Path.Combine(folder, "sweep.csv"), w => w.Write(PaperReport.Csv(levels)));
            string commandLine = "lumpgen " + string.Join(' ', parse.Tokens.Select(t => t.Value.Contains(' ', StringComparison.Ordinal) ? $"\"{t.Value}\"" : t.Value));
            string markdown = PaperReport.SweepMarkdown(title, original, network.ParameterCount, levels, commandLine, "sweep.png");
            AtomicFile.WriteText(Path.Combine(folder, "sweep.md"), w => w.Write(markdown));
            context.Stdout.Write(markdown);
            context.Stderr.WriteLine($"wrote sweep.md, sweep.csv and sweep.png to {folder}");
            return CommandRunner.Success;
        }));
        return command;
    }

    internal static double[] ParseNumbers(string text, string option, double min, double max)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new UserException($"{option} needs at least one number.");
        }

        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !(values[i] >= min && values[i] <= max))
            {
                throw new UserException($"{option} '{text}': '{parts[i]}' is not a number between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString("G3", CultureInfo.InvariantCulture)}.");
            }
        }

        return values;
    }
}

/// <summary>Writes progress lines as they come (on the calling thread, in order).</summary>
internal sealed class LineProgress(TextWriter writer) : IProgress<string>
{
    private readonly Lock _lock = new();

    public void Report(string value)
    {
        lock (_lock)
        {
            writer.WriteLine(value);
        }
    }
}
