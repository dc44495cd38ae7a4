using System.CommandLine;
using System.Globalization;
using LumpGen.Cli.Infrastructure;
using LumpGen.Data;
using LumpGen.Experiments;
using LumpGen.IO;
using LumpGen.Model;
using LumpGen.Pruning;

namespace LumpGen.Cli.Commands;

/// <summary><c>lumpgen prune &lt;model&gt; --method magnitude|wanda --sparsity S [--data F --target COL] -o out.lump</c>: the pruning baselines.</summary>
internal static class PruneCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The model to prune (.lump or .onnx)." };
        var method = new Option<string>("--method") { Description = "magnitude (|w|) or wanda (|w|·‖x‖₂ per output row; needs --data for calibration).", Required = true };
        method.AcceptOnlyFromAmong("magnitude", "wanda");
        var sparsity = new Option<double>("--sparsity") { Description = "Fraction of parameters (weights + biases) to remove, 0..1; biases are never pruned, so at most the weights' share.", Required = true };
        var scope = new Option<string>("--scope") { Description = "Magnitude only: layer (the same sparsity in every layer) or global (one ranking over all weights).", DefaultValueFactory = _ => "layer" };
        scope.AcceptOnlyFromAmong("layer", "global");
        var data = new DatasetArguments(required: false);
        var output = new Option<string>("--output", "-o") { Description = "Where to write the pruned model (.lump; same shape, zeros stored).", Required = true };
        var command = new Command(
            "prune",
            "Prune a model to a sparsity (the baselines of the paper's comparison). The pruned model keeps its shape; its size is its number of non-zero parameters. "
            + "With --data, calibration uses the first 1024 training rows of the 60/20/20 split and the test errors before and after are printed.")
        {
            model, method, sparsity, scope, data.Data, data.Target, output,
        };
        command.SetAction(parse => CommandRunner.Run(parse, context, () =>
        {
            var network = ModelFiles.Load(parse.GetValue(model)!, context.Stderr);
            string outputPath = Paths.OutputFile(parse.GetValue(output)!, "output model");
            double s = parse.GetValue(sparsity);
            if (!(s is >= 0 and <= 1))
            {
                throw new UserException($"--sparsity {s.ToString(CultureInfo.InvariantCulture)} must be between 0 and 1.");
            }

            bool wanda = parse.GetValue(method) == "wanda";
            DataSplit? split = null;
            if (parse.GetValue(data.Data) is not null)
            {
                var (table, _) = data.Load(parse);
                if (table.FeatureCount != network.InputLength || table.TargetCount != network.OutputLength)
                {
                    throw new UserException($"The data has {table.FeatureCount} features and {table.TargetCount} targets; the model takes {network.InputLength} inputs and gives {network.OutputLength} outputs.");
                }

                split = TrainCommand.SplitOf(table);
            }
            else if (wanda)
            {
                throw new UserException("Wanda needs calibration data: give --data (and --target for a CSV file).");
            }

            long keep = SparseParameters.KeepForSparsity(network, s);
            long biases = network.Layers.Sum(l => SparseParameters.NonZero(l.Bias));
            if (keep < biases)
            {
                throw new UserException(string.Create(CultureInfo.InvariantCulture,
                    $"--sparsity {s} would keep {keep} parameters, fewer than the {biases} biases, which are not pruned; the largest possible sparsity is {1 - ((double)biases / network.ParameterCount):0.###}."));
            }

            Network pruned = wanda
                ? WandaPruner.Prune(network, split!.Train.Take(1024).Features, keep)
                : MagnitudePruner.Prune(network, keep, parse.GetValue(scope) == "global" ? PruningScope.Global : PruningScope.Layer);
            LumpFile.Write(pruned, outputPath);
            var inv = CultureInfo.InvariantCulture;
            context.Stdout.WriteLine(string.Create(inv,
                $"kept {SparseParameters.NonZeroCount(pruned)} of {network.ParameterCount} parameters non-zero ({100.0 * SparseParameters.NonZeroCount(pruned) / network.ParameterCount:0.#}%); wrote {outputPath}"));
            if (split is not null)
            {
                var before = CompressionSweep.Evaluate(network, split.Test);
                var after = CompressionSweep.Evaluate(pruned, split.Test);
                context.Stdout.WriteLine(string.Create(inv, $"test RMSE {before.Rmse:G6} → {after.Rmse:G6}, R² {before.R2:0.0000} → {after.R2:0.0000} on {split.Test.Rows} rows"));
            }

            return CommandRunner.Success;
        }));
        return command;
    }
}
