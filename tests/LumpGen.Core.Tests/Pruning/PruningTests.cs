using LumpGen.Evaluation;
using LumpGen.Format;
using LumpGen.Model;
using LumpGen.Pruning;

namespace LumpGen.Core.Tests.Pruning;

public class PruningTests
{
    private static Network Random(int seed) => RandomNetworks.Create(new Random(seed), [5, 12, 9, 2], Activation.Tanh, transforms: true);

    [Theory]
    [InlineData(PruningScope.Layer, 0.3)]
    [InlineData(PruningScope.Layer, 0.5)]
    [InlineData(PruningScope.Global, 0.5)]
    [InlineData(PruningScope.Global, 0.8)]
    public void Magnitude_pruning_keeps_exactly_the_requested_non_zeros(PruningScope scope, double sparsity)
    {
        var network = Random(1);
        long keep = SparseParameters.KeepForSparsity(network, sparsity);
        var pruned = MagnitudePruner.Prune(network, keep, scope);
        Assert.Equal(keep, SparseParameters.NonZeroCount(pruned));
        Assert.Equal(network.Shape, pruned.Shape); // shape kept, zeros stored
        Assert.Equal(network.ParameterCount, pruned.Metadata.OriginalParameterCount);
    }

    [Fact]
    public void Magnitude_pruning_removes_the_smallest_weights()
    {
        var layer = new DenseLayer([0.1f, -3f, 0.2f, 2f, -0.05f, 1f], [0f, 0f], Activation.Identity);
        var network = new Network([layer]);
        var pruned = MagnitudePruner.Prune(network, 4, PruningScope.Global); // the biases are 0, so all 4 non-zeros are weights
        Assert.Equal([0f, -3f, 0.2f, 2f, 0f, 1f], pruned.Layers[0].Weights.ToArray());
    }

    [Fact]
    public void Layer_scope_prunes_every_layer_to_the_same_fraction_and_global_does_not_have_to()
    {
        var network = Random(2);
        long keep = SparseParameters.KeepForSparsity(network, 0.5);
        var layerwise = MagnitudePruner.Prune(network, keep, PruningScope.Layer);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            double kept = (double)SparseParameters.NonZero(layerwise.Layers[l].Weights) / network.Layers[l].Weights.Length;
            Assert.InRange(kept, 0.35, 0.5); // same weight fraction in every layer (± rounding of one weight)
        }
    }

    [Fact]
    public void Wanda_scores_match_a_hand_checked_example()
    {
        // W = [[1, −2], [3, 0.5]], calibration inputs x = (1, 2) and (−1, 2):
        // ‖X_1‖ = √2, ‖X_2‖ = √8 = 2√2, so S = [[√2, 4√2], [3√2, √2]].
        var layer = new DenseLayer([1f, -2f, 3f, 0.5f], [0f, 0f], Activation.Identity);
        var norms = WandaPruner.ColumnNorms([1, 2, -1, 2], 2);
        Assert.Equal(Math.Sqrt(2), norms[0], 1e-12);
        Assert.Equal(Math.Sqrt(8), norms[1], 1e-12);
        var scores = WandaPruner.Scores(layer, norms);
        double r2 = Math.Sqrt(2);
        Assert.Equal([r2, 4 * r2, 3 * r2, r2], scores, new DoubleTolerance(1e-12));

        // Keep one weight per row: row 0 keeps −2 (score 4√2 beats √2) though |1| < |−2| anyway;
        // row 1 keeps 3. With the input norms swapped, magnitude alone would disagree with Wanda on row 0.
        var pruned = WandaPruner.Prune(new Network([layer]), [1f, 2f, -1f, 2f], 2);
        Assert.Equal([0f, -2f, 3f, 0f], pruned.Layers[0].Weights.ToArray());

        // Inputs with a large first feature: ‖X_1‖ = 20, ‖X_2‖ = 0.2 → row 0 scores 20 vs 0.4: Wanda keeps W[0,0] = 1,
        // which magnitude pruning would drop.
        var byActivation = WandaPruner.Prune(new Network([layer]), [20f, 0.2f], 2);
        Assert.Equal([1f, 0f, 3f, 0f], byActivation.Layers[0].Weights.ToArray());
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.55)]
    [InlineData(0.85)]
    public void Wanda_keeps_exactly_the_requested_non_zeros_and_balances_rows(double sparsity)
    {
        var network = Random(3);
        var calibration = RandomNetworks.Inputs(new Random(4), 64 * 5);
        long keep = SparseParameters.KeepForSparsity(network, sparsity);
        var pruned = WandaPruner.Prune(network, calibration, keep);
        Assert.Equal(keep, SparseParameters.NonZeroCount(pruned));
        foreach (var layer in pruned.Layers)
        {
            var perRow = Enumerable.Range(0, layer.OutputLength).Select(i => SparseParameters.NonZero(layer.Row(i))).ToArray();
            Assert.True(perRow.Max() - perRow.Min() <= 1, "Wanda compares weights per output row: equal counts ± 1");
        }
    }

    [Fact]
    public void Zero_sparsity_changes_nothing_and_budget_below_the_biases_is_rejected()
    {
        var network = Random(5);
        var same = MagnitudePruner.Prune(network, network.ParameterCount);
        var x = RandomNetworks.Inputs(new Random(1), 5);
        Assert.Equal(ReferenceEvaluator.Predict(network, x), ReferenceEvaluator.Predict(same, x));
        Assert.Throws<ArgumentOutOfRangeException>(() => MagnitudePruner.Prune(network, 3));
        long biases = network.Layers.Sum(l => l.OutputLength); // 23: 90% sparsity would need fewer non-zeros than that
        Assert.Throws<ArgumentOutOfRangeException>(() => WandaPruner.Prune(network, new float[5], biases - 1));
    }

    private sealed class DoubleTolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
