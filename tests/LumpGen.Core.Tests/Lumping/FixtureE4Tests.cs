using LumpGen.Evaluation;
using LumpGen.Lumping;
using LumpGen.Ode;

namespace LumpGen.Core.Tests.Lumping;

/// <summary>Oracle: the reference fixture's partitions, parameter counts and outputs, by both engines.</summary>
public sealed class FixtureE4Tests
{
    private static readonly FixtureE4 s_fixture = FixtureE4.Instance;

    public static TheoryData<double> Epsilons => FixtureE4.Epsilons;

    [Fact]
    public void Encoding_matches_the_fixture_variables_and_initial_partition()
    {
        var encoding = NetworkEncoding.Encode(s_fixture.Network);
        Assert.Equal(s_fixture.Variables, encoding.System.Names);
        Assert.Equal(7, encoding.System.InitialPartition!.BlockCount);
    }

    [Fact]
    public void First_layer_distances_match_the_fixture()
    {
        var system = NetworkEncoding.Encode(s_fixture.Network).System;
        var fde = new EpsilonForwardEquivalence(system);
        fde.Prepare(system.InitialPartition!);
        foreach (var (pair, expected) in s_fixture.PairDistances)
        {
            string[] names = pair.Split('~');
            double d = fde.Distance(system.IndexOf(names[0]), system.IndexOf(names[1]), double.PositiveInfinity);

            // The fixture prints 4 decimals (±5e-5) from double weights; ours are float32 (±1e-7 each, ~30 of them).
            Assert.Equal(expected, d, 6e-5);
        }
    }

    [Theory]
    [MemberData(nameof(Epsilons))]
    public void General_engine_reproduces_the_partition(double epsilon)
    {
        var encoding = NetworkEncoding.Encode(s_fixture.Network);
        var refined = PartitionRefiner.Refine(new EpsilonForwardEquivalence(encoding.System), encoding.System.InitialPartition!, epsilon);
        var blocks = Enumerable.Range(0, refined.Partition.BlockCount)
            .Select(b => refined.Partition.Block(b).ToArray().Select(v => encoding.System.Names[v]));
        Assert.Equal(s_fixture.At(epsilon).Partition, FixtureE4.Canonical(blocks));
    }

    [Theory]
    [MemberData(nameof(Epsilons))]
    public void Both_engines_reproduce_partition_and_parameter_count(double epsilon)
    {
        var expected = s_fixture.At(epsilon);
        foreach (var engine in new[] { LumpingEngine.Fast, LumpingEngine.General })
        {
            var result = Lumper.Lump(s_fixture.Network, new LumpingOptions { Epsilon = epsilon, Engine = engine });
            Assert.Equal(engine, result.EngineUsed);
            Assert.Equal(expected.Partition, LayerBlocks(result));
            Assert.Equal(expected.ParamsOriginal, result.ParametersBefore);
            Assert.Equal(expected.ParamsReduced, result.ParametersAfter);
        }
    }

    [Theory]
    [MemberData(nameof(Epsilons))]
    public void Quotient_outputs_match_the_fixture(double epsilon)
    {
        var expected = s_fixture.At(epsilon);
        var rep = Lumper.Lump(s_fixture.Network, new LumpingOptions { Epsilon = epsilon, Quotient = QuotientKind.Rep }).Reduced;
        var mean = Lumper.Lump(s_fixture.Network, new LumpingOptions { Epsilon = epsilon, Quotient = QuotientKind.Mean }).Reduced;

        // The fixture computed in double from 4-decimal weights; we store float32 weights and quotient
        // rows (relative rounding ~6e-8 per value, ~20 values per output of magnitude ~2): 1e-5 is ample.
        AssertClose(expected.YOriginal, ReferenceEvaluator.PredictBatch(s_fixture.Network, expected.SampleInputs), 1e-5);
        AssertClose(expected.YReducedRep, ReferenceEvaluator.PredictBatch(rep, expected.SampleInputs), 1e-5);
        AssertClose(expected.YReducedMean, ReferenceEvaluator.PredictBatch(mean, expected.SampleInputs), 1e-5);
    }

    /// <summary>The per-layer partitions written as the fixture's variable-name blocks (inputs and I as singletons).</summary>
    private static SortedSet<string> LayerBlocks(LumpingResult result)
    {
        var names = s_fixture.Variables;
        var encoding = NetworkEncoding.Encode(s_fixture.Network);
        var blocks = new List<IEnumerable<string>>();
        blocks.AddRange(Enumerable.Range(0, s_fixture.Network.InputLength).Select(j => new[] { names[j] }));
        blocks.Add(["I"]);
        foreach (var layer in result.Layers)
        {
            for (int b = 0; b < layer.Partition.BlockCount; b++)
            {
                blocks.Add(layer.Partition.Block(b).ToArray().Select(i => names[encoding.NeuronVariable(layer.Index, i)]));
            }
        }

        return FixtureE4.Canonical(blocks);
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], tolerance);
        }
    }
}
