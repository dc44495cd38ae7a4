using CsCheck;
using LumpGen.Evaluation;
using LumpGen.Lumping;

namespace LumpGen.Core.Tests.Lumping;

/// <summary>Invariants of lumping on random networks (CsCheck; a failure prints the seed that replays it).</summary>
public sealed class LumpingPropertyTests
{
    private const int Iterations = 200;

    private static readonly Gen<(int[] Widths, int Seed)> s_networks = Gen.Select(PlantedNetworks.Widths, Gen.Int[0, int.MaxValue]);

    [Fact]
    public void Exact_duplicates_are_removed_at_epsilon_zero_and_outputs_kept() =>
        s_networks.Sample(c =>
        {
            var baseNetwork = PlantedNetworks.Continuous(c.Widths, c.Seed);
            var planted = PlantedNetworks.PlantDuplicates(baseNetwork, c.Seed + 1);
            var result = Lumper.Lump(planted, new LumpingOptions { Epsilon = 0 });

            Assert.Equal(baseNetwork.Shape, result.Reduced.Shape);
            Assert.Equal(baseNetwork.ParameterCount, result.ParametersAfter);
            var inputs = LumpingErrors.UniformForNetwork(planted, 8, c.Seed);
            var expected = ReferenceEvaluator.PredictBatch(planted, inputs);
            var actual = ReferenceEvaluator.PredictBatch(result.Reduced, inputs);
            for (int i = 0; i < expected.Length; i++)
            {
                // Merged outgoing weights are float32 sums of the split parts (rounding ~6e-8 relative each):
                // 1e-6 relative to the output, with a floor of 1 where sums of ±1 weights cancel towards 0.
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])), $"output {i}: {expected[i]} vs {actual[i]}");
            }
        }, iter: Iterations);

    [Fact]
    public void A_network_without_duplicates_is_unchanged_at_epsilon_zero() =>
        s_networks.Sample(c =>
        {
            var network = PlantedNetworks.Continuous(c.Widths, c.Seed);
            var result = Lumper.Lump(network, new LumpingOptions { Epsilon = 0 });
            Assert.Equal(network.ParameterCount, result.ParametersAfter);
            for (int l = 0; l < network.Layers.Count; l++)
            {
                Assert.Same(network.Layers[l], result.Reduced.Layers[l]);
            }
        }, iter: Iterations);

    [Fact]
    public void Neurons_never_increase_with_epsilon() =>
        Gen.Select(s_networks, Gen.Double[0, 4], Gen.Double[0, 4], Gen.Bool).Sample(c =>
        {
            var ((widths, seed), e1, e2, grid) = c;
            var network = grid ? PlantedNetworks.Grid(widths, seed) : PlantedNetworks.Continuous(widths, seed);
            var smaller = Lumper.Lump(network, new LumpingOptions { Epsilon = Math.Min(e1, e2) });
            var larger = Lumper.Lump(network, new LumpingOptions { Epsilon = Math.Max(e1, e2) });
            for (int l = 0; l < network.Layers.Count; l++)
            {
                Assert.True(larger.Layers[l].NeuronsAfter <= smaller.Layers[l].NeuronsAfter);
                Assert.True(smaller.Layers[l].Partition.IsRefinementOf(larger.Layers[l].Partition), $"layer {l}: more ε must only merge blocks");
            }

            Assert.True(larger.ParametersAfter <= smaller.ParametersAfter);
        }, iter: Iterations);

    [Fact]
    public void Fast_path_equals_general_engine() =>
        Gen.Select(s_networks, Gen.Int[0, 8], Gen.Double[0, 6], Gen.Bool).Sample(c =>
        {
            var ((widths, seed), steps, continuousEpsilon, grid) = c;

            // On the grid, ε in multiples of 0.75 = 3·¼ hits distances exactly (exact arithmetic on both sides).
            var network = grid ? PlantedNetworks.Grid(widths, seed) : PlantedNetworks.Continuous(widths, seed);
            double epsilon = grid ? steps * 0.75 : continuousEpsilon;
            var fast = Lumper.Partition(network, new LumpingOptions { Epsilon = epsilon, Engine = LumpingEngine.Fast }, out _);
            var general = Lumper.Partition(network, new LumpingOptions { Epsilon = epsilon, Engine = LumpingEngine.General }, out _);
            Assert.Equal(general, fast);
        }, iter: Iterations);
}
