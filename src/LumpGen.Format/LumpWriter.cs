using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace LumpGen.Format;

/// <summary>
/// Writes the <c>.lump</c> text format (spec: docs/format.md). Output is deterministic — same model,
/// same bytes: '\n' line ends, invariant culture, shortest round-trip numbers, no timestamps or paths —
/// and float blocks round-trip bit-exactly.
/// </summary>
public static class LumpWriter
{
    /// <summary>Writes <paramref name="model"/> to <paramref name="writer"/>.</summary>
    public static void Write(LumpModel model, TextWriter writer)
    {
        if (model is null)
        {
            throw new ArgumentNullException(nameof(model));
        }

        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        Line(writer, "lump " + LumpModel.CurrentVersion.ToString(CultureInfo.InvariantCulture));
        if (model.Name is not null)
        {
            Line(writer, "name " + model.Name);
        }

        var p = model.Provenance;
        if (p.SourceSha256 is not null)
        {
            Line(writer, "source-sha256 " + p.SourceSha256);
        }

        if (p.Epsilon is double eps)
        {
            Line(writer, "epsilon " + eps.ToString("R", CultureInfo.InvariantCulture));
        }

        if (p.OriginalParameterCount is long count)
        {
            Line(writer, "original-parameters " + count.ToString(CultureInfo.InvariantCulture));
        }

        if (p.Quotient is not null)
        {
            Line(writer, "quotient " + p.Quotient);
        }

        foreach (var pair in model.Metadata)
        {
            Line(writer, pair.Value.Length == 0 ? "meta " + pair.Key : "meta " + pair.Key + " " + LumpText.Escape(pair.Value));
        }

        if (model.InputTransform is { } input)
        {
            Line(writer, "input-transform " + input.Length.ToString(CultureInfo.InvariantCulture));
            Line(writer, "  mean " + FloatBlocks.Encode(input.MeanArray));
            Line(writer, "  scale " + FloatBlocks.Encode(input.ScaleArray));
        }

        foreach (var layer in model.Layers)
        {
            Line(writer, string.Format(
                CultureInfo.InvariantCulture, "layer dense {0} -> {1} {2}", layer.InputLength, layer.OutputLength, layer.Activation));
            Line(writer, "  bias " + FloatBlocks.Encode(layer.BiasArray));
            var row = new float[layer.InputLength];
            for (int i = 0; i < layer.OutputLength; i++)
            {
                Array.Copy(layer.WeightArray, (long)i * layer.InputLength, row, 0, layer.InputLength);
                Line(writer, "  row " + FloatBlocks.Encode(row));
            }

            if (layer.PartitionArray is { } partition)
            {
                var sb = new StringBuilder("  partition ", 12 + partition.Length * 4);
                sb.Append(partition.Length.ToString(CultureInfo.InvariantCulture)).Append(" :");
                foreach (int block in partition)
                {
                    sb.Append(' ').Append(block.ToString(CultureInfo.InvariantCulture));
                }

                Line(writer, sb.ToString());
            }
        }

        if (model.OutputTransform is { } output)
        {
            Line(writer, "output-transform " + output.Length.ToString(CultureInfo.InvariantCulture));
            Line(writer, "  scale " + FloatBlocks.Encode(output.ScaleArray));
            Line(writer, "  offset " + FloatBlocks.Encode(output.OffsetArray));
        }

        Line(writer, "end");
    }

    /// <summary>The whole description as a string.</summary>
    public static string WriteToString(LumpModel model)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        Write(model, sw);
        return sw.ToString();
    }

    // Always '\n', whatever the platform's NewLine, so the bytes do not depend on the machine.
    private static void Line(TextWriter writer, string text)
    {
        writer.Write(text);
        writer.Write('\n');
    }
}
