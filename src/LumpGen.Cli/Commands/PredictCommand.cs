using System.CommandLine;
using System.Globalization;
using LumpGen.Cli.Infrastructure;
using LumpGen.Evaluation;
using LumpGen.IO;

namespace LumpGen.Cli.Commands;

/// <summary><c>lumpgen predict &lt;model&gt; --input in.csv -o out.csv</c>: the reference forward pass over a headerless CSV.</summary>
internal static class PredictCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The model to run (.lump or .onnx)." };
        var input = new Option<string>("--input", "-i")
        {
            Description = "Headerless CSV, one sample per row, one column per model input, '.' as decimal point.",
            Required = true,
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Where to write the predictions: headerless CSV, one row per sample (written atomically).",
            Required = true,
        };
        var command = new Command("predict", "Run a model on the rows of a CSV file with the exact (double-precision) reference evaluator.")
        {
            model,
            input,
            output,
        };
        command.SetAction(parse => CommandRunner.Run(parse, context, () =>
        {
            var network = ModelFiles.Load(parse.GetValue(model)!, context.Stderr);
            string inputPath = Paths.ExistingFile(parse.GetValue(input)!, "Input CSV");
            string outputPath = Paths.OutputFile(parse.GetValue(output)!, "output CSV");
            var data = CsvMatrix.Read(inputPath);
            if (data.Columns != network.InputLength)
            {
                throw new UserException(
                    $"'{inputPath}' has {data.Columns} columns but the model takes {network.InputLength} inputs; give one column per input, no header, no target column.");
            }

            var predictions = new double[data.Rows * network.OutputLength];
            new ReferenceEvaluator(network).EvaluateBatch(data.Values, predictions);
            CsvMatrix.Write(outputPath, predictions, network.OutputLength);
            context.Stderr.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"wrote {data.Rows} predictions of {network.OutputLength} value(s) to {outputPath}"));
            return CommandRunner.Success;
        }));
        return command;
    }
}
