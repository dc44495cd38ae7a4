using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LumpGen.Cli.Infrastructure;
using LumpGen.Model;
using Spectre.Console;

namespace LumpGen.Cli.Commands;

/// <summary><c>lumpgen inspect &lt;model&gt; [--json]</c>: layers, activations, parameter counts, metadata.</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The model to describe (.lump or .onnx)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on standard output instead of tables." };
        var command = new Command("inspect", "Describe a model: layers, activations, parameter counts and provenance.")
        {
            model,
            json,
        };
        command.SetAction(parse => CommandRunner.Run(parse, context, () =>
        {
            var network = ModelFiles.Load(parse.GetValue(model)!, context.Stderr);
            if (parse.GetValue(json))
            {
                context.Stdout.WriteLine(ToJson(network).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                Render(context.Out, network);
            }

            return CommandRunner.Success;
        }));
        return command;
    }

    internal static JsonObject ToJson(Network network)
    {
        var layers = new JsonArray();
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var l = network.Layers[i];
            var layer = new JsonObject
            {
                ["index"] = i,
                ["inputs"] = l.InputLength,
                ["neurons"] = l.OutputLength,
                ["activation"] = l.Activation.ToString(),
                ["parameters"] = l.ParameterCount,
            };
            if (l.Partition is { } p)
            {
                layer["originalNeurons"] = p.Count;
            }

            layers.Add(layer);
        }

        var m = network.Metadata;
        var metadata = new JsonObject();
        foreach (var pair in m.PropertiesOrEmpty)
        {
            metadata[pair.Key] = pair.Value;
        }

        return new JsonObject
        {
            ["name"] = m.Name,
            ["inputs"] = network.InputLength,
            ["outputs"] = network.OutputLength,
            ["parameters"] = network.ParameterCount,
            ["hasInputTransform"] = network.InputTransform is not null,
            ["hasOutputTransform"] = network.OutputTransform is not null,
            ["layers"] = layers,
            ["sourceSha256"] = m.SourceSha256,
            ["epsilon"] = m.Epsilon,
            ["originalParameters"] = m.OriginalParameterCount,
            ["quotient"] = m.Quotient,
            ["metadata"] = metadata,
        };
    }

    private static void Render(IAnsiConsole console, Network network)
    {
        var m = network.Metadata;
        console.MarkupLine($"[bold]{Markup.Escape(m.Name ?? "(unnamed model)")}[/]  {Markup.Escape(network.Shape)}, {N(network.ParameterCount)} parameters (weights + biases)");
        var table = new Table().AddColumns("layer", "shape", "activation", "parameters", "lumped from");
        table.Columns[3].RightAligned();
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var l = network.Layers[i];
            string lumped = l.Partition is { } p
                ? $"{p.Count} → {l.OutputLength} neurons"
                : "-";
            table.AddRow(
                i.ToString(CultureInfo.InvariantCulture),
                $"dense {l.InputLength} → {l.OutputLength}",
                Markup.Escape(l.Activation.ToString()),
                N(l.ParameterCount),
                lumped);
        }

        console.Write(table);
        console.MarkupLine($"input transform: {(network.InputTransform is null ? "none" : "(x − mean) / scale")}; output transform: {(network.OutputTransform is null ? "none" : "y · scale + offset")}");
        if (m.OriginalParameterCount is long original && original > 0)
        {
            double kept = 100.0 * network.ParameterCount / original;
            console.MarkupLine($"compressed from {N(original)} parameters ({kept.ToString("0.#", CultureInfo.InvariantCulture)}% kept)"
                + (m.Epsilon is double eps ? $", ε = {eps.ToString("R", CultureInfo.InvariantCulture)}" : "")
                + (m.Quotient is { } q ? $", quotient {Markup.Escape(q)}" : ""));
        }

        if (m.SourceSha256 is { } sha)
        {
            console.MarkupLine($"source sha256: {sha}");
        }

        foreach (var pair in m.PropertiesOrEmpty)
        {
            console.MarkupLine($"{Markup.Escape(pair.Key)}: {Markup.Escape(pair.Value)}");
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
