using System.CommandLine;
using System.Globalization;
using LumpGen.Cli.Infrastructure;
using LumpGen.Data;
using LumpGen.Experiments;
using LumpGen.Format;
using LumpGen.IO;
using LumpGen.Model;
using LumpGen.Training;

namespace LumpGen.Cli.Commands;

/// <summary><c>lumpgen train --data F --target COL --hidden 64,64 --activation tanh -o model.lump</c>: trains an MLP with Adam and early stopping.</summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var data = new DatasetArguments(required: true);
        var hidden = new Option<string>("--hidden") { Description = "Hidden layer widths, comma-separated.", DefaultValueFactory = _ => "64,64" };
        var activation = new Option<string>("--activation") { Description = "Hidden activation: identity, relu, leaky_relu(alpha), tanh, sigmoid, softplus or elu(alpha).", DefaultValueFactory = _ => "tanh" };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs.", DefaultValueFactory = _ => 200 };
        var batch = new Option<int>("--batch-size") { Description = "Rows per Adam step.", DefaultValueFactory = _ => 64 };
        var rate = new Option<float>("--learning-rate") { Description = "Adam step size.", DefaultValueFactory = _ => 1e-3f };
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a better validation loss (0: never stop early).", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights and the shuffles.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the trained model (.lump, written atomically).", Required = true };
        var command = new Command(
            "train",
            "Train a multilayer perceptron (Adam, mean squared error, early stopping) on a CSV file or a built-in data set. "
            + "Rows are split 60/20/20 into train/validation/test with a fixed seed (the same split prune and sweep use); the test errors are printed. "
            + "Input and target standardisation is folded into the model's transforms.")
        {
            data.Data, data.Target, hidden, activation, epochs, batch, rate, patience, seed, output,
        };
        command.SetAction(parse => CommandRunner.Run(parse, context, () =>
        {
            string outputPath = Paths.OutputFile(parse.GetValue(output)!, "output model");
            int[] widths = ParseWidths(parse.GetValue(hidden)!);
            if (!Activation.TryParse(parse.GetValue(activation)!, out var act) || !TrainableActivations.IsSupported(act))
            {
                throw new UserException($"--activation '{parse.GetValue(activation)}' is not one the trainer supports (identity, relu, leaky_relu(alpha), tanh, sigmoid, softplus, elu(alpha)).");
            }

            var options = new TrainingOptions
            {
                Epochs = Positive(parse.GetValue(epochs), "--epochs"),
                BatchSize = Positive(parse.GetValue(batch), "--batch-size"),
                LearningRate = parse.GetValue(rate) is > 0 and var lr && float.IsFinite(lr) ? lr : throw new UserException("--learning-rate must be a positive number."),
                Patience = parse.GetValue(patience) >= 0 ? parse.GetValue(patience) : throw new UserException("--patience must be ≥ 0."),
                Seed = parse.GetValue(seed),
            };
            var (table, sha) = data.Load(parse);
            var split = SplitOf(table);
            var result = MlpTrainer.Fit(split.Train, split.Validation, widths, act, options);
            var test = CompressionSweep.Evaluate(result.Network, split.Test);
            var inv = CultureInfo.InvariantCulture;
            var network = result.Network.WithMetadata(new NetworkMetadata(
                Name: table.Name,
                SourceSha256: sha,
                Properties:
                [
                    new("trained_on", table.Name),
                    new("target", string.Join(",", table.TargetNames)),
                    new("split", "60/20/20 seed " + DataSplit.DefaultSeed.ToString(inv)),
                    new("epochs", result.EpochsRun.ToString(inv)),
                    new("test_rmse", test.Rmse.ToString("R", inv)),
                    new("test_r2", test.R2.ToString("R", inv)),
                ]));
            LumpFile.Write(network, outputPath);
            context.Stderr.WriteLine(string.Create(inv,
                $"trained {network} on {split.Train.Rows} rows for {result.EpochsRun} epochs (best epoch {result.BestEpoch})"));
            context.Stdout.WriteLine(string.Create(inv,
                $"test RMSE {test.Rmse:G6}, MAE {test.Mae:G6}, R² {test.R2:0.0000} on {split.Test.Rows} rows; wrote {outputPath}"));
            return CommandRunner.Success;
        }));
        return command;
    }

    /// <summary>The split every command uses for a table: 60/20/20, <see cref="DataSplit.DefaultSeed"/>.</summary>
    internal static DataSplit SplitOf(RegressionData table)
    {
        try
        {
            return DataSplit.Create(table);
        }
        catch (ArgumentException e)
        {
            throw new UserException($"'{table.Name}': {e.Message}", e);
        }
    }

    internal static int[] ParseWidths(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]) || widths[i] < 1)
            {
                throw new UserException($"--hidden '{text}': '{parts[i]}' is not a positive whole number; give widths like 64,64.");
            }
        }

        return widths;
    }

    private static int Positive(int value, string name) => value >= 1 ? value : throw new UserException($"{name} must be at least 1.");
}
