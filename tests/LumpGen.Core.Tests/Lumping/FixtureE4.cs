using System.Text.Json;
using LumpGen.Format;
using LumpGen.Model;
using LumpGen.Testing;

namespace LumpGen.Core.Tests.Lumping;

/// <summary>../shared/data/reference/fixture_e4.json: a 3-10-8-1 tanh MLP and the ε-FDE partitions an independent implementation found.</summary>
internal sealed class FixtureE4
{
    private FixtureE4(JsonElement root)
    {
        var layers = root.GetProperty("layers").EnumerateArray().ToArray();
        Network = new Network(layers.Select((layer, l) => new DenseLayer(
            [.. layer.GetProperty("W").EnumerateArray().SelectMany(row => row.EnumerateArray().Select(w => (float)w.GetDouble()))],
            [.. layer.GetProperty("b").EnumerateArray().Select(b => (float)b.GetDouble())],
            l == layers.Length - 1 ? Activation.Identity : Activation.Tanh)));
        Variables = [.. root.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!)];
        PairDistances = root.GetProperty("first_layer_pair_distances_at_initial_partition").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Results = [.. root.GetProperty("results").EnumerateArray().Select(r => new Case(
            r.GetProperty("eps").GetDouble(),
            Canonical(r.GetProperty("partition").EnumerateArray().Select(b => b.EnumerateArray().Select(v => v.GetString()!))),
            r.GetProperty("params_original").GetInt64(),
            r.GetProperty("params_reduced").GetInt64(),
            [.. r.GetProperty("sample_inputs").EnumerateArray().SelectMany(s => s.EnumerateArray().Select(x => (float)x.GetDouble()))],
            [.. r.GetProperty("y_original").EnumerateArray().Select(y => y.GetDouble())],
            [.. r.GetProperty("y_reduced_rep").EnumerateArray().Select(y => y.GetDouble())],
            [.. r.GetProperty("y_reduced_mean").EnumerateArray().Select(y => y.GetDouble())]))];
    }

    public static FixtureE4 Instance { get; } = new(JsonDocument.Parse(File.ReadAllText(RepoPaths.Data("reference", "fixture_e4.json"))).RootElement);

    public Network Network { get; }

    public string[] Variables { get; }

    public Dictionary<string, double> PairDistances { get; }

    public Case[] Results { get; }

    public static TheoryData<double> Epsilons => [.. Instance.Results.Select(r => r.Epsilon)];

    public Case At(double epsilon) => Results.Single(r => r.Epsilon == epsilon);

    /// <summary>Blocks as sorted "a,b" strings, so partitions compare regardless of order.</summary>
    public static SortedSet<string> Canonical(IEnumerable<IEnumerable<string>> blocks) =>
        new(blocks.Select(b => string.Join(',', b.Order(StringComparer.Ordinal))), StringComparer.Ordinal);

    public sealed record Case(
        double Epsilon,
        SortedSet<string> Partition,
        long ParamsOriginal,
        long ParamsReduced,
        float[] SampleInputs,
        double[] YOriginal,
        double[] YReducedRep,
        double[] YReducedMean);
}
