using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LumpGen.Cli.Infrastructure;
using LumpGen.Data;
using LumpGen.Evaluation;
using LumpGen.IO;
using LumpGen.Lumping;
using LumpGen.Model;
using Spectre.Console;

namespace LumpGen.Cli.Commands;

/// <summary>
/// <c>lumpgen compress &lt;model&gt; (--epsilon E | --target-params N|P% | --max-rmse X) [--quotient mean|rep]
/// [--data data.csv --target COLUMN] [--refit] -o out.lump [--json]</c>: the lumping pass (DESIGN §3).
/// </summary>
internal static class CompressCommand
{
    private const int RandomSamples = 1000;
    private const int MaxSearchRows = 2000; // the error search evaluates many ε: a bounded sample keeps it quick

    public static Command Create(CliContext context)
    {
        var model = new Argument<string?>("model")
        {
            Description = "The trained model (.lump, or any format 'inspect' reads). Omit it to try lumpgen on " + BundledModel.DisplayName + ".",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var epsilon = new Option<double?>("--epsilon") { Description = "Lumping tolerance ε (ERODE convention): neurons whose distance is ≤ ε are merged; 0 merges exact duplicates only." };
        var targetParams = new Option<string?>("--target-params") { Description = "Parameter budget: a count (5000) or a percentage of the original (50%). The smallest ε that fits is searched." };
        var maxRmse = new Option<double?>("--max-rmse") { Description = "Error budget: the largest ε whose RMSE against the original model's outputs (on --data, or random inputs) stays within this." };
        var quotient = new Option<string>("--quotient") { Description = "How merged neurons get their incoming weights and bias: mean (block mean) or rep (representative, as ERODE).", DefaultValueFactory = _ => "mean" };
        quotient.AcceptOnlyFromAmong("mean", "rep");
        var data = new Option<string?>("--data") { Description = "CSV with a header: feature columns in the model's input order plus the --target column. Used to measure the error (and for --refit)." };
        var target = new Option<string?>("--target") { Description = "The target column of --data (excluded from the inputs)." };
        var refit = new Option<bool>("--refit") { Description = "Refit the layer after each merged layer by least squares on --data (optional, beyond the paper)." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the compressed model (.lump, written atomically). Default: <model name>.lumped.lump in the current folder." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on standard output; tables and progress go to standard error." };
        var encoding = new Option<string>("--encoding")
        {
            Description = "Ablation: how the network becomes an ODE system — reversed (DESIGN §3.2, the default), forward (the linear forward graph) or recast (polynomial recast of tanh/sigmoid; small networks only).",
            DefaultValueFactory = _ => "reversed",
        };
        encoding.AcceptOnlyFromAmong("reversed", "forward", "recast");
        var equivalence = new Option<string>("--equivalence") { Description = "Ablation: fde (forward, the paper's; default) or bde (backward).", DefaultValueFactory = _ => "fde" };
        equivalence.AcceptOnlyFromAmong("fde", "bde");
        var engine = new Option<string>("--engine")
        {
            Description = "auto (the closed-form fast path when it applies: reversed encoding with fde; default), fast, or general (the polynomial ODE engine; slower, same partition). Ablations other than reversed+fde always use general.",
            DefaultValueFactory = _ => "auto",
        };
        engine.AcceptOnlyFromAmong("auto", "fast", "general");
        var command = new Command("compress", "Compress a model by lumping neurons that compute (nearly) the same pre-activation (ε-FDE).")
        {
            model, epsilon, targetParams, maxRmse, quotient, data, target, refit, output, json, encoding, equivalence, engine,
        };
        command.SetAction(parse => CommandRunner.Run(parse, context, () =>
        {
            string? modelPath = parse.GetValue(model);
            bool bundled = modelPath is null;
            var network = bundled ? BundledModel.Load() : ModelFiles.Load(modelPath!, context.Stderr);
            string defaultOutput = Path.GetFileNameWithoutExtension(modelPath ?? BundledModel.FileName) + ".lumped.lump";
            string outputPath = Paths.OutputFile(parse.GetValue(output) ?? defaultOutput, "output model");
            int goals = (parse.GetValue(epsilon) is null ? 0 : 1) + (parse.GetValue(targetParams) is null ? 0 : 1) + (parse.GetValue(maxRmse) is null ? 0 : 1);
            double? epsilonValue = parse.GetValue(epsilon);
            if (goals == 0 && bundled)
            {
                epsilonValue = BundledModel.DefaultEpsilon;
                context.Stderr.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"no model given: compressing {BundledModel.DisplayName} with ε = {F(BundledModel.DefaultEpsilon, "R")}; try `lumpgen compress --help` to use your own."));
            }
            else if (goals != 1)
            {
                throw new UserException(goals == 0
                    ? "Say how much to compress: --epsilon E (the lumping tolerance; 0 = lossless), --target-params N|P% (a size budget, e.g. 50%) or --max-rmse X (an error budget)."
                    : "Give only one of --epsilon, --target-params and --max-rmse.");
            }

            if (parse.GetValue(engine) == "fast" && (parse.GetValue(encoding) != "reversed" || parse.GetValue(equivalence) != "fde"))
            {
                throw new UserException("--engine fast covers the default --encoding reversed with --equivalence fde only; use --engine general (or auto) for the ablations.");
            }

            var samples = LoadSamples(network, parse.GetValue(data), parse.GetValue(target));
            if (parse.GetValue(refit) && samples.Data is null)
            {
                throw new UserException("--refit needs calibration data: add --data data.csv --target COLUMN.");
            }

            bool asJson = parse.GetValue(json);
            var progress = new ThrottledProgress(context.Err);
            var options = new LumpingOptions
            {
                Quotient = parse.GetValue(quotient) == "rep" ? QuotientKind.Rep : QuotientKind.Mean,
                CalibrationInputs = samples.Data?.Features,
                Refit = parse.GetValue(refit),
                Encoding = parse.GetValue(encoding) switch
                {
                    "forward" => NetworkEncodingKind.ForwardGraph,
                    "recast" => NetworkEncodingKind.PolynomialRecast,
                    _ => NetworkEncodingKind.ReversedGraph,
                },
                Equivalence = parse.GetValue(equivalence) == "bde" ? LumpGen.Ode.DifferentialEquivalence.Backward : LumpGen.Ode.DifferentialEquivalence.Forward,
                Engine = parse.GetValue(engine) switch
                {
                    "fast" => LumpingEngine.Fast,
                    "general" => LumpingEngine.General,
                    _ => LumpingEngine.Auto,
                },
                Progress = progress,
            };

            SearchResult? search = null;
            LumpingResult result;
            if (epsilonValue is double eps)
            {
                if (!(eps >= 0) || double.IsInfinity(eps))
                {
                    throw new UserException($"--epsilon must be a finite number ≥ 0; got {eps.ToString(CultureInfo.InvariantCulture)}.");
                }

                result = Lumper.Lump(network, options with { Epsilon = eps });
            }
            else if (parse.GetValue(targetParams) is string budget)
            {
                search = EpsilonSearch.ForParameterBudget(network, ParseBudget(budget, network.ParameterCount), options);
                result = search.Result;
            }
            else
            {
                double limit = parse.GetValue(maxRmse)!.Value;
                if (!(limit >= 0))
                {
                    throw new UserException("--max-rmse must be a number ≥ 0.");
                }

                search = EpsilonSearch.ForErrorBudget(network, limit, samples.Inputs[..(Math.Min(samples.Rows, MaxSearchRows) * network.InputLength)], null, options);
                result = search.Result;
            }

            var reduced = result.Reduced;
            if (reduced.Metadata.SourceSha256 is null)
            {
                reduced = reduced.WithMetadata(reduced.Metadata with { SourceSha256 = bundled ? BundledModel.Sha256() : Paths.Sha256(modelPath!) });
            }

            LumpFile.Write(reduced, outputPath);
            var error = LumpingErrors.AgainstOriginal(network, reduced, samples.Inputs);
            var report = Report(result, search, error, samples, outputPath);
            if (asJson)
            {
                Render(context.Err, result, search, error, samples, outputPath);
                context.Stdout.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                Render(context.Out, result, search, error, samples, outputPath);
            }

            return CommandRunner.Success;
        }));
        return command;
    }

    private static long ParseBudget(string text, long before)
    {
        string t = text.Trim();
        if (t.EndsWith('%') && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double percent) && percent > 0 && percent <= 100)
        {
            return (long)Math.Floor(before * percent / 100);
        }

        if (long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out long count) && count > 0)
        {
            return count;
        }

        throw new UserException($"--target-params '{text}' is not a positive parameter count (5000) or a percentage in (0, 100] (50%).");
    }

    private static Samples LoadSamples(Network network, string? dataPath, string? targetColumn)
    {
        if (dataPath is null)
        {
            if (targetColumn is not null)
            {
                throw new UserException("--target needs --data.");
            }

            return new Samples(null, LumpingErrors.UniformForNetwork(network, RandomSamples), RandomSamples, $"{RandomSamples} random inputs");
        }

        if (targetColumn is null)
        {
            throw new UserException("--data needs --target COLUMN (the column that is not a model input).");
        }

        var data = CsvRegressionReader.Read(Paths.ExistingFile(dataPath, "Data CSV"), [targetColumn]);
        if (data.FeatureCount != network.InputLength)
        {
            throw new UserException($"'{dataPath}' has {data.FeatureCount} feature columns besides '{targetColumn}' but the model takes {network.InputLength} inputs.");
        }

        return new Samples(data, data.Features, data.Rows, $"{data.Rows} rows of {Path.GetFileName(dataPath)}");
    }

    private static JsonObject Report(LumpingResult result, SearchResult? search, RegressionMetrics error, Samples samples, string outputPath)
    {
        var layers = new JsonArray();
        foreach (var l in result.Layers)
        {
            layers.Add(new JsonObject { ["index"] = l.Index, ["neuronsBefore"] = l.NeuronsBefore, ["neuronsAfter"] = l.NeuronsAfter });
        }

        var report = new JsonObject
        {
            ["output"] = outputPath,
            ["epsilon"] = result.Epsilon,
            ["quotient"] = result.Reduced.Metadata.Quotient,
            ["engine"] = result.EngineUsed.ToString().ToLowerInvariant(),
            ["parametersBefore"] = result.ParametersBefore,
            ["parametersAfter"] = result.ParametersAfter,
            ["grpPercent"] = Math.Round(result.ParametersKeptPercent, 4),
            ["layers"] = layers,
            ["error"] = new JsonObject
            {
                ["against"] = "original",
                ["inputs"] = samples.Description,
                ["rmse"] = error.Rmse,
                ["mae"] = error.Mae,
                ["maxAbsError"] = error.MaxAbsError,
            },
        };
        if (samples.Data is { } data)
        {
            report["rmseVsTarget"] = new JsonObject
            {
                ["original"] = LumpingErrors.AgainstTargets(result.Original, data.Features, [.. data.Targets.Select(t => (double)t)]).Rmse,
                ["compressed"] = LumpingErrors.AgainstTargets(result.Reduced, data.Features, [.. data.Targets.Select(t => (double)t)]).Rmse,
            };
        }

        if (search is not null)
        {
            report["search"] = new JsonObject { ["budgetMet"] = search.BudgetMet, ["trials"] = search.Trials.Count };
        }

        return report;
    }

    private static void Render(IAnsiConsole console, LumpingResult result, SearchResult? search, RegressionMetrics error, Samples samples, string outputPath)
    {
        var table = new Table().AddColumns("layer", "neurons before", "neurons after", "activation");
        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
        foreach (var l in result.Layers)
        {
            table.AddRow(N(l.Index), N(l.NeuronsBefore), N(l.NeuronsAfter), Markup.Escape(result.Original.Layers[l.Index].Activation.ToString()));
        }

        console.Write(table);
        console.MarkupLine($"parameters (weights + biases): {N(result.ParametersBefore)} → {N(result.ParametersAfter)}  (GRP {F(result.ParametersKeptPercent, "0.##")}% kept)");
        console.MarkupLine($"ε = {F(result.Epsilon, "R")}, quotient {Markup.Escape(result.Reduced.Metadata.Quotient ?? "")}, {result.EngineUsed.ToString().ToLowerInvariant()} engine, {F(result.Elapsed.TotalMilliseconds, "0")} ms");
        if (search is { BudgetMet: false })
        {
            console.MarkupLine("[yellow]the budget could not be met; the closest reduction found was written[/]");
        }

        console.MarkupLine($"error against the original on {Markup.Escape(samples.Description)}: RMSE {F(error.Rmse, "G4")}, max |Δ| {F(error.MaxAbsError, "G4")}");
        console.MarkupLine($"wrote {Markup.Escape(outputPath)}");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private sealed record Samples(RegressionData? Data, float[] Inputs, int Rows, string Description);

    /// <summary>Prints stage lines to standard error once a run has taken over a second, at most twice a second.</summary>
    private sealed class ThrottledProgress(IAnsiConsole console) : IProgress<LumpingProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last = TimeSpan.Zero;

        public void Report(LumpingProgress value)
        {
            var now = _clock.Elapsed;
            if (now < TimeSpan.FromSeconds(1) || now - _last < TimeSpan.FromMilliseconds(500))
            {
                return;
            }

            _last = now;
            console.MarkupLine($"[grey]{F(now.TotalSeconds, "0.0")} s: {Markup.Escape(value.Stage)}[/]");
        }
    }
}
