using System.CommandLine;

namespace LumpGen.Cli.Infrastructure;

/// <summary>Runs a command body and turns exceptions into the CLI's exit codes: 0 success, 1 user error, 2 internal error.</summary>
internal static class CommandRunner
{
    public const int Success = 0;
    public const int UserError = 1;
    public const int InternalError = 2;

    /// <summary>Global <c>--verbose</c>: print stack traces.</summary>
    public static Option<bool> VerboseOption { get; } = new("--verbose")
    {
        Description = "Print full exception details (stack traces) on errors.",
        Recursive = true,
    };

    public static int Run(ParseResult parse, CliContext context, Func<int> body)
    {
        bool verbose = parse.GetValue(VerboseOption);
        try
        {
            return body();
        }
        catch (Exception e) when (IsUserError(e))
        {
            context.Stderr.WriteLine("error: " + OneLine(e.Message));
            if (verbose)
            {
                context.Stderr.WriteLine(e.ToString());
            }

            return UserError;
        }
        catch (Exception e)
        {
            context.Stderr.WriteLine("internal error: " + OneLine(e.Message) + " (this is a bug in lumpgen; run with --verbose and report the output)");
            if (verbose)
            {
                context.Stderr.WriteLine(e.ToString());
            }

            return InternalError;
        }
    }

    // Bad input is reported by the libraries as FormatException (the .lump reader, CSV, and the importers
    // derive from it) or InvalidDataException; missing files and permissions are the user's to fix too.
    private static bool IsUserError(Exception e) => e is UserException or FormatException or InvalidDataException
        or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
