using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LumpGen.Cli.Infrastructure;
using LumpGen.Ode;
using Spectre.Console;

namespace LumpGen.Cli.Commands;

/// <summary><c>lumpgen ode reduce &lt;model.ode&gt; (--fde | --bde) [--epsilon E] [-o reduced.ode] [--json]</c>: ε-FDE/ε-BDE on ERODE models.</summary>
internal static class OdeCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "An ERODE .ode model (sections parameters, init, partition, ODE or reactions)." };
        var fde = new Option<bool>("--fde") { Description = "Forward differential equivalence (ERODE 'FE'): reduced variables are block sums." };
        var bde = new Option<bool>("--bde") { Description = "Backward differential equivalence (ERODE 'BE'): variables of a block stay equal." };
        var epsilon = new Option<double>("--epsilon") { Description = "Tolerance ε (0: exact, as ERODE).", DefaultValueFactory = _ => 0.0 };
        var output = new Option<string?>("--output", "-o") { Description = "Write the reduced model here (.ode, written atomically)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on standard output instead of text." };
        var reduce = new Command("reduce", "Reduce a polynomial ODE model by the coarsest ε-FDE or ε-BDE refining its initial partition.")
        {
            model, fde, bde, epsilon, output, json,
        };
        reduce.SetAction(parse => CommandRunner.Run(parse, context, () =>
        {
            if (parse.GetValue(fde) == parse.GetValue(bde))
            {
                throw new UserException("Give exactly one of --fde or --bde.");
            }

            double eps = parse.GetValue(epsilon);
            if (!(eps >= 0) || double.IsInfinity(eps))
            {
                throw new UserException("--epsilon must be a finite number ≥ 0.");
            }

            string? outputPath = parse.GetValue(output) is { } o ? Paths.OutputFile(o, "reduced model") : null;
            var system = ErodeReader.ReadFile(Paths.ExistingFile(parse.GetValue(model)!, "Model"));
            var kind = parse.GetValue(fde) ? DifferentialEquivalence.Forward : DifferentialEquivalence.Backward;
            var reduction = OdeReducer.Reduce(system, kind, eps);
            if (outputPath is not null)
            {
                ErodeWriter.WriteFile(reduction, outputPath);
            }

            if (parse.GetValue(json))
            {
                context.Stdout.WriteLine(ToJson(reduction, outputPath).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                Render(context.Out, reduction, outputPath);
            }

            return CommandRunner.Success;
        }));
        return new Command("ode", "Work with polynomial ODE models in ERODE's .ode format.") { reduce };
    }

    internal static JsonObject ToJson(OdeReduction reduction, string? outputPath)
    {
        var names = reduction.Original.Names;
        var merged = new JsonArray();
        var p = reduction.Partition;
        for (int b = 0; b < p.BlockCount; b++)
        {
            if (p.BlockSize(b) > 1)
            {
                merged.Add(new JsonArray([.. p.Block(b).ToArray().Select(v => (JsonNode?)JsonValue.Create(names[v]))]));
            }
        }

        return new JsonObject
        {
            ["model"] = reduction.Original.Name,
            ["equivalence"] = reduction.Equivalence == DifferentialEquivalence.Forward ? "fde" : "bde",
            ["epsilon"] = reduction.Epsilon,
            ["variables"] = reduction.Original.VariableCount,
            ["blocks"] = p.BlockCount,
            ["initialBlocks"] = reduction.Initial.BlockCount,
            ["passes"] = reduction.Passes,
            ["mergedBlocks"] = merged,
            ["output"] = outputPath,
        };
    }

    private static void Render(IAnsiConsole console, OdeReduction reduction, string? outputPath)
    {
        string kind = reduction.Equivalence == DifferentialEquivalence.Forward ? "ε-FDE" : "ε-BDE";
        var p = reduction.Partition;
        console.MarkupLine($"{Markup.Escape(reduction.Original.Name ?? "model")}: {kind}, ε = {reduction.Epsilon.ToString("R", CultureInfo.InvariantCulture)}");
        console.MarkupLine($"variables: {reduction.Original.VariableCount} → {p.BlockCount} blocks (initial partition: {reduction.Initial.BlockCount} blocks, {reduction.Passes} passes)");
        int merged = Enumerable.Range(0, p.BlockCount).Count(b => p.BlockSize(b) > 1);
        console.MarkupLine($"{merged} block(s) with more than one variable");
        if (outputPath is not null)
        {
            console.MarkupLine($"wrote {Markup.Escape(outputPath)}");
        }
    }
}
