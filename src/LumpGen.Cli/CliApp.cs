using System.CommandLine;
using LumpGen.Cli.Commands;
using LumpGen.Cli.Infrastructure;

namespace LumpGen.Cli;

/// <summary>The <c>lumpgen</c> command tree. Exit codes: 0 success, 1 user error, 2 internal error.</summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/> and runs the command, writing to the given streams.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var context = new CliContext(stdout, stderr);
        var root = new RootCommand(
            "lumpgen — compress trained feed-forward networks by lumping neurons that behave alike, "
            + "and describe them as .lump files for the LumpGen source generator.")
        {
            CommandRunner.VerboseOption,
            CompressCommand.Create(context),
            InspectCommand.Create(context),
            PredictCommand.Create(context),
            ConvertCommand.Create(context),
            SweepCommand.Create(context),
            TrainCommand.Create(context),
            PruneCommand.Create(context),
            PaperCommand.Create(context),
            OdeCommand.Create(context),
        };

        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return root.Parse(args).Invoke(config);
    }
}
