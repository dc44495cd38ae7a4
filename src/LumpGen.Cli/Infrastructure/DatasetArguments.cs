using System.CommandLine;
using LumpGen.Data;

namespace LumpGen.Cli.Infrastructure;

/// <summary>The <c>--data</c>/<c>--target</c> pair shared by train, prune and sweep: a CSV file with a header, or a built-in data set by name.</summary>
internal sealed class DatasetArguments
{
    public static readonly string BuiltInHelp =
        "built-in names: " + string.Join(", ", BuiltInDatasets.Names)
        + " (UCI sets are read from the shared data folder, ../shared/data beside the repository or $" + BuiltInDatasets.DataFolderVariable
        + "; the four dynamical systems are generated, state → vector field)";

    public DatasetArguments(bool required)
    {
        Data = new Option<string>("--data")
        {
            Description = "A comma-separated file with a header line (every column but the target is a numeric feature), or a built-in data set; " + BuiltInHelp + ".",
            Required = required,
        };
        Target = new Option<string>("--target")
        {
            Description = "The target column of a CSV file (several: comma-separated). Not needed for built-in data sets (they know their targets).",
        };
    }

    public Option<string> Data { get; }

    public Option<string> Target { get; }

    /// <summary>The loaded table and, for files, the SHA-256 of the file (provenance; never the path).</summary>
    public (RegressionData Data, string? Sha256) Load(ParseResult parse)
    {
        string? data = parse.GetValue(Data);
        if (data is null)
        {
            throw new UserException("--data is required here.");
        }

        return Load(data, parse.GetValue(Target));
    }

    public static (RegressionData Data, string? Sha256) Load(string data, string? target)
    {
        if (File.Exists(data))
        {
            if (string.IsNullOrWhiteSpace(target))
            {
                throw new UserException($"'{data}' is a CSV file: name its target column with --target.");
            }

            string[] targets = target.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var table = CsvRegressionReader.Read(data, targets);
            return (table, Paths.Sha256(data));
        }

        if (BuiltInDatasets.Canonical(data) is { } name)
        {
            var table = BuiltInDatasets.Load(name);
            if (!string.IsNullOrWhiteSpace(target) && !string.Equals(target.Trim(), string.Join(",", table.TargetNames), StringComparison.OrdinalIgnoreCase))
            {
                throw new UserException($"The built-in data set '{name}' predicts {string.Join(",", table.TargetNames)}; drop --target or give exactly that.");
            }

            return (table, null);
        }

        throw new UserException(Directory.Exists(data)
            ? $"--data '{data}' is a folder; give a CSV file or a built-in name ({string.Join(", ", BuiltInDatasets.Names)})."
            : $"--data '{data}' is neither an existing file nor a built-in data set ({string.Join(", ", BuiltInDatasets.Names)}).");
    }
}
