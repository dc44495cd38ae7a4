using System.Text.RegularExpressions;
using LumpGen.Ode;
using LumpGen.Testing;

namespace LumpGen.Core.Tests.Ode;

/// <summary>
/// Oracle: ERODE's own exact FE/BE reductions of the 300-species multiplex spreading models
/// (../shared/data/ode/erode-mln). Their headers give the reduced species count; their trailing
/// comments list every block, so the whole partition is compared, not just its size.
/// </summary>
public sealed partial class ErodeOracleTests
{
    public static TheoryData<string, DifferentialEquivalence> Cases => new()
    {
        { "arenasPLsynth2_100_0", DifferentialEquivalence.Forward },
        { "arenasPLsynth2_100_0", DifferentialEquivalence.Backward },
        { "arenasPLsynth2_100_5", DifferentialEquivalence.Forward },
        { "arenasPLsynth2_100_5", DifferentialEquivalence.Backward },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exact_reduction_matches_erode(string model, DifferentialEquivalence equivalence)
    {
        var system = ErodeReader.ReadFile(RepoPaths.Data("ode", "erode-mln", $"out_{model}._ode"));
        string prefix = equivalence == DifferentialEquivalence.Forward ? "fe" : "be";
        string reducedText = File.ReadAllText(RepoPaths.Data("ode", "erode-mln", $"{prefix}_out_{model}._ode"));
        int expectedInitial = int.Parse(InitialSize().Match(reducedText).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        int expectedBlocks = int.Parse(ReducedSize().Match(reducedText).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var reduction = OdeReducer.Reduce(system, equivalence, epsilon: 0);

        Assert.Equal(300, system.VariableCount);
        Assert.Equal(expectedInitial, reduction.Initial.BlockCount);
        Assert.Equal(expectedBlocks, reduction.Partition.BlockCount);
        Assert.Equal(ErodeBlocks(reducedText), Blocks(system, reduction.Partition));

        // The written reduced model keeps the image of the initial partition: reducing it again is a no-op.
        var again = OdeReducer.Reduce(ErodeReader.Parse(WriteReduction(reduction)), equivalence);
        Assert.Equal(expectedBlocks, again.Partition.BlockCount);
    }

    private static string WriteReduction(OdeReduction reduction)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        ErodeWriter.WriteReduction(reduction, writer);
        return writer.ToString();
    }

    private static SortedSet<string> Blocks(OdeSystem system, Partition partition) =>
        [.. Enumerable.Range(0, partition.BlockCount).Select(b => string.Join(',', partition.Block(b).ToArray().Select(v => system.Names[v]).Order(StringComparer.Ordinal)))];

    /// <summary>Parses ERODE's "//Comments associated to the species" trailer: a "//name:" line, then "// \tmember" lines.</summary>
    private static SortedSet<string> ErodeBlocks(string reducedText)
    {
        var blocks = new SortedSet<string>(StringComparer.Ordinal);
        var current = new List<string>();
        string trailer = reducedText[reducedText.IndexOf("//Comments associated to the species", StringComparison.Ordinal)..];
        foreach (string raw in trailer.Split('\n').Skip(1))
        {
            string line = raw.Trim();
            if (line.StartsWith("//", StringComparison.Ordinal) && line.EndsWith(':'))
            {
                Flush();
            }
            else if (line.StartsWith("// \t", StringComparison.Ordinal) || line.StartsWith("//\t", StringComparison.Ordinal))
            {
                current.Add(line.TrimStart('/').Trim());
            }
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (current.Count > 0)
            {
                blocks.Add(string.Join(',', current.Order(StringComparer.Ordinal)));
                current.Clear();
            }
        }
    }

    [GeneratedRegex(@"Size of initial partition: (\d+)")]
    private static partial Regex InitialSize();

    [GeneratedRegex(@"Reduced number of species: (\d+)")]
    private static partial Regex ReducedSize();
}
