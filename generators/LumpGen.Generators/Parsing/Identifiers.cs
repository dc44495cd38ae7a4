using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace LumpGen.Generators.Parsing;

/// <summary>Rules for the generated class name and namespace.</summary>
internal static class Identifiers
{
    /// <summary>True for a C# identifier that is not a keyword (contextual keywords are allowed).</summary>
    public static bool IsValidClassName(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

    /// <summary>True for an empty string (global namespace) or dot-separated valid identifiers.</summary>
    public static bool IsValidNamespace(string ns)
    {
        if (ns.Length == 0)
        {
            return true;
        }

        foreach (string part in ns.Split('.'))
        {
            if (!IsValidClassName(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A PascalCase identifier from a file name: <c>abalone</c> → <c>Abalone</c>, <c>my-model_v2</c> →
    /// <c>MyModelV2</c>, <c>2layer</c> → <c>Model2layer</c>. Null when nothing usable remains.
    /// </summary>
    public static string? FromFileName(string fileNameWithoutExtension)
    {
        var sb = new StringBuilder(fileNameWithoutExtension.Length);
        bool upperNext = true;
        foreach (char c in fileNameWithoutExtension)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else
            {
                upperNext = true;
            }
        }

        if (sb.Length == 0)
        {
            return null;
        }

        if (char.IsDigit(sb[0]))
        {
            sb.Insert(0, "Model");
        }

        string name = sb.ToString();
        return IsValidClassName(name) ? name : null;
    }
}
