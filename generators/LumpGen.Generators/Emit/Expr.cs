using System.Collections.Generic;
using System.Globalization;

namespace LumpGen.Generators.Emit;

/// <summary>Builds index expressions for generated code, folding constants so offsets read <c>j * 64 + 16</c>, not <c>0 + (j + 0) * 64 + 16</c>.</summary>
internal static class Expr
{
    /// <summary>Sums terms; integer terms are added up, symbolic ones kept in order; "0" when empty.</summary>
    public static string Sum(params string[] terms)
    {
        long constant = 0;
        var symbols = new List<string>();
        foreach (string term in terms)
        {
            if (string.IsNullOrEmpty(term))
            {
                continue;
            }

            if (long.TryParse(term, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            {
                constant += value;
            }
            else
            {
                symbols.Add(term);
            }
        }

        if (constant != 0 || symbols.Count == 0)
        {
            symbols.Add(constant.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(" + ", symbols);
    }

    /// <summary><paramref name="symbol"/> · <paramref name="factor"/> as text ("j * 64", or "j" when the factor is 1).</summary>
    public static string Times(string symbol, long factor) => factor == 1 ? symbol : symbol + " * " + factor.ToString(CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
