using Spectre.Console;

namespace LumpGen.Cli.Infrastructure;

/// <summary>Where a command writes: standard output for results, standard error for tables meant for people when stdout carries JSON, progress and errors.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr)
    {
        Stdout = stdout;
        Stderr = stderr;
        Out = CreateConsole(stdout);
        Err = CreateConsole(stderr);
    }

    /// <summary>Raw standard output (JSON documents, CSV).</summary>
    public TextWriter Stdout { get; }

    /// <summary>Raw standard error.</summary>
    public TextWriter Stderr { get; }

    /// <summary>Rich output (tables) on standard output.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Rich output (tables, progress) on standard error.</summary>
    public IAnsiConsole Err { get; }

    private static IAnsiConsole CreateConsole(TextWriter writer)
    {
        bool isTerminal = ReferenceEquals(writer, Console.Out) ? !Console.IsOutputRedirected
            : ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }
}
