using System;
using System.Globalization;
using System.Text;

namespace LumpGen.Generators.Emit;

/// <summary>C# literals that round-trip and do not depend on the machine's culture or the host runtime.</summary>
internal static class Literals
{
    /// <summary>
    /// The shortest of G6…G9 that parses back to the same bits, plus <c>f</c> (<c>0.1f</c>, <c>-1.5E-07f</c>).
    /// Trying fixed precisions keeps the text identical on every host runtime (what "R" prints differs
    /// between .NET Framework and .NET).
    /// </summary>
    public static string Float(float value)
    {
        if (value == 0f)
        {
            // Keep the sign of zero: it is part of the bit pattern the model was stored with.
            return BitConverter.DoubleToInt64Bits(value) < 0 ? "-0f" : "0f";
        }

        string text = value.ToString("G9", CultureInfo.InvariantCulture);
        for (int digits = 6; digits < 9; digits++)
        {
            string candidate = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (float.Parse(candidate, CultureInfo.InvariantCulture) == value)
            {
                text = candidate;
                break;
            }
        }

        return text + "f";
    }

    /// <summary>Appends <paramref name="values"/> as a comma-separated literal list, <paramref name="perLine"/> values per line.</summary>
    public static void FloatList(SourceWriter writer, ReadOnlySpan<float> values, int perLine = 8)
    {
        for (int i = 0; i < values.Length; i += perLine)
        {
            var line = new StringBuilder(perLine * 16);
            int end = Math.Min(values.Length, i + perLine);
            for (int k = i; k < end; k++)
            {
                line.Append(Float(values[k])).Append(',');
                if (k + 1 < end)
                {
                    line.Append(' ');
                }
            }

            writer.Line(line.ToString());
        }
    }

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>1234567 → "1,234,567" (for comments and messages).</summary>
    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A double for comments, shortest round-trip (ε in provenance lines).</summary>
    public static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
