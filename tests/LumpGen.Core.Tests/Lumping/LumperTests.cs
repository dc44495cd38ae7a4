using LumpGen.Format;
using LumpGen.Lumping;
using LumpGen.Model;

namespace LumpGen.Core.Tests.Lumping;

public sealed class LumperTests
{
    private static readonly Network s_fixture = FixtureE4.Instance.Network;

    [Fact]
    public void Result_reports_layers_parameters_and_provenance()
    {
        var result = Lumper.Lump(s_fixture, new LumpingOptions { Epsilon = 3 });
        Assert.Equal([(10, 4), (8, 8), (1, 1)], result.Layers.Select(l => (l.NeuronsBefore, l.NeuronsAfter)));
        Assert.Equal(137, result.ParametersBefore);
        Assert.Equal(65, result.ParametersAfter);
        Assert.Equal(100.0 * 65 / 137, result.ParametersKeptPercent, 1e-12); // same double expression
        Assert.Equal(3, result.Reduced.Metadata.Epsilon);
        Assert.Equal(137, result.Reduced.Metadata.OriginalParameterCount);
        Assert.Equal("mean", result.Reduced.Metadata.Quotient);
        Assert.Equal([0, 0, 1, 0, 2, 0, 0, 1, 0, 3], result.Reduced.Layers[0].Partition);
        Assert.Null(result.Reduced.Layers[1].Partition);
    }

    [Fact]
    public void Ablation_encodings_run_on_the_general_engine()
    {
        var forward = Lumper.Lump(s_fixture, new LumpingOptions { Encoding = NetworkEncodingKind.ForwardGraph, Epsilon = 1 });
        var recast = Lumper.Lump(s_fixture, new LumpingOptions { Encoding = NetworkEncodingKind.PolynomialRecast, Epsilon = 1 });
        Assert.Equal(LumpingEngine.General, forward.EngineUsed);
        Assert.Equal(LumpingEngine.General, recast.EngineUsed);
        Assert.All([forward, recast], r => Assert.Equal(1, r.Layers[^1].NeuronsAfter));
        Assert.Throws<ArgumentException>(() => Lumper.Lump(s_fixture, new LumpingOptions { Encoding = NetworkEncodingKind.ForwardGraph, Engine = LumpingEngine.Fast }));
    }

    [Fact]
    public void Forward_graph_merges_neurons_with_equal_outgoing_weights()
    {
        // Hidden neurons 0 and 1 have different incoming rows but the same outgoing column: only the
        // forward-graph ablation merges them; the default encoding does not.
        var network = new Network(
        [
            new DenseLayer([1f, 2f, -3f, 0.5f, 4f, 4f], [0f, 1f, 2f], Activation.Tanh),
            new DenseLayer([0.7f, 0.7f, -1f], [0f], Activation.Identity),
        ]);
        Assert.Equal(2, Lumper.Lump(network, new LumpingOptions { Encoding = NetworkEncodingKind.ForwardGraph }).Layers[0].NeuronsAfter);
        Assert.Equal(3, Lumper.Lump(network).Layers[0].NeuronsAfter);
    }

    [Fact]
    public void Polynomial_recast_rejects_non_polynomial_activations()
    {
        var relu = new Network([new DenseLayer([1f, 2f], [0f, 0f], Activation.Relu), new DenseLayer([1f, 1f], [0f], Activation.Identity)]);
        Assert.Throws<NotSupportedException>(() => Lumper.Lump(relu, new LumpingOptions { Encoding = NetworkEncodingKind.PolynomialRecast }));
    }

    [Fact]
    public void Refit_of_the_output_layer_never_increases_the_calibration_error()
    {
        // With one hidden layer the refit solves exactly the output layer's least-squares problem on the
        // calibration data, of which the plain quotient is one candidate: its error cannot be lower.
        var network = PlantedNetworks.Continuous([4, 24, 2], 11);
        var data = LumpingErrors.UniformForNetwork(network, 300, seed: 3);
        foreach (var quotient in new[] { QuotientKind.Mean, QuotientKind.Rep })
        {
            var plain = Lumper.Lump(network, new LumpingOptions { Epsilon = 8, Quotient = quotient });
            var refit = Lumper.Lump(network, new LumpingOptions { Epsilon = 8, Quotient = quotient, CalibrationInputs = data, Refit = true });
            Assert.True(plain.Layers[0].NeuronsAfter < 24, "the test needs merged neurons");
            double before = LumpingErrors.AgainstOriginal(network, plain.Reduced, data).Rmse;
            double after = LumpingErrors.AgainstOriginal(network, refit.Reduced, data).Rmse;

            // Slack 1e-6: the ridge term (1e-9 of the mean diagonal) and float32 rounding of the solution.
            Assert.True(after <= before + 1e-6, $"{quotient}: refit RMSE {after} > plain {before}");
            Assert.EndsWith("+refit", refit.Reduced.Metadata.Quotient, StringComparison.Ordinal);
        }

    }

    [Fact]
    public void Parameter_budget_search_finds_the_smallest_sufficient_epsilon()
    {
        // Fixture: ε = 0.1 → 113 parameters, ε = 0.3 → 101, ε = 3 → 65. A budget of 101 must stop at 101, not 65.
        var search = EpsilonSearch.ForParameterBudget(s_fixture, 101);
        Assert.True(search.BudgetMet);
        Assert.Equal(101, search.Result.ParametersAfter);
        Assert.InRange(search.Result.Epsilon, 0.1, 0.3);

        var impossible = EpsilonSearch.ForParameterBudget(s_fixture, 7); // one neuron per hidden layer still needs 4 + 2 + 2 = 8
        Assert.False(impossible.BudgetMet);
    }

    [Fact]
    public void Error_budget_search_stays_within_the_budget()
    {
        var inputs = LumpingErrors.UniformForNetwork(s_fixture, 200);
        var search = EpsilonSearch.ForErrorBudget(s_fixture, 0.05, inputs);
        Assert.True(search.BudgetMet);
        Assert.True(LumpingErrors.AgainstOriginal(s_fixture, search.Result.Reduced, inputs).Rmse <= 0.05);
        Assert.True(search.Result.ParametersAfter < s_fixture.ParameterCount);
    }
}
