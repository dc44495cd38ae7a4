using System.CommandLine;
using LumpGen.Cli.Infrastructure;

namespace LumpGen.Cli.Commands;

/// <summary><c>lumpgen convert &lt;in&gt; -o &lt;out&gt;</c>: between .onnx and .lump, in either direction, chosen by the extensions.</summary>
internal static class ConvertCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The model to convert (.onnx or .lump)." };
        var output = new Option<string>("--output", "-o")
        {
            Description = "The file to write; its extension (.lump or .onnx) picks the format. Written atomically.",
            Required = true,
        };
        var command = new Command(
            "convert",
            "Convert a model between ONNX and .lump: import a trained MLP from PyTorch, Keras or scikit-learn, or export a (compressed) network so any ONNX runtime can run it.")
        {
            model,
            output,
        };
        command.SetAction(parse => CommandRunner.Run(parse, context, () =>
        {
            var network = ModelFiles.Load(parse.GetValue(model)!, context.Stderr);
            string outputPath = Paths.OutputFile(parse.GetValue(output)!, "output model");
            ModelFiles.Save(network, outputPath);
            context.Stderr.WriteLine($"wrote {outputPath}: {network}");
            return CommandRunner.Success;
        }));
        return command;
    }
}
